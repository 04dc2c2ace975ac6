import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { importProperties, loadCliConfig, reconcile, runImportCommand } from '@staystream/cli';
import { createLogger } from '@staystream/logger';
import { pollUntil } from '@staystream/testing';
import { startPipeline, type TestPipeline } from './pipeline';

const DATA = path.resolve(__dirname, '..', '..', '..', 'data', 'hotel_reviews');
const REVIEWS = path.join(DATA, 'hotel_reviews_515k_random10k_slim.csv.gz');
const HOTELS = path.join(DATA, 'hotel_reviews_515k_one_row_per_hotel.csv.gz');

/** Hotel names of a file, read with a minimal CSV splitter that honours double quotes. */
function hotelNames(file: string, column: string): string[] {
  const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n').filter((l) => l !== '');
  const split = (line: string) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
  const index = split(lines[0]!).indexOf(column);
  return lines.slice(1).map((line) => split(line)[index]!);
}

describe('the Booking.com review sample', () => {
  let pipeline: TestPipeline;

  beforeAll(async () => {
    pipeline = await startPipeline('it_reviews');
  });

  afterAll(async () => {
    await pipeline?.stop();
  });

  it('imports its hotels as properties with coordinates, and every review loaded or rejected with a reason', async () => {
    const config = loadCliConfig({ ...pipeline.env, COLLECTOR_URL: pipeline.collector.url });
    const logger = createLogger({ service: 'test', level: 'warn' });
    const hotels = new Set(hotelNames(HOTELS, 'Hotel_Name'));
    const reviewHotels = hotelNames(REVIEWS, 'Hotel_Name');
    const orphans = reviewHotels.filter((name) => !hotels.has(name)).length;

    const properties = await importProperties(config, HOTELS);
    const summary = (await runImportCommand(config, REVIEWS, { wait: true, progress: false, adapter: 'booking-reviews', properties: HOTELS }))!;

    expect(properties).toMatchObject({ read: hotels.size, accepted: hotels.size, rejected: [] });
    expect(summary.read).toBe(reviewHotels.length);
    expect(summary.rejected).toBe(orphans);
    expect(Object.keys(summary.rejectedByReason).every((reason) => /^Hotel_Name: hotel ".+" is not in the per-hotel file$/.test(reason))).toBe(true);

    const result = await pollUntil(() => reconcile(config, logger), (r) => r.balanced && r.sources.some((s) => s.source === 'booking-reviews' && s.pending === 0 && s.loaded > 0), {
      what: 'a balanced reconciliation of the reviews',
      timeoutMs: 120_000,
      intervalMs: 2_000,
    });
    const source = result.sources.find((s) => s.source === 'booking-reviews')!;
    const [counts] = await pipeline.rows<{ feedback: string; located: string }>(`
      SELECT (SELECT count() FROM ${pipeline.db}.feedback FINAL) AS feedback,
             (SELECT count() FROM ${pipeline.db}.properties FINAL WHERE latitude IS NOT NULL AND longitude IS NOT NULL) AS located`);

    expect(source.loaded).toBe(summary.accepted);
    expect(Number(counts!.feedback)).toBe(reviewHotels.length - orphans);
    expect(Number(counts!.located)).toBe(hotels.size);
  });

  it('answers a by-country monthly query and a radius query through the sink', async () => {
    const refresh = await fetch(`${pipeline.sink.url}/v1/rollups/refresh`, { method: 'POST' });
    const byCountry = await fetch(`${pipeline.sink.url}/v1/kpi/review_score?by=country&grain=month&from=2015-01-01&to=2017-12-31`);
    const near = await fetch(`${pipeline.sink.url}/v1/kpi/review_score?by=property&from=2015-01-01&to=2017-12-31&near=48.8584,2.2945&radius_km=1`);
    const bad = await fetch(`${pipeline.sink.url}/v1/kpi/review_score?by=street&from=2015-01-01&to=2017-12-31`);

    expect(refresh.status).toBe(200);
    const countries = (await byCountry.json()) as { rows: { country: string; reviews: number }[] };
    const [feedback] = await pipeline.rows<{ n: string }>(`SELECT count() AS n FROM ${pipeline.db}.feedback FINAL`);
    expect(new Set(countries.rows.map((r) => r.country))).toEqual(new Set(['AT', 'ES', 'FR', 'GB', 'IT', 'NL']));
    expect(countries.rows.reduce((sum, r) => sum + r.reviews, 0)).toBe(Number(feedback!.n));

    const around = (await near.json()) as { rows: { city: string; distance_km: number }[] };
    expect(around.rows.length).toBeGreaterThan(0);
    expect(around.rows.every((r) => r.city === 'Paris' && r.distance_km <= 1)).toBe(true);

    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ issues: [{ field: 'by', message: expect.stringContaining('expected one of') }] });
  });
});
