import { DEFAULT_GRADING_CONFIG as config } from './config';
import { buildCustomerFeaturesQuery, parseCustomerFeaturesRow } from './sql';

describe('buildCustomerFeaturesQuery', () => {
  const { query, queryParams } = buildCustomerFeaturesQuery('2025-06-30', config);
  const placeholders = [...query.matchAll(/\{(\w+):(\w+)\}/g)].map(([, name, type]) => [
    name,
    type,
  ]);

  it('passes every value as a parameter and interpolates none', () => {
    const names = new Set(placeholders.map(([name]) => name));

    expect([...names].sort()).toEqual(Object.keys(queryParams).sort());
    expect(query).not.toContain('2025-06-30');
    expect(query).not.toContain('stay_facts');
    expect(query).not.toMatch(/\$\{/);
  });

  it.each([
    ['database', 'Identifier', 'default'],
    ['stayFacts', 'Identifier', 'stay_facts'],
    ['customerAliases', 'Identifier', 'customer_aliases'],
    ['asOf', 'Date', '2025-06-30'],
    ['windowMonths', 'UInt32', 36],
    ['halfLifeMonths', 'Float64', 12],
    ['daysPerMonth', 'Float64', 30.4375],
  ])('types {%s:%s} and fills it with %p', (name, type, value) => {
    expect(placeholders).toContainEqual([name, type]);
    expect(queryParams[name]).toBe(value);
  });

  it('takes the latest version per reservation and resolves aliases at query time', () => {
    const latest = /max\(\(version, status, departure_date, room_nights, revenue, customer_id\)\)/;

    expect(query).toMatch(latest);
    expect(query).toMatch(/GROUP BY reservation_id/);
    expect(query).toMatch(/LEFT JOIN latest_aliases/);
    expect(query).toMatch(/GROUP BY customer_id/);
  });

  it('returns the columns parseCustomerFeaturesRow reads', () => {
    const columns = [
      'customer_id',
      'first_departure_date',
      'last_departure_date',
      'recency_days',
      'stays',
      'room_nights',
      'revenue',
      'frequency',
      'monetary',
    ];
    const finalSelect = query.slice(query.lastIndexOf('SELECT'));

    for (const column of columns) {
      expect(finalSelect).toMatch(new RegExp(`(AS ${column}|^\\s+${column},)`, 'm'));
    }
  });

  it('takes the database and table names from the caller', () => {
    const custom = buildCustomerFeaturesQuery('2025-06-30', config, {
      database: 'staystream_t1',
      stayFacts: 'stay_facts_t1',
      customerAliases: 'aliases_t1',
    });

    expect(custom.queryParams).toMatchObject({
      database: 'staystream_t1',
      stayFacts: 'stay_facts_t1',
      customerAliases: 'aliases_t1',
    });
    expect(custom.query).toBe(query);
  });

  it('refuses a malformed date', () => {
    expect(() => buildCustomerFeaturesQuery("2025-06-30'; DROP TABLE x", config)).toThrow(
      RangeError,
    );
  });
});

describe('parseCustomerFeaturesRow', () => {
  it('reads a JSONEachRow row into features', () => {
    const row = {
      customer_id: 'c02',
      first_departure_date: '2023-04-19',
      last_departure_date: '2025-05-01',
      recency_days: 60,
      stays: 5,
      room_nights: 10,
      revenue: 6000,
      frequency: 2.584008,
      monetary: 3100.809614,
    };

    expect(parseCustomerFeaturesRow(row, '2025-06-30')).toEqual({
      customerId: 'c02',
      asOf: '2025-06-30',
      firstDepartureDate: '2023-04-19',
      lastDepartureDate: '2025-05-01',
      recencyDays: 60,
      stays: 5,
      roomNights: 10,
      revenue: 6000,
      frequency: 2.584008,
      monetary: 3100.809614,
      feedbackNpsMean: null,
    });
  });
});
