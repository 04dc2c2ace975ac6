#!/usr/bin/env node
// KPI report benchmark: query times of every KPI on the bundled data, read from the rollups.
//
// Usage (from the repository root, after `npx turbo run build`):
//   node bench/kpi-bench.js [runs]
//
// Loads data/hotel_bookings (through the adapter, the input contract and the enricher's steps)
// and the review sample (adapter with its per-hotel file) straight into a fresh embedded
// ClickHouse database in a temporary folder (no Kafka), times one full rollup refresh, then
// runs each KPI `runs` times (default 5) by property and by country, monthly over the whole
// period, plus a radius query and a by-h3 query, and prints the median and the worst in ms.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const root = path.resolve(__dirname, '..');
const load = (p) => require(path.join(root, p));
const domain = load('packages/domain/dist');
const enricher = load('services/enricher/dist');
const clickhouseLib = load('packages/clickhouse/dist');
const analytics = load('packages/analytics/dist');
const { createLogger } = load('packages/logger/dist');

const runs = Number(process.argv[2] ?? 5);
const reviewsDir = path.join(root, 'data', 'hotel_reviews');

function csvRows(file) {
  const { parse } = require(require.resolve('csv-parse/sync', { paths: [path.join(root, 'packages', 'domain')] }));
  return parse(zlib.gunzipSync(fs.readFileSync(file)), { columns: true, skip_empty_lines: true });
}

function enrichFile(adapter, rows, zoneOf) {
  const out = enricher.emptyEnriched();
  rows.forEach((row, i) => {
    const mapped = adapter.mapRow(row, i + 1);
    if (!mapped.ok) return;
    const events = mapped.events.map((e) => domain.parseEvent(e.type, e.input, 0));
    if (events.some((e) => !e.ok)) return;
    for (const { value } of events) {
      const zone = { timezone: zoneOf(value.record) };
      if (value.type === 'reservation') enricher.enrichReservation(value.record, zone, out);
      if (value.type === 'stay') enricher.enrichStay(value.record, out);
      if (value.type === 'feedback') enricher.enrichFeedback(value.record, zone, out);
    }
  });
  return out;
}

async function timed(fn) {
  const started = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result };
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'staystream-kpi-bench-'));
  const clickhouse = clickhouseLib.createClickHouse({ dataDir, database: 'kpi_bench', logger: createLogger({ service: 'bench', level: 'warn' }) });
  await clickhouseLib.migrate(clickhouse);

  const bookings = domain.createAdapter('hotel-bookings');
  const reviews = domain.createAdapter('booking-reviews', {
    bookingReviews: { hotelsFile: path.join(reviewsDir, 'hotel_reviews_515k_one_row_per_hotel.csv.gz') },
  });
  const properties = [...bookings.properties(), ...reviews.properties()]
    .map((p) => domain.parseProperty(p, 1))
    .filter((p) => p.ok)
    .map((p) => p.value);
  const a = enrichFile(bookings, csvRows(path.join(root, 'data', 'hotel_bookings', 'hotel_bookings.csv.gz')), (r) => r.envelope.property_timezone ?? 'UTC');
  const b = enrichFile(reviews, csvRows(path.join(reviewsDir, 'hotel_reviews_515k_random10k_slim.csv.gz')), (r) => r.envelope.property_timezone ?? 'UTC');
  await clickhouse.insert('properties', properties);
  await clickhouse.insert('reservations', a.reservations);
  await clickhouse.insert('stay_nights', a.stayNights);
  await clickhouse.insert('feedback', b.feedback);
  console.log(`loaded ${properties.length} properties, ${a.reservations.length} reservations, ${a.stayNights.length} stay nights, ${b.feedback.length} reviews`);

  const refresh = await timed(() => clickhouseLib.refreshRollups(clickhouse));
  console.log(`rollup refresh (all four, from the facts): ${refresh.ms.toFixed(0)} ms\n`);

  const cases = [];
  for (const kpi of analytics.KPIS) {
    for (const by of ['property', 'country']) cases.push({ kpi, by, grain: 'month' });
  }
  cases.push({ kpi: 'review_score', by: 'property', grain: 'month', near: '48.8584,2.2945', radius_km: 2 });
  cases.push({ kpi: 'room_nights', by: 'h3', grain: 'week', h3_resolution: 5 });
  cases.push({ kpi: 'occupancy', by: 'city', grain: 'day' });

  console.log('kpi                 by        grain  extra                rows   median ms   max ms');
  for (const c of cases) {
    const parsed = analytics.parseKpiRequest({ from: '2015-01-01', to: '2017-12-31', ...c });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const { query, params } = analytics.buildKpiQuery(parsed.request, clickhouse.database);
    const times = [];
    let rows = 0;
    for (let i = 0; i < runs; i++) {
      const t = await timed(() => clickhouse.query(query, params));
      times.push(t.ms);
      rows = t.result.length;
    }
    times.sort((x, y) => x - y);
    const extra = c.near ? `near ${c.radius_km} km` : c.h3_resolution !== undefined ? `res ${c.h3_resolution}` : '';
    console.log(
      `${c.kpi.padEnd(20)}${c.by.padEnd(10)}${c.grain.padEnd(7)}${extra.padEnd(21)}${String(rows).padStart(4)}` +
        `${times[Math.floor(times.length / 2)].toFixed(1).padStart(12)}${times[times.length - 1].toFixed(1).padStart(9)}`,
    );
  }
  await clickhouse.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
