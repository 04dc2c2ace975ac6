import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { FieldIssue } from '@staystream/errors';
import type {
  Envelope,
  FeedbackEvent,
  GuestRef,
  PropertyRecord,
  ReservationEvent,
  StayEvent,
} from '@staystream/schemas';
import { toIso2 } from './countries';
import { isIsoDate, isTimeZone } from './dates';
import { coordinateIssues } from './geo';

/** What hotel systems send: one flat JSON object per event, field names as in the Avro schemas. */

const id = (max = 128) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

const code = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9._:@-]+$/, 'may hold letters, digits and . _ : @ - only');

const isoDate = z.string().refine(isIsoDate, 'expected a calendar date as YYYY-MM-DD');

const instant = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms) || (typeof value === 'string' && !/\d{4}-\d{2}-\d{2}T/.test(value))) {
    ctx.addIssue({ code: 'custom', message: 'expected an ISO 8601 date-time or epoch milliseconds' });
    return z.NEVER;
  }
  return Math.trunc(ms);
});

const optionalText = (max: number) =>
  z.string().max(max, `must be at most ${max} characters`).nullish().transform((v) => v ?? null);

const count = (max: number) =>
  z.number().int('must be a whole number').min(0, 'must not be negative').max(max, `must be at most ${max}`);

const amount = z.number().min(0, 'must not be negative').max(1e9, 'is implausibly large');

const currency = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, 'expected an ISO 4217 code such as EUR')
  .transform((v) => v.toUpperCase());

const country = z
  .string()
  .nullish()
  .transform((value, ctx) => {
    const iso2 = toIso2(value);
    if (iso2 === undefined) {
      ctx.addIssue({ code: 'custom', message: `unknown country code ${JSON.stringify(value)}` });
      return z.NEVER;
    }
    return iso2;
  });

const timeZone = z
  .string()
  .refine(isTimeZone, 'expected an IANA time zone such as Europe/Lisbon')
  .nullish()
  .transform((v) => v ?? null);

const guest = z.object({
  role: z.enum(['booker', 'guest', 'companion']).default('guest'),
  source_profile_id: optionalText(128),
  given_name: optionalText(200),
  family_name: optionalText(200),
  email: optionalText(320),
  phone: optionalText(64),
  birth_date: isoDate.nullish().transform((v) => v ?? null),
  loyalty_program: optionalText(64),
  loyalty_number: optionalText(64),
  address: optionalText(500),
  city: optionalText(200),
  postcode: optionalText(32),
  country: country,
});

const envelopeFields = {
  event_id: id().optional(),
  event_kind: code.optional(),
  tenant_id: code.default('default'),
  property_id: code,
  source_system: code,
  source_version: instant.optional(),
  occurred_at: instant,
  property_timezone: timeZone,
};

const guests = z.array(guest).max(50, 'must list at most 50 guests').default([]);

export const ReservationInput = z
  .object({
    ...envelopeFields,
    reservation_id: id(),
    status: z.enum(['inquiry', 'tentative', 'confirmed', 'in_house', 'checked_out', 'cancelled', 'no_show', 'deleted']),
    source_status: optionalText(64),
    booked_at: instant.nullish().transform((v) => v ?? null),
    cancelled_at: instant.nullish().transform((v) => v ?? null),
    arrival_date: isoDate,
    departure_date: isoDate,
    adults: count(100),
    children: count(100).default(0),
    babies: count(100).default(0),
    room_type: optionalText(64),
    assigned_room_type: optionalText(64),
    meal_plan: optionalText(64),
    channel: optionalText(64),
    market_segment: optionalText(64),
    customer_type: optionalText(64),
    deposit_type: optionalText(64),
    agent: optionalText(64),
    company: optionalText(64),
    currency,
    nightly_rate: amount.nullish().transform((v) => v ?? null),
    total_room_net: amount.nullish().transform((v) => v ?? null),
    guest_country: country,
    is_repeated_guest: z.boolean().nullish().transform((v) => v ?? null),
    special_requests: optionalText(2000),
    guests,
    attributes: z.record(z.string(), z.string().max(500)).default({}),
  })
  .superRefine((value, ctx) => {
    if (value.departure_date < value.arrival_date) {
      ctx.addIssue({ code: 'custom', path: ['departure_date'], message: 'must not be before arrival_date' });
    }
    if (value.adults + value.children + value.babies === 0) {
      ctx.addIssue({ code: 'custom', path: ['adults'], message: 'a reservation needs at least one guest' });
    }
  });

export const StayInput = z
  .object({
    ...envelopeFields,
    reservation_id: id(),
    stay_kind: z.enum(['checked_in', 'checked_out', 'check_out_reverted', 'dates_changed_in_house']).default('checked_out'),
    check_in_date: isoDate,
    check_out_date: isoDate,
    adults: count(100),
    children: count(100).default(0),
    room_type: optionalText(64),
    currency,
    room_revenue_net: amount.nullish().transform((v) => v ?? null),
    guest_country: country,
    guests,
  })
  .superRefine((value, ctx) => {
    if (value.check_out_date < value.check_in_date) {
      ctx.addIssue({ code: 'custom', path: ['check_out_date'], message: 'must not be before check_in_date' });
    }
  });

export const FeedbackInput = z
  .object({
    ...envelopeFields,
    feedback_id: id(),
    site: code,
    reservation_id: optionalText(128),
    score_raw: z.number(),
    scale_min: z.number().default(0),
    scale_max: z.number(),
    nps_score: z.number().int().min(0, 'must be 0 to 10').max(10, 'must be 0 to 10').nullish().transform((v) => v ?? null),
    reviewer_country: country,
    title: optionalText(500),
    text: optionalText(20_000),
    guests: z.array(guest).max(1, 'a feedback item has at most one author').default([]),
  })
  .superRefine((value, ctx) => {
    if (value.scale_max <= value.scale_min) {
      ctx.addIssue({ code: 'custom', path: ['scale_max'], message: 'must be greater than scale_min' });
    } else if (value.score_raw < value.scale_min || value.score_raw > value.scale_max) {
      ctx.addIssue({ code: 'custom', path: ['score_raw'], message: `must lie within ${value.scale_min}-${value.scale_max}` });
    }
  });

export const PropertyInput = z.object({
  property_id: code,
  tenant_id: code.default('default'),
  name: id(200),
  brand: optionalText(200),
  city: optionalText(200),
  region: optionalText(200),
  country: country.refine((v) => v !== null, 'is required'),
  latitude: z.number().min(-90, 'must lie within -90..90').max(90, 'must lie within -90..90').nullish().transform((v) => v ?? null),
  longitude: z.number().min(-180, 'must lie within -180..180').max(180, 'must lie within -180..180').nullish().transform((v) => v ?? null),
  timezone: z.string().refine(isTimeZone, 'expected an IANA time zone such as Europe/Lisbon'),
  rooms: z.number().int().positive('must be positive').nullish().transform((v) => v ?? null),
  version: instant.optional(),
}).superRefine((value, ctx) => {
  if (!value.country) return;
  for (const found of coordinateIssues(value.country, value.latitude, value.longitude)) {
    ctx.addIssue({ code: 'custom', path: [found.field], message: found.message, params: { reason: found.code } });
  }
});

export const EVENT_TYPES = ['reservation', 'stay', 'feedback'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export type RawEvent =
  | { type: 'reservation'; record: ReservationEvent; key: string }
  | { type: 'stay'; record: StayEvent; key: string }
  | { type: 'feedback'; record: FeedbackEvent; key: string };

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

const DEFAULT_KIND: Record<EventType, string> = {
  reservation: 'snapshot',
  stay: 'checked_out',
  feedback: 'online_review',
};

/** Validates one incoming event and builds its Avro record; bad input yields field issues. */
export function parseEvent(type: EventType, input: unknown, receivedAt: number): ParseResult<RawEvent> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, issues: [{ field: '(root)', code: 'invalid_type', message: 'expected a JSON object' }] };
  }

  switch (type) {
    case 'reservation': {
      const parsed = ReservationInput.safeParse(input);
      if (!parsed.success) return { ok: false, issues: toIssues(parsed.error) };
      const { guests: people, ...v } = parsed.data;
      const envelope = buildEnvelope(type, v, v.reservation_id, receivedAt);
      const record: ReservationEvent = {
        envelope,
        reservation_id: v.reservation_id,
        status: v.status,
        source_status: v.source_status,
        booked_at: v.booked_at,
        cancelled_at: v.cancelled_at,
        arrival_date: v.arrival_date,
        departure_date: v.departure_date,
        adults: v.adults,
        children: v.children,
        babies: v.babies,
        room_type: v.room_type,
        assigned_room_type: v.assigned_room_type,
        meal_plan: v.meal_plan,
        channel: v.channel,
        market_segment: v.market_segment,
        customer_type: v.customer_type,
        deposit_type: v.deposit_type,
        agent: v.agent,
        company: v.company,
        currency: v.currency,
        nightly_rate: v.nightly_rate,
        total_room_net: v.total_room_net,
        guest_country: v.guest_country,
        is_repeated_guest: v.is_repeated_guest,
        special_requests: v.special_requests,
        guests: people.map(toGuestRef),
        attributes: v.attributes,
      };
      return { ok: true, value: { type, record, key: reservationKey(envelope, v.reservation_id) } };
    }
    case 'stay': {
      const parsed = StayInput.safeParse(input);
      if (!parsed.success) return { ok: false, issues: toIssues(parsed.error) };
      const { guests: people, ...v } = parsed.data;
      const envelope = buildEnvelope(type, { ...v, event_kind: v.event_kind ?? v.stay_kind }, v.reservation_id, receivedAt);
      const record: StayEvent = {
        envelope,
        reservation_id: v.reservation_id,
        stay_kind: v.stay_kind,
        check_in_date: v.check_in_date,
        check_out_date: v.check_out_date,
        adults: v.adults,
        children: v.children,
        room_type: v.room_type,
        currency: v.currency,
        room_revenue_net: v.room_revenue_net,
        guest_country: v.guest_country,
        guests: people.map(toGuestRef),
      };
      return { ok: true, value: { type, record, key: reservationKey(envelope, v.reservation_id) } };
    }
    case 'feedback': {
      const parsed = FeedbackInput.safeParse(input);
      if (!parsed.success) return { ok: false, issues: toIssues(parsed.error) };
      const { guests: people, ...v } = parsed.data;
      const envelope = buildEnvelope(type, v, v.feedback_id, receivedAt);
      const record: FeedbackEvent = {
        envelope,
        feedback_id: v.feedback_id,
        site: v.site,
        reservation_id: v.reservation_id,
        score_raw: v.score_raw,
        scale_min: v.scale_min,
        scale_max: v.scale_max,
        nps_score: v.nps_score,
        reviewer_country: v.reviewer_country,
        title: v.title,
        text: v.text,
        guests: people.map(toGuestRef),
      };
      const key = v.reservation_id ? reservationKey(envelope, v.reservation_id) : `${envelope.tenant_id}:${envelope.property_id}`;
      return { ok: true, value: { type, record, key } };
    }
  }
}

export function parseProperty(input: unknown, receivedAt: number): ParseResult<PropertyRecord> {
  const parsed = PropertyInput.safeParse(input);
  if (!parsed.success) return { ok: false, issues: toIssues(parsed.error) };
  const { version, ...v } = parsed.data;
  return { ok: true, value: { ...v, country: v.country!, version: version ?? receivedAt } };
}

interface EnvelopeInput {
  event_id?: string | undefined;
  event_kind?: string | undefined;
  tenant_id: string;
  property_id: string;
  source_system: string;
  source_version?: number | undefined;
  occurred_at: number;
  property_timezone: string | null;
}

function buildEnvelope(type: EventType, v: EnvelopeInput, entityId: string, receivedAt: number): Envelope {
  const sourceVersion = v.source_version ?? v.occurred_at;
  return {
    event_id: v.event_id ?? deriveEventId([v.tenant_id, v.source_system, v.property_id, type, entityId, String(sourceVersion)]),
    event_type: type,
    event_kind: v.event_kind ?? DEFAULT_KIND[type],
    schema_version: 1,
    tenant_id: v.tenant_id,
    property_id: v.property_id,
    source_system: v.source_system,
    source_entity_id: entityId,
    source_version: sourceVersion,
    occurred_at: v.occurred_at,
    received_at: receivedAt,
    property_timezone: v.property_timezone,
    card_data_scrubbed: false,
  };
}

/** A deterministic event id, so that a retried or re-imported event collapses into one. */
export function deriveEventId(parts: string[]): string {
  return createHash('sha256').update(parts.join('\u001f')).digest('hex').slice(0, 32);
}

/** Every version of one reservation shares this key, hence one partition and its order. */
export function reservationKey(envelope: Envelope, reservationId: string): string {
  return `${envelope.tenant_id}:${envelope.property_id}:${reservationId}`;
}

function toGuestRef(g: z.infer<typeof guest>): GuestRef {
  return { ...g };
}

export function toIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : '(root)',
    code: issue.code === 'custom' && typeof issue.params?.reason === 'string' ? issue.params.reason : issue.code,
    message: issue.message,
  }));
}
