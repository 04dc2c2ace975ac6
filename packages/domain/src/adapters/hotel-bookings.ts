import type { FieldIssue } from '@staystream/errors';
import { addDays, localMidnight } from '../dates';
import type { BatchAdapter, MappedEvent, RowMapping } from './types';

/**
 * The "Hotel booking demand" export (Antonio, de Almeida, Nunes, Data in Brief 22, 2019):
 * one row per booking of two Portuguese hotels, guest identity removed by the authors.
 * Each row becomes a reservation event; checked-out rows also become a stay event.
 */
export const SOURCE_SYSTEM = 'hotel-booking-demand';
const TIME_ZONE = 'Europe/Lisbon';
const CURRENCY = 'EUR';

/**
 * The paper places the resort hotel in the Algarve and the city hotel in Lisbon; the exact
 * addresses were withheld, so the coordinates are those of the region and city centres.
 */
const PROPERTIES: Record<string, Record<string, unknown>> = {
  'Resort Hotel': {
    property_id: 'hbd-resort-hotel',
    name: 'Resort Hotel',
    city: 'Albufeira',
    region: 'Algarve',
    country: 'PT',
    latitude: 37.0891,
    longitude: -8.2479,
    timezone: TIME_ZONE,
    rooms: null,
    version: 1,
  },
  'City Hotel': {
    property_id: 'hbd-city-hotel',
    name: 'City Hotel',
    city: 'Lisbon',
    region: 'Lisboa',
    country: 'PT',
    latitude: 38.7223,
    longitude: -9.1393,
    timezone: TIME_ZONE,
    rooms: null,
    version: 1,
  },
};

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

const STATUSES: Record<string, { status: string; canceled: string }> = {
  'Check-Out': { status: 'checked_out', canceled: '0' },
  Canceled: { status: 'cancelled', canceled: '1' },
  'No-Show': { status: 'no_show', canceled: '1' },
};

const REQUIRED = [
  'hotel', 'is_canceled', 'lead_time', 'arrival_date_year', 'arrival_date_month',
  'arrival_date_day_of_month', 'stays_in_weekend_nights', 'stays_in_week_nights', 'adults',
  'children', 'babies', 'meal', 'country', 'market_segment', 'distribution_channel',
  'is_repeated_guest', 'reserved_room_type', 'assigned_room_type', 'deposit_type', 'agent',
  'company', 'customer_type', 'adr', 'reservation_status', 'reservation_status_date',
] as const;

const EXTRA_ATTRIBUTES = [
  'arrival_date_week_number', 'previous_cancellations', 'previous_bookings_not_canceled',
  'booking_changes', 'days_in_waiting_list', 'required_car_parking_spaces',
  'total_of_special_requests',
] as const;

export interface HotelBookingsOptions {
  /** Gives the guests of a row (e.g. a synthetic-guest generator); none by default. */
  guestsFor?: (row: Record<string, string>, rowNumber: number) => Record<string, unknown>[];
}

export function hotelBookingsAdapter(options: HotelBookingsOptions = {}): BatchAdapter {
  return {
    name: 'hotel-bookings',
    description: 'Hotel booking demand export (hotel_bookings.csv, 32 columns)',
    sourceSystem: SOURCE_SYSTEM,
    requiredColumns: REQUIRED,
    properties: () => Object.values(PROPERTIES),
    mapRow: (row, rowNumber) => mapRow(row, rowNumber, options),
    propertyIdOf: (row) => (PROPERTIES[row.hotel ?? '']?.property_id as string | undefined) ?? null,
  };
}

function mapRow(row: Record<string, string>, rowNumber: number, options: HotelBookingsOptions): RowMapping {
  const issues: FieldIssue[] = [];
  const property = PROPERTIES[row.hotel ?? ''];
  if (!property) issues.push(issue('hotel', 'unknown_property', `unknown hotel ${JSON.stringify(row.hotel)}`));

  const arrival = arrivalDate(row, issues);
  const status = STATUSES[row.reservation_status ?? ''];
  if (!status) {
    issues.push(issue('reservation_status', 'invalid_enum', `unknown status ${JSON.stringify(row.reservation_status)}`));
  } else if (status.canceled !== row.is_canceled) {
    issues.push(issue('is_canceled', 'inconsistent', `is ${row.is_canceled} but reservation_status is ${row.reservation_status}`));
  }
  const nights = integer(row, 'stays_in_weekend_nights', issues) + integer(row, 'stays_in_week_nights', issues);
  const leadTime = integer(row, 'lead_time', issues);
  const adr = decimal(row, 'adr', issues);
  const statusDate = row.reservation_status_date ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(statusDate)) {
    issues.push(issue('reservation_status_date', 'invalid_date', 'expected YYYY-MM-DD'));
  }
  if (issues.length > 0 || !property || !arrival || !status) return { ok: false, issues };

  const departure = addDays(arrival, nights);
  const statusInstant = localMidnight(statusDate, TIME_ZONE);
  const reservationId = `${rowNumber}`;
  const guests = options.guestsFor?.(row, rowNumber) ?? [];
  const common = {
    property_id: property.property_id,
    source_system: SOURCE_SYSTEM,
    property_timezone: TIME_ZONE,
    reservation_id: reservationId,
    currency: CURRENCY,
    guest_country: nullable(row.country),
    guests,
  };

  const events: MappedEvent[] = [
    {
      type: 'reservation',
      input: {
        ...common,
        event_kind: status.status === 'checked_out' ? 'checked_out' : status.status,
        source_version: statusInstant,
        occurred_at: statusInstant,
        status: status.status,
        source_status: row.reservation_status,
        booked_at: localMidnight(addDays(arrival, -leadTime), TIME_ZONE),
        cancelled_at: status.status === 'cancelled' ? statusInstant : null,
        arrival_date: arrival,
        departure_date: departure,
        adults: integer(row, 'adults', issues),
        children: optionalInteger(row.children),
        babies: optionalInteger(row.babies),
        room_type: nullable(row.reserved_room_type),
        assigned_room_type: nullable(row.assigned_room_type),
        meal_plan: nullable(row.meal),
        channel: nullable(row.distribution_channel),
        market_segment: nullable(row.market_segment),
        customer_type: nullable(row.customer_type),
        deposit_type: nullable(row.deposit_type),
        agent: nullable(row.agent),
        company: nullable(row.company),
        nightly_rate: adr,
        total_room_net: status.status === 'checked_out' ? round2(adr * nights) : null,
        is_repeated_guest: row.is_repeated_guest === '1',
        attributes: Object.fromEntries(EXTRA_ATTRIBUTES.filter((c) => row[c] !== undefined).map((c) => [c, row[c]!])),
      },
    },
  ];

  if (status.status === 'checked_out') {
    events.push({
      type: 'stay',
      input: {
        ...common,
        stay_kind: 'checked_out',
        source_version: statusInstant,
        occurred_at: statusInstant,
        check_in_date: arrival,
        check_out_date: departure,
        adults: integer(row, 'adults', issues),
        children: optionalInteger(row.children),
        room_type: nullable(row.assigned_room_type),
        room_revenue_net: round2(adr * nights),
      },
    });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, events };
}

function arrivalDate(row: Record<string, string>, issues: FieldIssue[]): string | null {
  const month = MONTHS.indexOf(row.arrival_date_month ?? '');
  if (month < 0) {
    issues.push(issue('arrival_date_month', 'invalid_enum', `unknown month ${JSON.stringify(row.arrival_date_month)}`));
    return null;
  }
  const year = Number(row.arrival_date_year);
  const day = Number(row.arrival_date_day_of_month);
  const date = new Date(Date.UTC(year, month, day));
  if (!Number.isInteger(year) || !Number.isInteger(day) || date.getUTCDate() !== day) {
    issues.push(issue('arrival_date_day_of_month', 'invalid_date', 'not a day of that month'));
    return null;
  }
  return date.toISOString().slice(0, 10);
}

function integer(row: Record<string, string>, column: string, issues: FieldIssue[]): number {
  const text = row[column] ?? '';
  if (!/^\d+$/.test(text)) {
    issues.push(issue(column, 'invalid_number', `expected a whole number, got ${JSON.stringify(text)}`));
    return 0;
  }
  return Number(text);
}

/** The export writes NA where a count is missing; a missing count of children is none. */
function optionalInteger(text: string | undefined): number {
  return text && /^\d+$/.test(text) ? Number(text) : 0;
}

function decimal(row: Record<string, string>, column: string, issues: FieldIssue[]): number {
  const text = row[column] ?? '';
  const value = Number(text);
  if (text === '' || !Number.isFinite(value)) {
    issues.push(issue(column, 'invalid_number', `expected a number, got ${JSON.stringify(text)}`));
    return 0;
  }
  return value;
}

function nullable(text: string | undefined): string | null {
  const value = text?.trim() ?? '';
  return value === '' || value === 'NULL' || value === 'NA' ? null : value;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function issue(field: string, code: string, message: string): FieldIssue {
  return { field, code, message };
}
