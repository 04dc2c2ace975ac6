import { pollUntil } from '@staystream/testing';
import { startPipeline, type TestPipeline } from './pipeline';

function reservation(overrides: Record<string, unknown> = {}) {
  return {
    property_id: 'lisbon-01',
    source_system: 'test-pms',
    property_timezone: 'Europe/Lisbon',
    reservation_id: 'R-100',
    occurred_at: '2026-01-10T09:00:00Z',
    source_version: 1,
    status: 'confirmed',
    booked_at: '2026-01-10T09:00:00Z',
    arrival_date: '2026-03-01',
    departure_date: '2026-03-03',
    adults: 2,
    currency: 'EUR',
    nightly_rate: 120,
    guest_country: 'DEU',
    guests: [{ role: 'guest', given_name: 'Anna', family_name: 'Schmidt', email: 'Anna.Schmidt@Example.org' }],
    ...overrides,
  };
}

describe('collector to ClickHouse', () => {
  let pipeline: TestPipeline;

  beforeAll(async () => {
    pipeline = await startPipeline('it_pipeline');
  });

  afterAll(async () => {
    await pipeline?.stop();
  });

  it('makes a posted reservation queryable with its customer and nights', async () => {
    const { status, body } = await pipeline.post('reservations', reservation({ reservation_id: 'R-queryable' }));
    expect(status).toBe(202);
    expect(body.accepted).toBe(1);

    await pipeline.waitForLedger(body.eventIds);
    const [row] = await pipeline.rows(
      `SELECT status, nights, room_revenue, guest_country, customer_id, lead_time_days
       FROM ${pipeline.db}.reservations FINAL WHERE reservation_id = {id:String}`,
      { id: 'R-queryable' },
    );
    expect(row).toMatchObject({ status: 'confirmed', nights: 2, room_revenue: 240, guest_country: 'DE', lead_time_days: 50 });
    expect(row!.customer_id).toMatch(/^cus?_[0-9a-f]{20,24}$/);
  });

  it('answers a bad event with 400 naming the field and keeps it as a dead letter', async () => {
    const bad = reservation({ reservation_id: 'R-bad', arrival_date: '2026-02-30' });
    const { status, body } = await pipeline.post('reservations', bad);

    expect(status).toBe(400);
    expect(body.rejected[0].issues).toEqual([
      expect.objectContaining({ field: 'arrival_date', message: expect.stringContaining('YYYY-MM-DD') }),
    ]);

    const letters = await pollUntil(
      () => pipeline.rows<{ stage: string; reason: string; payload: string }>(
        `SELECT stage, reason, payload FROM ${pipeline.db}.dead_letters FINAL WHERE source_system = 'test-pms'`,
      ),
      (rows) => rows.some((r) => r.payload.includes('R-bad')),
      { what: 'the dead letter of R-bad' },
    );
    const letter = letters.find((r) => r.payload.includes('R-bad'))!;
    expect(letter.stage).toBe('validate');
    expect(letter.reason).toContain('arrival_date');
  });

  it('accepts the good events of a mixed batch and lists the bad one', async () => {
    const { status, body } = await pipeline.post('reservations', [
      reservation({ reservation_id: 'R-mixed-1' }),
      reservation({ reservation_id: 'R-mixed-2', currency: 'euro' }),
      reservation({ reservation_id: 'R-mixed-3' }),
    ]);

    expect(status).toBe(202);
    expect(body.accepted).toBe(2);
    expect(body.rejected).toEqual([expect.objectContaining({ index: 1, issues: [expect.objectContaining({ field: 'currency' })] })]);
  });

  it('keeps one row when the same event is posted twice', async () => {
    const event = reservation({ reservation_id: 'R-twice' });
    const first = await pipeline.post('reservations', event);
    const second = await pipeline.post('reservations', event);
    expect(second.body.eventIds).toEqual(first.body.eventIds);

    await pipeline.waitForLedger(first.body.eventIds);
    // A later event on the same partition proves the duplicate was consumed, not pending.
    const marker = await pipeline.post('reservations', { ...event, source_version: 2, occurred_at: '2026-01-11T09:00:00Z' });
    await pipeline.waitForLedger(marker.body.eventIds);

    const rows = await pipeline.rows<{ event_id: string }>(
      `SELECT event_id FROM ${pipeline.db}.reservations WHERE reservation_id = 'R-twice'`,
    );
    expect(rows.filter((r) => r.event_id === first.body.eventIds[0])).toHaveLength(1);
  });

  it('does not let an older version override a newer one that arrived first', async () => {
    const newer = await pipeline.post('reservations', reservation({
      reservation_id: 'R-order', status: 'cancelled', source_version: 20, occurred_at: '2026-01-20T09:00:00Z',
    }));
    const older = await pipeline.post('reservations', reservation({
      reservation_id: 'R-order', status: 'confirmed', source_version: 10, occurred_at: '2026-01-15T09:00:00Z',
    }));
    await pipeline.waitForLedger([...newer.body.eventIds, ...older.body.eventIds]);

    const rows = await pipeline.rows<{ status: string; room_revenue: number }>(
      `SELECT status, room_revenue FROM ${pipeline.db}.reservations FINAL WHERE reservation_id = 'R-order'`,
    );
    expect(rows).toEqual([{ status: 'cancelled', room_revenue: 0 }]);
  });

  it('explodes a stay into nights at the property-local dates', async () => {
    const { body } = await pipeline.post('stays', {
      property_id: 'lisbon-01', source_system: 'test-pms', property_timezone: 'Europe/Lisbon',
      reservation_id: 'R-stay', occurred_at: '2026-03-04T10:00:00Z', check_in_date: '2026-03-01',
      check_out_date: '2026-03-04', adults: 1, currency: 'EUR', room_revenue_net: 300,
    });
    await pipeline.waitForLedger(body.eventIds);

    const nights = await pipeline.rows<{ stay_date: string; room_revenue: number }>(
      `SELECT toString(stay_date) AS stay_date, room_revenue FROM ${pipeline.db}.stay_nights FINAL
       WHERE reservation_id = 'R-stay' ORDER BY stay_date`,
    );
    expect(nights).toEqual([
      { stay_date: '2026-03-01', room_revenue: 100 },
      { stay_date: '2026-03-02', room_revenue: 100 },
      { stay_date: '2026-03-03', room_revenue: 100 },
    ]);
  });
});

describe('the sink query endpoint', () => {
  let pipeline: TestPipeline;
  const query = async (sql: string) => {
    const response = await fetch(`${pipeline.sink.url}/v1/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sql }),
    });
    return { status: response.status, body: (await response.json()) as { rows?: unknown[]; error?: string } };
  };

  beforeAll(async () => {
    pipeline = await startPipeline('it_query');
  });

  afterAll(async () => {
    await pipeline?.stop();
  });

  it('answers a read', async () => {
    const { status, body } = await query(`SELECT count() AS n FROM ${pipeline.db}.properties`);

    expect(status).toBe(200);
    expect(body.rows).toEqual([{ n: expect.anything() }]);
  });

  it.each([
    ['a write after a read', (db: string) => `SELECT 1; DROP TABLE ${db}.properties`, /one statement at a time/],
    ['a write alone', (db: string) => `DROP TABLE ${db}.properties`, /only SELECT, WITH/],
    ['a file of the server', () => "SELECT * FROM file('/etc/passwd', 'LineAsString')", /file\(\) reaches outside the database/],
    ['a file written', (db: string) => `SELECT * FROM ${db}.properties INTO OUTFILE 'properties.csv'`, /INTO OUTFILE reaches outside/],
  ])('refuses %s and changes nothing', async (_label, sql, reason) => {
    const { status, body } = await query(sql(pipeline.db));

    expect(status).toBe(400);
    expect(body.error).toMatch(reason);
    const tables = await pipeline.rows<{ name: string }>(
      'SELECT name FROM system.tables WHERE database = {db:String} AND name = {name:String}',
      { db: pipeline.db, name: 'properties' },
    );
    expect(tables).toHaveLength(1);
  });

  it('goes on loading after the reads and refusals above', async () => {
    const { body } = await pipeline.post('reservations', reservation({ reservation_id: 'R-after-queries' }));

    await pipeline.waitForLedger(body.eventIds);
    const rows = await pipeline.rows(`SELECT reservation_id FROM ${pipeline.db}.reservations FINAL`);
    expect(rows).toEqual([{ reservation_id: 'R-after-queries' }]);
  });
});
