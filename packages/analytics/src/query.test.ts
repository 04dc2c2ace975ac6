import { buildKpiQuery } from './query';
import { KPIS, parseKpiRequest, type KpiRequest } from './request';

function request(input: Record<string, unknown>): KpiRequest {
  const parsed = parseKpiRequest({ from: '2016-01-01', to: '2016-12-31', ...input });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.request;
}

describe('parseKpiRequest', () => {
  it('fills in the defaults', () => {
    expect(request({ kpi: 'adr' })).toMatchObject({ kpi: 'adr', by: 'property', grain: 'month', h3_resolution: 7 });
  });

  it('reads a point and a radius as the query string gives them', () => {
    expect(request({ kpi: 'adr', near: '52.37, 4.89', radius_km: '2.5' })).toMatchObject({
      near: { latitude: 52.37, longitude: 4.89 },
      radius_km: 2.5,
    });
  });

  it.each([
    ['an unknown KPI', { kpi: 'happiness' }, 'kpi', 'expected one of room_nights'],
    ['an unknown place', { kpi: 'adr', by: 'street' }, 'by', 'expected one of property, city, region, country, h3'],
    ['an unknown grain', { kpi: 'adr', grain: 'year' }, 'grain', 'expected one of day, week, month'],
    ['a missing start', { kpi: 'adr', from: undefined }, 'from', 'is required (YYYY-MM-DD)'],
    ['a date that is not one', { kpi: 'adr', from: '2016-02-30' }, 'from', 'not a day of the calendar'],
    ['a month that does not exist', { kpi: 'adr', from: '2016-13-01' }, 'from', 'not a day of the calendar'],
    ['a period that ends before it starts', { kpi: 'adr', to: '2015-12-31' }, 'to', 'must not be before from'],
    ['a point without a radius', { kpi: 'adr', near: '52.37,4.89' }, 'radius_km', 'is required with near'],
    ['a radius without a point', { kpi: 'adr', radius_km: 5 }, 'near', 'is required with radius_km'],
    ['a latitude off the globe', { kpi: 'adr', near: '95,4.89', radius_km: 5 }, 'near', 'latitude 95 must lie within -90..90'],
    ['a point that is not two numbers', { kpi: 'adr', near: 'Amsterdam', radius_km: 5 }, 'near', 'expected latitude,longitude'],
    ['a negative radius', { kpi: 'adr', near: '52,4', radius_km: -1 }, 'radius_km', 'must be positive'],
    ['an H3 resolution past 15', { kpi: 'adr', by: 'h3', h3_resolution: 16 }, 'h3_resolution', 'must be 0 to 15'],
  ])('names the field of %s', (_label, input, field, message) => {
    const parsed = parseKpiRequest({ from: '2016-01-01', to: '2016-12-31', ...input });

    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues).toContainEqual({ field, message: expect.stringContaining(message) });
  });
});

describe('buildKpiQuery', () => {
  it.each(KPIS.map((kpi) => [kpi]))('builds %s from a rollup, never from the facts', (kpi) => {
    const { query } = buildKpiQuery(request({ kpi }), 'staystream');

    expect(query).toMatch(/\{db:Identifier\}\.kpi_[a-z_]+_daily/);
    expect(query).not.toMatch(/\{db:Identifier\}\.(reservations|stay_nights|feedback|stays)\b/);
  });

  it('passes every value as a parameter, the database included', () => {
    const { query, params } = buildKpiQuery(request({ kpi: 'occupancy', near: '52.37,4.89', radius_km: 3 }), 'my_db');

    expect(params).toEqual({ db: 'my_db', from: '2016-01-01', to: '2016-12-31', near_lat: 52.37, near_lon: 4.89, radius_m: 3000 });
    expect(query).not.toContain('my_db');
    expect(query).not.toContain('52.37');
    expect(query).toContain('{radius_m:Float64}');
  });

  it.each([
    ['property', ['property_id', 'name', 'city', 'country', 'period']],
    ['city', ['country', 'city', 'period']],
    ['region', ['country', 'region', 'period']],
    ['country', ['country', 'period']],
    ['h3', ['h3', 'period']],
  ] as const)('keys rows by %s and period', (by, keys) => {
    expect(buildKpiQuery(request({ kpi: 'adr', by }), 'db').keys).toEqual(keys);
  });

  it('adds the category of a mix KPI to the keys and the distance of a radius query', () => {
    const built = buildKpiQuery(request({ kpi: 'channel_mix', near: '1,2', radius_km: 1 }), 'db');

    expect(built.keys).toEqual(['property_id', 'name', 'city', 'country', 'distance_km', 'period', 'channel']);
    expect(built.params.dimension).toBe('channel');
  });

  it.each([
    ['day', 'r.stay_date AS period'],
    ['week', 'toMonday(r.stay_date) AS period'],
    ['month', 'toStartOfMonth(r.stay_date) AS period'],
  ] as const)('buckets a %s by the local date', (grain, expression) => {
    expect(buildKpiQuery(request({ kpi: 'room_nights', grain }), 'db').query).toContain(expression);
  });

  it('fixes the H3 argument order, which ClickHouse versions disagree on', () => {
    const { query, params } = buildKpiQuery(request({ kpi: 'adr', by: 'h3', h3_resolution: 5 }), 'db');

    expect(query).toContain("SETTINGS geotoh3_argument_order = 'lat_lon'");
    expect(params.h3_resolution).toBe(5);
  });
});
