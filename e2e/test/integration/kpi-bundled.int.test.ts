import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { buildKpiQuery, parseKpiRequest } from '@staystream/analytics';
import { refreshRollups, type ClickHouse } from '@staystream/clickhouse';
import { createAdapter, parseEvent, parseProperty } from '@staystream/domain';
import { emptyEnriched, enrichReservation, enrichStay } from '@staystream/enricher';
import { openTestDatabase } from './pipeline';

const BUNDLED = path.resolve(__dirname, '..', '..', '..', 'data', 'hotel_bookings', 'hotel_bookings.csv.gz');

/** The export has no quoted fields, so a line splits on its commas. */
function readCsv(file: string): Record<string, string>[] {
  const [header, ...lines] = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n').filter((l) => l !== '');
  const columns = header!.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? '']));
  });
}

interface HotelFacts {
  rows: number;
  canceled: number;
}

/** Facts of the file itself, counted straight from its columns with no Staystream code. */
function fileFacts(rows: Record<string, string>[]): Map<string, HotelFacts> {
  const facts = new Map<string, HotelFacts>();
  for (const row of rows) {
    const hotel = facts.get(row.hotel!) ?? { rows: 0, canceled: 0 };
    hotel.rows += 1;
    if (row.reservation_status === 'Canceled') hotel.canceled += 1;
    facts.set(row.hotel!, hotel);
  }
  return facts;
}

/**
 * The bundled bookings through the adapter, the input contract and the enricher's own steps,
 * loaded straight into a private database (the Kafka path is covered by import-reconcile);
 * the KPI report must then agree with the file, hotel by hotel.
 */
describe('KPIs on the bundled hotel bookings', () => {
  let clickhouse: ClickHouse;
  const rows = readCsv(BUNDLED);
  const rejectedByHotel = new Map<string, { rows: number; canceled: number }>();
  const rejectedRows = new Set<number>();

  beforeAll(async () => {
    clickhouse = await openTestDatabase('it_kpi_bundled');

    const adapter = createAdapter('hotel-bookings')!;
    const properties = adapter.properties().map((p) => parseProperty(p, 1)).flatMap((p) => (p.ok ? [p.value] : []));
    await clickhouse.insert('properties', properties);

    const out = emptyEnriched();
    rows.forEach((row, index) => {
      const mapped = adapter.mapRow(row, index + 1);
      const events = mapped.ok ? mapped.events.map((e) => parseEvent(e.type, e.input, 0)) : [];
      if (!mapped.ok || events.some((e) => !e.ok)) {
        rejectedRows.add(index);
        const hotel = rejectedByHotel.get(row.hotel!) ?? { rows: 0, canceled: 0 };
        hotel.rows += 1;
        if (row.reservation_status === 'Canceled') hotel.canceled += 1;
        rejectedByHotel.set(row.hotel!, hotel);
        return;
      }
      for (const event of events) {
        if (!event.ok) continue;
        if (event.value.type === 'reservation') enrichReservation(event.value.record, { timezone: 'Europe/Lisbon' }, out);
        if (event.value.type === 'stay') enrichStay(event.value.record, out);
      }
    });
    await clickhouse.insert('reservations', out.reservations);
    await clickhouse.insert('stay_nights', out.stayNights);
    await refreshRollups(clickhouse);
  });

  afterAll(async () => {
    await clickhouse?.command(`DROP DATABASE IF EXISTS ${clickhouse.database}`);
    await clickhouse?.close();
  });

  it('reconciles bookings and the cancelled share per hotel with the file', async () => {
    const parsed = parseKpiRequest({ kpi: 'cancellation_rate', by: 'property', grain: 'month', from: '2015-01-01', to: '2017-12-31' });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const { query, params } = buildKpiQuery(parsed.request, clickhouse.database);
    const months = await clickhouse.query<{ name: string; reservations: number; cancelled: number }>(query, params);

    for (const [hotel, facts] of fileFacts(rows)) {
      const rejected = rejectedByHotel.get(hotel) ?? { rows: 0, canceled: 0 };
      const ofHotel = months.filter((m) => m.name === hotel);
      const loaded = ofHotel.reduce((sum, m) => sum + m.reservations, 0);
      const cancelled = ofHotel.reduce((sum, m) => sum + m.cancelled, 0);

      expect({ hotel, bookings: loaded + rejected.rows }).toEqual({ hotel, bookings: facts.rows });
      expect({ hotel, cancelled: cancelled + rejected.canceled }).toEqual({ hotel, cancelled: facts.canceled });
      // The share over the loaded bookings is the file's share once the rejected rows are set aside.
      expect(cancelled / loaded).toBeCloseTo((facts.canceled - rejected.canceled) / (facts.rows - rejected.rows), 10);
    }
  });

  it('counts every night of every checked-out booking once, by hotel and country', async () => {
    const parsed = parseKpiRequest({ kpi: 'room_nights', by: 'country', grain: 'month', from: '2015-01-01', to: '2017-12-31' });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const { query, params } = buildKpiQuery(parsed.request, clickhouse.database);
    const months = await clickhouse.query<{ country: string; room_nights: number }>(query, params);

    const expected = rows
      .filter((row, index) => row.reservation_status === 'Check-Out' && !rejectedRows.has(index))
      .reduce((sum, row) => sum + Number(row.stays_in_weekend_nights) + Number(row.stays_in_week_nights), 0);
    expect(months.every((m) => m.country === 'PT')).toBe(true);
    expect(months.reduce((sum, m) => sum + m.room_nights, 0)).toBe(expected);
  });
});
