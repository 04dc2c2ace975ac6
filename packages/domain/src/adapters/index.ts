import type { BatchAdapter } from './types';
import { hotelBookingsAdapter, type HotelBookingsOptions } from './hotel-bookings';
import { bookingReviewsAdapter, type BookingReviewsOptions } from './booking-reviews';

export interface AdapterOptions {
  hotelBookings?: HotelBookingsOptions;
  bookingReviews?: BookingReviewsOptions;
}

const FACTORIES: Record<string, (options: AdapterOptions) => BatchAdapter> = {
  'hotel-bookings': (options) => hotelBookingsAdapter(options.hotelBookings),
  'booking-reviews': (options) => bookingReviewsAdapter(options.bookingReviews),
};

export const ADAPTER_NAMES = Object.keys(FACTORIES);

export function createAdapter(name: string, options: AdapterOptions = {}): BatchAdapter | undefined {
  return FACTORIES[name]?.(options);
}

/** The first adapter whose required columns the file's header holds. */
export function detectAdapter(columns: string[], options: AdapterOptions = {}): BatchAdapter | undefined {
  const present = new Set(columns);
  return ADAPTER_NAMES.map((name) => createAdapter(name, options)!).find((adapter) =>
    adapter.requiredColumns.every((column) => present.has(column)),
  );
}
