import { daysBetween, localDate, nightsOf, toIso2 } from '@staystream/domain';
import type {
  Customer,
  CustomerAlias,
  CustomerRecord,
  IdentityChange,
  EnrichedFeedback,
  EnrichedReservation,
  EnrichedStay,
  FeedbackEvent,
  ReservationEvent,
  StayEvent,
  StayNight,
} from '@staystream/schemas';
import { assignCustomer, type CustomerAssignment } from './customer-id';

export interface PropertyContext {
  timezone: string;
}

export interface Enriched {
  reservations: EnrichedReservation[];
  stays: EnrichedStay[];
  stayNights: StayNight[];
  feedback: EnrichedFeedback[];
  customers: Customer[];
  customerRecords: CustomerRecord[];
  identityChanges: IdentityChange[];
  customerAliases: CustomerAlias[];
}

export function emptyEnriched(): Enriched {
  return {
    reservations: [], stays: [], stayNights: [], feedback: [], customers: [],
    customerRecords: [], identityChanges: [], customerAliases: [],
  };
}

/** The customer identity resolution found for an event's guests. */
export interface ResolvedIdentity {
  customerId: string;
  recordId: string;
  customer: Customer | null;
  records: CustomerRecord[];
  changes: IdentityChange[];
  aliases: CustomerAlias[];
}

/** The event's customer: the resolved one, else a stable id from its strongest identifier. */
function customerOf(
  identity: ResolvedIdentity | null,
  fallback: () => CustomerAssignment,
  country: string | null,
  seenAt: number,
  sourceSystem: string,
  out: Enriched,
  tenantId = '',
): { customerId: string; recordId: string } {
  if (identity) {
    if (identity.customer) out.customers.push(identity.customer);
    out.customerRecords.push(...identity.records);
    out.identityChanges.push(...identity.changes);
    out.customerAliases.push(...identity.aliases);
    return { customerId: identity.customerId, recordId: identity.recordId };
  }
  const assignment = fallback();
  out.customers.push(customerRecord(tenantId, sourceSystem, assignment, country, seenAt));
  return { customerId: assignment.customerId, recordId: '' };
}

/** Statuses whose nights bring revenue; cancelled and no-show reservations earn none here. */
const EARNING = new Set(['confirmed', 'in_house', 'checked_out']);

export function enrichReservation(
  event: ReservationEvent,
  property: PropertyContext,
  out: Enriched,
  identity: ResolvedIdentity | null = null,
): void {
  const e = event.envelope;
  const customer = customerOf(identity, () => assignCustomer(e.tenant_id, e.source_system, event.guests, {
    kind: 'reservation',
    id: `${e.property_id}:${event.reservation_id}`,
  }), event.guest_country, e.occurred_at, e.source_system, out, e.tenant_id);
  const nights = Math.max(0, daysBetween(event.arrival_date, event.departure_date));
  const bookingDate = event.booked_at === null ? null : localDate(event.booked_at, property.timezone);
  const revenue = EARNING.has(event.status) ? (event.total_room_net ?? (event.nightly_rate ?? 0) * nights) : 0;

  out.reservations.push({
    event_id: e.event_id,
    tenant_id: e.tenant_id,
    property_id: e.property_id,
    source_system: e.source_system,
    reservation_id: event.reservation_id,
    customer_id: customer.customerId,
    guest_record_id: customer.recordId,
    status: event.status,
    source_status: event.source_status ?? event.status,
    booking_date: bookingDate,
    cancelled_at: event.cancelled_at,
    arrival_date: event.arrival_date,
    departure_date: event.departure_date,
    nights,
    lead_time_days: bookingDate === null ? null : Math.max(0, daysBetween(bookingDate, event.arrival_date)),
    adults: event.adults,
    children: event.children,
    babies: event.babies,
    room_type: event.room_type ?? '',
    meal_plan: event.meal_plan ?? '',
    channel: event.channel ?? '',
    market_segment: event.market_segment ?? '',
    customer_type: event.customer_type ?? '',
    deposit_type: event.deposit_type ?? '',
    currency: event.currency,
    nightly_rate: event.nightly_rate,
    room_revenue: round2(revenue),
    guest_country: country(event.guest_country),
    is_repeated_guest: event.is_repeated_guest ?? false,
    version: e.source_version,
    occurred_at: e.occurred_at,
    received_at: e.received_at,
  });
}

export function enrichStay(event: StayEvent, out: Enriched, identity: ResolvedIdentity | null = null): void {
  const e = event.envelope;
  const customer = customerOf(identity, () => assignCustomer(e.tenant_id, e.source_system, event.guests, {
    kind: 'reservation',
    id: `${e.property_id}:${event.reservation_id}`,
  }), event.guest_country, e.occurred_at, e.source_system, out, e.tenant_id);
  const nights = nightsOf(event.check_in_date, event.check_out_date);
  const revenue = event.room_revenue_net ?? 0;
  const guestCountry = country(event.guest_country);

  out.stays.push({
    event_id: e.event_id,
    tenant_id: e.tenant_id,
    property_id: e.property_id,
    source_system: e.source_system,
    reservation_id: event.reservation_id,
    customer_id: customer.customerId,
    guest_record_id: customer.recordId,
    stay_kind: event.stay_kind,
    check_in_date: event.check_in_date,
    check_out_date: event.check_out_date,
    nights: nights.length,
    adults: event.adults,
    children: event.children,
    currency: event.currency,
    room_revenue: round2(revenue),
    guest_country: guestCountry,
    version: e.source_version,
    received_at: e.received_at,
  });

  for (const stayDate of nights) {
    out.stayNights.push({
      event_id: e.event_id,
      tenant_id: e.tenant_id,
      property_id: e.property_id,
      reservation_id: event.reservation_id,
      stay_date: stayDate,
      customer_id: customer.customerId,
      room_revenue: round2(revenue / nights.length),
      currency: event.currency,
      adults: event.adults,
      children: event.children,
      guest_country: guestCountry,
      version: e.source_version,
    });
  }
}

export function enrichFeedback(
  event: FeedbackEvent,
  property: PropertyContext,
  out: Enriched,
  identity: ResolvedIdentity | null = null,
): void {
  const e = event.envelope;
  const customer = identity ? null : event.reservation_id
    ? assignCustomer(e.tenant_id, e.source_system, event.guests, { kind: 'reservation', id: `${e.property_id}:${event.reservation_id}` })
    : event.guests.length > 0
      ? assignCustomer(e.tenant_id, e.source_system, event.guests, { kind: 'feedback', id: `${e.property_id}:${event.feedback_id}` })
      : null;

  out.feedback.push({
    event_id: e.event_id,
    tenant_id: e.tenant_id,
    property_id: e.property_id,
    source_system: e.source_system,
    feedback_id: event.feedback_id,
    site: event.site,
    reservation_id: event.reservation_id ?? '',
    customer_id: identity?.customerId ?? customer?.customerId ?? '',
    guest_record_id: identity?.recordId ?? '',
    submitted_at: e.occurred_at,
    review_date: localDate(e.occurred_at, property.timezone),
    score_0_100: round2(((event.score_raw - event.scale_min) / (event.scale_max - event.scale_min)) * 100),
    nps_score: event.nps_score,
    reviewer_country: country(event.reviewer_country),
    version: e.source_version,
  });
  if (identity) {
    customerOf(identity, () => { throw new Error('unreachable'); }, null, e.occurred_at, e.source_system, out, e.tenant_id);
  } else if (customer && customer.guest) {
    out.customers.push(customerRecord(e.tenant_id, e.source_system, customer, event.reviewer_country, e.occurred_at));
  }
}

function customerRecord(
  tenantId: string,
  sourceSystem: string,
  assignment: CustomerAssignment,
  fallbackCountry: string | null,
  seenAt: number,
): Customer {
  const guest = assignment.guest;
  return {
    customer_id: assignment.customerId,
    tenant_id: tenantId,
    given_name: guest?.given_name?.normalize('NFC').trim() ?? '',
    family_name: guest?.family_name?.normalize('NFC').trim() ?? '',
    email: guest?.email?.trim().toLowerCase() ?? '',
    phone: guest?.phone?.trim() ?? '',
    country: country(guest?.country ?? fallbackCountry),
    identity_key: assignment.identityKey,
    sources: [sourceSystem],
    first_seen_at: seenAt,
    last_seen_at: seenAt,
    version: seenAt,
  };
}

function country(value: string | null | undefined): string {
  return toIso2(value) ?? '';
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
