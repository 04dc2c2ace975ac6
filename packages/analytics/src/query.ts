import type { Grain, Kpi, KpiRequest, Place } from './request';

/** A query text with `{name:Type}` placeholders and the values that fill them. */
export interface KpiQuery {
  readonly query: string;
  readonly params: Readonly<Record<string, string | number>>;
  /** The result columns that name the place and the period, then the KPI's own. */
  readonly keys: readonly string[];
}

/** Which rollup answers each KPI, and the measures it selects from the grouped rows. */
type Family = 'nights' | 'reservations' | 'mix' | 'feedback';

const FAMILY: Record<Kpi, Family> = {
  room_nights: 'nights',
  occupancy: 'nights',
  adr: 'nights',
  revpar: 'nights',
  repeat_guest_rate: 'nights',
  length_of_stay: 'reservations',
  lead_time: 'reservations',
  cancellation_rate: 'reservations',
  no_show_rate: 'reservations',
  channel_mix: 'mix',
  segment_mix: 'mix',
  source_market: 'mix',
  review_score: 'feedback',
  nps: 'feedback',
};

/** Measures of each KPI over the grouped rollup (`s.`) and, for room inventory, `a.`. */
const MEASURES: Record<Kpi, string[]> = {
  room_nights: ['s.room_nights AS room_nights', 's.guest_nights AS guest_nights', 's.stays AS stays'],
  occupancy: [
    's.room_nights AS room_nights',
    'if(a.without_rooms > 0, NULL, a.rooms_available) AS rooms_available',
    'if(a.without_rooms > 0 OR a.rooms_available = 0, NULL, round(100 * s.room_nights / a.rooms_available, 1)) AS occupancy_pct',
  ],
  adr: ['s.room_nights AS room_nights', 'round(s.room_revenue, 2) AS room_revenue', 's.currency AS currency', 'round(s.room_revenue / s.room_nights, 2) AS adr'],
  revpar: [
    'round(s.room_revenue, 2) AS room_revenue',
    's.currency AS currency',
    'if(a.without_rooms > 0, NULL, a.rooms_available) AS rooms_available',
    'if(a.without_rooms > 0 OR a.rooms_available = 0, NULL, round(s.room_revenue / a.rooms_available, 2)) AS revpar',
  ],
  repeat_guest_rate: [
    's.guests AS guests',
    's.returning_guests AS returning_guests',
    'if(s.guests = 0, NULL, round(100 * s.returning_guests / s.guests, 1)) AS repeat_guest_pct',
    's.stays AS stays',
    's.flagged_repeat_stays AS source_flagged_stays',
    'round(100 * s.flagged_repeat_stays / s.stays, 1) AS source_flagged_pct',
  ],
  length_of_stay: ['s.stays AS stays', 's.stay_nights AS room_nights', 'if(s.stays = 0, NULL, round(s.stay_nights / s.stays, 2)) AS avg_length_of_stay'],
  lead_time: [
    's.lead_time_known AS reservations',
    'if(s.lead_time_known = 0, NULL, round(s.lead_time_days_sum / s.lead_time_known, 1)) AS avg_lead_time_days',
  ],
  cancellation_rate: ['s.reservations AS reservations', 's.cancelled AS cancelled', 'round(100 * s.cancelled / s.reservations, 1) AS cancellation_pct'],
  no_show_rate: [
    's.reservations - s.cancelled AS due_to_arrive',
    's.no_shows AS no_shows',
    'if(s.reservations = s.cancelled, NULL, round(100 * s.no_shows / (s.reservations - s.cancelled), 1)) AS no_show_pct',
  ],
  channel_mix: [],
  segment_mix: [],
  source_market: [],
  review_score: ['s.responses AS reviews', 'round(s.score_sum / s.responses, 1) AS avg_score_0_100'],
  nps: [
    's.nps_responses AS nps_responses',
    's.promoters AS promoters',
    's.detractors AS detractors',
    'if(s.nps_responses = 0, NULL, round(100 * (s.promoters - s.detractors) / s.nps_responses, 1)) AS nps',
  ],
};

/** Each family's rollup table, its date column, and the sums it groups into `s`. */
const ROLLUP: Record<Family, { table: string; date: string; sums: string[] }> = {
  nights: {
    table: 'kpi_nights_daily',
    date: 'stay_date',
    sums: [
      'sum(r.room_nights) AS room_nights',
      'sum(r.room_revenue) AS room_revenue',
      'sum(r.guest_nights) AS guest_nights',
      'any(r.currency) AS currency',
      'uniqExactMerge(r.stays) AS stays',
      'uniqExactMerge(r.flagged_repeat_stays) AS flagged_repeat_stays',
      'uniqExactMerge(r.guests) AS guests',
      'uniqExactMerge(r.returning_guests) AS returning_guests',
    ],
  },
  reservations: {
    table: 'kpi_reservations_daily',
    date: 'arrival_date',
    sums: [
      'sum(r.reservations) AS reservations',
      'sum(r.cancelled) AS cancelled',
      'sum(r.no_shows) AS no_shows',
      'sum(r.stays) AS stays',
      'sum(r.stay_nights) AS stay_nights',
      'sum(r.lead_time_days_sum) AS lead_time_days_sum',
      'sum(r.lead_time_known) AS lead_time_known',
    ],
  },
  mix: { table: 'kpi_nights_mix_daily', date: 'stay_date', sums: ['sum(r.room_nights) AS room_nights', 'sum(r.room_revenue) AS room_revenue'] },
  feedback: {
    table: 'kpi_feedback_daily',
    date: 'review_date',
    sums: [
      'sum(r.responses) AS responses',
      'sum(r.score_sum) AS score_sum',
      'sum(r.nps_responses) AS nps_responses',
      'sum(r.promoters) AS promoters',
      'sum(r.detractors) AS detractors',
    ],
  },
};

/** The mix KPIs: which category of the mix rollup, and the name of its result column. */
const MIX: Partial<Record<Kpi, { dimension: string; column: string }>> = {
  channel_mix: { dimension: 'channel', column: 'channel' },
  segment_mix: { dimension: 'market_segment', column: 'market_segment' },
  source_market: { dimension: 'source_market', column: 'source_market' },
};

const PERIOD: Record<Grain, (column: string) => string> = {
  day: (column) => column,
  week: (column) => `toMonday(${column})`,
  month: (column) => `toStartOfMonth(${column})`,
};

/** The columns that name a place; all but the first depend on it and only add context. */
function placeColumns(by: Place, near: boolean): string[] {
  switch (by) {
    case 'property':
      return ['property_id', 'name', 'city', 'country', ...(near ? ['distance_km'] : [])];
    case 'city':
      return ['country', 'city'];
    case 'region':
      return ['country', 'region'];
    case 'country':
      return ['country'];
    case 'h3':
      return ['h3'];
  }
}

/**
 * The properties a request covers, with their place columns. H3 cells and distances come
 * from the coordinates; a property without them is left out of h3 and radius queries.
 */
function placesCte(request: KpiRequest): string {
  const located = 'latitude IS NOT NULL AND longitude IS NOT NULL';
  const distance = 'greatCircleDistance(assumeNotNull(longitude), assumeNotNull(latitude), {near_lon:Float64}, {near_lat:Float64})';
  const where = [
    ...(request.near ? [located, `${distance} <= {radius_m:Float64}`] : []),
    ...(request.by === 'h3' ? [located] : []),
  ];
  return `
  places AS (
    SELECT tenant_id, property_id, name, ifNull(city, '') AS city, ifNull(region, '') AS region, country, rooms${
      request.by === 'h3' ? `,
           h3ToString(geoToH3(assumeNotNull(latitude), assumeNotNull(longitude), {h3_resolution:UInt8})) AS h3` : ''
    }${request.near ? `,
           round(${distance} / 1000, 2) AS distance_km` : ''}
    FROM {db:Identifier}.properties FINAL
    ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
  )`;
}

/** The rollup rows in the period, joined to their places and grouped by place and period. */
function groupedCte(request: KpiRequest, family: Family, keys: string[]): string {
  const rollup = ROLLUP[family];
  const mix = MIX[request.kpi];
  const extraKeys = mix ? [`if(r.value = '', '(unknown)', r.value) AS ${mix.column}`] : [];
  const group = [...keys.map((k) => `p.${k}`), 'period', ...(mix ? [mix.column] : [])];
  return `
  grouped AS (
    SELECT ${keys.map((k) => `p.${k} AS ${k}`).join(', ')},
           ${PERIOD[request.grain](`r.${rollup.date}`)} AS period,${extraKeys.length > 0 ? `\n           ${extraKeys.join(', ')},` : ''}
           ${rollup.sums.join(',\n           ')}
    FROM {db:Identifier}.${rollup.table} AS r
    INNER JOIN places AS p ON p.tenant_id = r.tenant_id AND p.property_id = r.property_id
    WHERE r.${rollup.date} BETWEEN {from:Date} AND {to:Date}${mix ? `\n      AND r.dimension = {dimension:String}` : ''}
    GROUP BY ${group.join(', ')}
  )`;
}

/**
 * Rooms available per place and period: each property's rooms on each day of the request's
 * period. A place with a property whose room count is unknown has no inventory to divide by,
 * which the KPI reports as NULL (n/a) rather than a guess.
 */
function inventoryCte(request: KpiRequest, keys: string[]): string {
  return `
  inventory AS (
    SELECT ${keys.map((k) => `p.${k} AS ${k}`).join(', ')}, ${PERIOD[request.grain]('day')} AS period,
           sum(ifNull(p.rooms, 0)) AS rooms_available, countIf(p.rooms IS NULL) AS without_rooms
    FROM places AS p
    ARRAY JOIN arrayMap(i -> addDays({from:Date}, i), range(toUInt32(dateDiff('day', {from:Date}, {to:Date}) + 1))) AS day
    GROUP BY ${keys.map((k) => `p.${k}`).join(', ')}, period
  )`;
}

/** Builds the query of one KPI request; the database is a parameter like every value. */
export function buildKpiQuery(request: KpiRequest, database: string): KpiQuery {
  const family = FAMILY[request.kpi];
  const keys = placeColumns(request.by, request.near !== undefined);
  const mix = MIX[request.kpi];
  const needsInventory = request.kpi === 'occupancy' || request.kpi === 'revpar';
  const settings = request.by === 'h3' ? `\nSETTINGS geotoh3_argument_order = 'lat_lon'` : '';

  const ctes = [placesCte(request)];
  let body: string;
  if (mix) {
    ctes.push(groupedCte(request, family, keys));
    body = `
SELECT ${keys.map((k) => `s.${k} AS ${k}`).join(', ')}, s.period AS period, s.${mix.column} AS ${mix.column},
       s.room_nights AS room_nights,
       round(100 * s.room_nights / sum(s.room_nights) OVER (PARTITION BY ${[...keys.map((k) => `s.${k}`), 's.period'].join(', ')}), 1) AS share_pct
FROM grouped AS s
ORDER BY ${keys.map((k) => `${k}`).join(', ')}, period, room_nights DESC, ${mix.column}`;
  } else {
    ctes.push(groupedCte(request, family, keys));
    if (needsInventory) ctes.push(inventoryCte(request, keys));
    const join = needsInventory
      ? `\nLEFT JOIN inventory AS a ON ${[...keys, 'period'].map((k) => `a.${k} = s.${k}`).join(' AND ')}`
      : '';
    body = `
SELECT ${keys.map((k) => `s.${k} AS ${k}`).join(', ')}, s.period AS period,
       ${MEASURES[request.kpi].join(',\n       ')}
FROM grouped AS s${join}
ORDER BY ${keys.join(', ')}, period`;
  }

  const params: Record<string, string | number> = { db: database, from: request.from, to: request.to };
  if (mix) params.dimension = mix.dimension;
  if (request.by === 'h3') params.h3_resolution = request.h3_resolution;
  if (request.near) {
    params.near_lat = request.near.latitude;
    params.near_lon = request.near.longitude;
    params.radius_m = (request.radius_km ?? 0) * 1000;
  }
  return {
    query: `WITH${ctes.join(',')}${body}${settings}`,
    params,
    keys: [...keys, 'period', ...(mix ? [mix.column] : [])],
  };
}
