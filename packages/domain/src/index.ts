export { toIso2 } from './countries';
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
export type { BatchAdapter, MappedEvent, RowMapping } from './adapters/types';
