export { countryFromName, toIso2 } from './countries';
export { coordinateIssues, countriesAt } from './geo';
export { addDays, daysBetween, isIsoDate, isTimeZone, localDate, localMidnight, nightsOf } from './dates';
export {
  EVENT_TYPES,
  FeedbackInput,
  PropertyInput,
  ReservationInput,
  StayInput,
  deriveEventId,
  parseEvent,
  parseProperty,
  reservationKey,
  toIssues,
} from './inputs';
export type { EventType, ParseResult, RawEvent } from './inputs';
export { ADAPTER_NAMES, createAdapter, detectAdapter } from './adapters';
export type { AdapterOptions } from './adapters';
export { SOURCE_SYSTEM as HOTEL_BOOKINGS_SOURCE, hotelBookingsAdapter } from './adapters/hotel-bookings';
export type { HotelBookingsOptions } from './adapters/hotel-bookings';
export {
  HOTEL_COLUMNS as BOOKING_HOTEL_COLUMNS,
  SOURCE_SYSTEM as BOOKING_REVIEWS_SOURCE,
  bookingReviewsAdapter,
  hotelPropertyId,
  hotelToProperty,
} from './adapters/booking-reviews';
export type { BookingReviewsOptions, HotelMapping } from './adapters/booking-reviews';
export { PROPERTY_COLUMNS, propertyFromRow } from './properties-csv';
export type { BatchAdapter, MappedEvent, RowMapping } from './adapters/types';
