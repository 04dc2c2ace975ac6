import { buildKpiQuery, parseKpiRequest, type Kpi } from '@staystream/analytics';
import { refreshRollups, type ClickHouse } from '@staystream/clickhouse';
import { openTestDatabase } from './pipeline';

/*
 * A hand-made hotel group in a private database: two Amsterdam hotels with room counts and a
 * London hotel without one, a few reservations, nights and reviews in March 2026. Every
 * expected value below is worked out by hand from these rows, in the comment beside it.
 * 2026-03-01 is a Sunday; March has 31 days.
 */
const PROPERTIES = [
  { property_id: 'ams-1', name: 'Dam Hotel', city: 'Amsterdam', region: 'North Holland', country: 'NL', latitude: 52.3731, longitude: 4.8926, timezone: 'Europe/Amsterdam', rooms: 10 },
  { property_id: 'ams-2', name: 'Museum Hotel', city: 'Amsterdam', region: 'North Holland', country: 'NL', latitude: 52.36, longitude: 4.885, timezone: 'Europe/Amsterdam', rooms: 20 },
  { property_id: 'lon-1', name: 'Strand Hotel', city: 'London', region: 'England', country: 'GB', latitude: 51.5074, longitude: -0.1278, timezone: 'Europe/London', rooms: null },
];

interface Booking {
  property: string;
  id: string;
  status: string;
  arrival: string;
  nights: number;
  lead: number;
  channel: string;
  segment: string;
  country: string;
  customer: string;
  adults: number;
  rate: number;
  repeated?: boolean;
  version?: number;
}

const BOOKINGS: Booking[] = [
  // R1 was confirmed (version 1), then checked out (version 2); the batch of version 2 arrives twice.
  { property: 'ams-1', id: 'R1', status: 'confirmed', arrival: '2026-03-02', nights: 4, lead: 10, channel: 'Direct', segment: 'Leisure', country: 'DE', customer: 'C1', adults: 2, rate: 100, version: 1 },
  { property: 'ams-1', id: 'R1', status: 'checked_out', arrival: '2026-03-02', nights: 3, lead: 10, channel: 'Direct', segment: 'Leisure', country: 'DE', customer: 'C1', adults: 2, rate: 100, version: 2 },
  { property: 'ams-1', id: 'R1', status: 'checked_out', arrival: '2026-03-02', nights: 3, lead: 10, channel: 'Direct', segment: 'Leisure', country: 'DE', customer: 'C1', adults: 2, rate: 100, version: 2 },
  { property: 'ams-1', id: 'R2', status: 'confirmed', arrival: '2026-03-10', nights: 2, lead: 30, channel: 'OTA', segment: 'Leisure', country: 'FR', customer: 'C5', adults: 2, rate: 90, version: 1 },
  { property: 'ams-1', id: 'R2', status: 'cancelled', arrival: '2026-03-10', nights: 2, lead: 30, channel: 'OTA', segment: 'Leisure', country: 'FR', customer: 'C5', adults: 2, rate: 90, version: 2 },
  { property: 'ams-1', id: 'R3', status: 'no_show', arrival: '2026-03-12', nights: 1, lead: 6, channel: 'OTA', segment: 'Leisure', country: 'IT', customer: 'C6', adults: 1, rate: 80 },
  // R4's guest record C2 was merged into C1 (customer_aliases): C1 comes back.
  { property: 'ams-1', id: 'R4', status: 'checked_out', arrival: '2026-03-20', nights: 2, lead: 20, channel: 'OTA', segment: 'Business', country: 'GB', customer: 'C2', adults: 1, rate: 150 },
  { property: 'ams-2', id: 'R5', status: 'checked_out', arrival: '2026-03-01', nights: 1, lead: 0, channel: 'Direct', segment: 'Leisure', country: 'NL', customer: 'C3', adults: 2, rate: 200, repeated: true },
  { property: 'lon-1', id: 'R6', status: 'checked_out', arrival: '2026-03-15', nights: 2, lead: 60, channel: 'Direct', segment: 'Leisure', country: 'US', customer: 'C4', adults: 2, rate: 250 },
];

const REVIEWS = [
  { property: 'ams-1', id: 'F1', date: '2026-03-06', score: 80, nps: 9, country: 'DE', version: 1 },
  { property: 'ams-1', id: 'F2', date: '2026-03-25', score: 30, nps: 3, country: 'GB', version: 1 },
  { property: 'ams-1', id: 'F2', date: '2026-03-25', score: 40, nps: 5, country: 'GB', version: 2 },
  { property: 'ams-1', id: 'F3', date: '2026-03-26', score: 90, nps: null, country: 'FR', version: 1 },
  { property: 'lon-1', id: 'F4', date: '2026-03-18', score: 70, nps: 10, country: 'US', version: 1 },
];

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function reservationRow(b: Booking) {
  const earning = b.status === 'checked_out' || b.status === 'confirmed';
  return {
    event_id: `${b.id}-v${b.version ?? 1}`, tenant_id: 'default', property_id: b.property, source_system: 'fixture',
    reservation_id: b.id, customer_id: b.customer, status: b.status, source_status: b.status,
    booking_date: addDays(b.arrival, -b.lead), cancelled_at: null, arrival_date: b.arrival,
    departure_date: addDays(b.arrival, b.nights), nights: b.nights, lead_time_days: b.lead,
    adults: b.adults, children: 0, babies: 0, room_type: 'A', meal_plan: 'BB', channel: b.channel,
    market_segment: b.segment, customer_type: 'Transient', deposit_type: 'No Deposit', currency: 'EUR',
    nightly_rate: b.rate, room_revenue: earning ? b.rate * b.nights : 0, guest_country: b.country,
    is_repeated_guest: b.repeated ?? false, version: b.version ?? 1,
    occurred_at: '2026-01-01 00:00:00', received_at: '2026-01-01 00:00:00',
  };
}

/**
 * The nights of every version: R1's first version had four, its newest has three; R2 had two
 * on the books before it was cancelled.
 */
function nightRows(b: Booking) {
  if (b.status === 'cancelled' || b.status === 'no_show') return [];
  return Array.from({ length: b.nights }, (_, i) => ({
    event_id: `${b.id}-v${b.version ?? 1}`, tenant_id: 'default', property_id: b.property, reservation_id: b.id,
    stay_date: addDays(b.arrival, i), customer_id: b.customer, room_revenue: b.rate, currency: 'EUR',
    adults: b.adults, children: 0, guest_country: b.country, version: b.version ?? 1,
  }));
}

function feedbackRow(r: (typeof REVIEWS)[number]) {
  return {
    event_id: `${r.id}-v${r.version}`, tenant_id: 'default', property_id: r.property, source_system: 'fixture',
    feedback_id: r.id, site: 'survey', reservation_id: '', customer_id: '', submitted_at: `${r.date} 10:00:00`,
    review_date: r.date, score_0_100: r.score, nps_score: r.nps, reviewer_country: r.country, version: r.version,
  };
}

describe('KPIs on a hand-made hotel group', () => {
  let clickhouse: ClickHouse;

  const kpi = async (kpi: Kpi, options: Record<string, unknown> = {}) => {
    const parsed = parseKpiRequest({ kpi, by: 'property', grain: 'month', from: '2026-03-01', to: '2026-03-31', ...options });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const { query, params } = buildKpiQuery(parsed.request, clickhouse.database);
    return clickhouse.query<Record<string, any>>(query, params);
  };
  const of = (rows: Record<string, any>[], key: string, value: string) => rows.find((row) => row[key] === value);

  beforeAll(async () => {
    clickhouse = await openTestDatabase('it_kpi');
    await clickhouse.insert('properties', PROPERTIES.map((p) => ({ ...p, tenant_id: 'default', brand: null, version: 1 })));
    // Inserted one version at a time, so that the re-sent batch of R1 is a separate insert.
    for (const b of BOOKINGS) {
      await clickhouse.insert('reservations', [reservationRow(b)]);
      await clickhouse.insert('stay_nights', nightRows(b));
    }
    for (const r of REVIEWS) await clickhouse.insert('feedback', [feedbackRow(r)]);
    await clickhouse.insert('customer_aliases', [{ tenant_id: 'default', alias_id: 'C2', customer_id: 'C1', version: 1 }]);
    await refreshRollups(clickhouse);
  });

  afterAll(async () => {
    await clickhouse?.command(`DROP DATABASE IF EXISTS ${clickhouse.database}`);
    await clickhouse?.close();
  });

  it('counts room nights of the newest stay version once, however often it was sent', async () => {
    const rows = await kpi('room_nights');

    // ams-1: R1 3 nights (its 4-night first version is gone) + R4 2 nights; guests 2×3 + 1×2.
    expect(of(rows, 'property_id', 'ams-1')).toMatchObject({ period: '2026-03-01', room_nights: 5, guest_nights: 8, stays: 2 });
    expect(of(rows, 'property_id', 'ams-2')).toMatchObject({ room_nights: 1, stays: 1 });
  });

  it('computes ADR as room revenue over rooms sold', async () => {
    const rows = await kpi('adr');

    // ams-1: (3 × 100 + 2 × 150) / 5 = 120; lon-1: 2 × 250 / 2 = 250.
    expect(of(rows, 'property_id', 'ams-1')).toMatchObject({ room_revenue: 600, adr: 120 });
    expect(of(rows, 'property_id', 'lon-1')).toMatchObject({ adr: 250 });
  });

  it('computes occupancy and RevPAR from the rooms, and says n/a (null) where rooms are unknown', async () => {
    const occupancy = await kpi('occupancy');
    const revpar = await kpi('revpar');

    // ams-1: 5 / (10 rooms × 31 days) = 1.6 %; ams-2: 1 / 620 = 0.2 %.
    expect(of(occupancy, 'property_id', 'ams-1')).toMatchObject({ rooms_available: 310, occupancy_pct: 1.6 });
    expect(of(occupancy, 'property_id', 'ams-2')).toMatchObject({ rooms_available: 620, occupancy_pct: 0.2 });
    expect(of(occupancy, 'property_id', 'lon-1')).toMatchObject({ rooms_available: null, occupancy_pct: null });
    // ams-1: 600 / 310 = 1.94; ams-2: 200 / 620 = 0.32.
    expect(of(revpar, 'property_id', 'ams-1')).toMatchObject({ revpar: 1.94 });
    expect(of(revpar, 'property_id', 'ams-2')).toMatchObject({ revpar: 0.32 });
    expect(of(revpar, 'property_id', 'lon-1')).toMatchObject({ revpar: null });
  });

  it('sums numerator and denominator over a city before dividing', async () => {
    const rows = await kpi('occupancy', { by: 'city' });
    const adr = await kpi('adr', { by: 'city' });

    // Amsterdam: (5 + 1) / (310 + 620) = 0.6 %, not the mean of 1.6 % and 0.2 %.
    expect(of(rows, 'city', 'Amsterdam')).toMatchObject({ country: 'NL', room_nights: 6, rooms_available: 930, occupancy_pct: 0.6 });
    // Amsterdam: (600 + 200) / 6 = 133.33.
    expect(of(adr, 'city', 'Amsterdam')).toMatchObject({ adr: 133.33 });
  });

  it('takes cancellation and no-show rates over the arrival cohort, newest status only', async () => {
    const cancellations = await kpi('cancellation_rate');
    const noShows = await kpi('no_show_rate');

    // ams-1 arrivals: R1, R2 (cancelled in its second version), R3 (no-show), R4.
    expect(of(cancellations, 'property_id', 'ams-1')).toMatchObject({ reservations: 4, cancelled: 1, cancellation_pct: 25 });
    // Due to arrive: 4 − 1 cancelled = 3, of which 1 no-show = 33.3 %.
    expect(of(noShows, 'property_id', 'ams-1')).toMatchObject({ due_to_arrive: 3, no_shows: 1, no_show_pct: 33.3 });
  });

  it('computes length of stay and lead time per arrival cohort', async () => {
    const los = await kpi('length_of_stay');
    const lead = await kpi('lead_time');

    // ams-1 stays: R1 3 nights, R4 2 nights → 2.5; lead times 10, 30, 6, 20 → 16.5 days.
    expect(of(los, 'property_id', 'ams-1')).toMatchObject({ stays: 2, room_nights: 5, avg_length_of_stay: 2.5 });
    expect(of(lead, 'property_id', 'ams-1')).toMatchObject({ reservations: 4, avg_lead_time_days: 16.5 });
  });

  it.each([
    ['channel_mix', 'channel', { Direct: [3, 60], OTA: [2, 40] }],
    ['segment_mix', 'market_segment', { Leisure: [3, 60], Business: [2, 40] }],
    ['source_market', 'source_market', { DE: [3, 60], GB: [2, 40] }],
  ] as const)('splits room nights by %s', async (name, column, expected) => {
    const rows = (await kpi(name)).filter((row) => row.property_id === 'ams-1');

    const shares = Object.fromEntries(rows.map((row) => [row[column], [row.room_nights, row.share_pct]]));
    expect(shares).toEqual(expected);
  });

  it('counts a merged guest once and as returning', async () => {
    const rows = await kpi('repeat_guest_rate');

    // ams-1: C1 (R1) and C2 = C1 (R4, after C1's first night) → 1 guest, returning.
    expect(of(rows, 'property_id', 'ams-1')).toMatchObject({ guests: 1, returning_guests: 1, repeat_guest_pct: 100, source_flagged_pct: 0 });
    // ams-2: C3's only stay, flagged repeated by the source.
    expect(of(rows, 'property_id', 'ams-2')).toMatchObject({ guests: 1, returning_guests: 0, repeat_guest_pct: 0, source_flagged_pct: 100 });
  });

  it('averages review scores and pools NPS answers, newest version of each review', async () => {
    const scores = await kpi('review_score');
    const nps = await kpi('nps', { by: 'country' });

    // ams-1: 80, 40 (F2's newest), 90 → 70.
    expect(of(scores, 'property_id', 'ams-1')).toMatchObject({ reviews: 3, avg_score_0_100: 70 });
    // NL: F1 9 promoter, F2 5 detractor (F3 had no NPS question) → 0; GB: one promoter → 100.
    expect(of(nps, 'country', 'NL')).toMatchObject({ nps_responses: 2, promoters: 1, detractors: 1, nps: 0 });
    expect(of(nps, 'country', 'GB')).toMatchObject({ nps_responses: 1, nps: 100 });
  });

  it('puts nights in ISO weeks and days at the property-local date', async () => {
    const weeks = await kpi('room_nights', { grain: 'week', from: '2026-02-23', to: '2026-03-31' });
    const days = await kpi('room_nights', { grain: 'day' });

    // R5's night of Sunday 1 March belongs to the week of Monday 23 February.
    expect(weeks.filter((r) => r.property_id === 'ams-2').map((r) => [r.period, r.room_nights])).toEqual([['2026-02-23', 1]]);
    // R1: 2, 3 and 4 March (Monday to Wednesday) form the week of 2 March with nothing else.
    expect(weeks.find((r) => r.property_id === 'ams-1' && r.period === '2026-03-02')).toMatchObject({ room_nights: 3 });
    expect(days.filter((r) => r.property_id === 'ams-1').map((r) => r.period)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-20', '2026-03-21']);
  });

  it('answers a radius query around a point, with each property\'s distance', async () => {
    const within1 = await kpi('room_nights', { near: '52.3731,4.8926', radius_km: 1 });
    const within5 = await kpi('room_nights', { near: '52.3731,4.8926', radius_km: 5 });

    // ams-2 lies about 1.5 km from the Dam: outside 1 km, inside 5 km; London is 360 km away.
    expect(within1.map((r) => r.property_id)).toEqual(['ams-1']);
    expect(within1[0]!.distance_km).toBe(0);
    expect(within5.map((r) => r.property_id)).toEqual(['ams-1', 'ams-2']);
    expect(within5[1]!.distance_km).toBeGreaterThan(1);
    expect(within5[1]!.distance_km).toBeLessThan(2);
  });

  it('groups properties by H3 cell', async () => {
    const rows = await kpi('room_nights', { by: 'h3', h3_resolution: 5 });

    // At resolution 5 (cells of about 250 km²) both Amsterdam hotels share one cell: 5 + 1 nights.
    expect(rows.map((r) => [r.h3, r.room_nights])).toEqual([['85194ad3fffffff', 2], ['85196953fffffff', 6]]);
  });

  it('follows a new version of a reservation at the next refresh, and reads only the rollups', async () => {
    await clickhouse.insert('reservations', [reservationRow({ ...BOOKINGS[4]!, status: 'confirmed', version: 3 })]);
    const before = await kpi('cancellation_rate');
    await refreshRollups(clickhouse);
    const after = await kpi('cancellation_rate');

    expect(of(before, 'property_id', 'ams-1')).toMatchObject({ cancelled: 1 });
    expect(of(after, 'property_id', 'ams-1')).toMatchObject({ reservations: 4, cancelled: 0 });

    await clickhouse.command(`TRUNCATE TABLE ${clickhouse.database}.reservations`);
    expect(of(await kpi('cancellation_rate'), 'property_id', 'ams-1')).toMatchObject({ reservations: 4, cancelled: 0 });
  });
});
