import { createClickHouse, migrate, type ClickHouse } from '@staystream/clickhouse';
import { createLogger } from '@staystream/logger';
import {
  createQueue,
  createRedis,
  queuePrefix,
  type GradingJobResult,
  type Redis,
} from '@staystream/queue';
import {
  loadSinkConfig,
  startGrading,
  type GradingHooks,
  type GradingService,
} from '@staystream/sink';
import { pollUntil, uniqueName } from '@staystream/testing';
import { TEST_DATA_DIR } from './pipeline';

/** The day the hand-built base is graded as of, and the stays behind it. */
export const AS_OF = '2024-06-30';

/**
 * A hand-built guest base, one line per guest: when the stays departed (days before AS_OF),
 * how many and the net revenue of each. Every stay is a reservation of its own.
 */
export const BASE: readonly {
  customer: string;
  daysAgo: number;
  stays: number;
  revenue: number;
  status?: string;
}[] = [
  { customer: 'c01', daysAgo: 95, stays: 10, revenue: 500 },
  { customer: 'c02', daysAgo: 120, stays: 1, revenue: 300 },
  { customer: 'c03', daysAgo: 150, stays: 3, revenue: 1000 },
  { customer: 'c04', daysAgo: 180, stays: 2, revenue: 200 },
  { customer: 'c05', daysAgo: 210, stays: 4, revenue: 300 },
  { customer: 'c05', daysAgo: 210, stays: 1, revenue: 4800 },
  { customer: 'c06', daysAgo: 240, stays: 1, revenue: 100 },
  { customer: 'c07', daysAgo: 300, stays: 1, revenue: 5000 },
  { customer: 'c08', daysAgo: 400, stays: 2, revenue: 150 },
  { customer: 'c09', daysAgo: 600, stays: 1, revenue: 50 },
  { customer: 'c10', daysAgo: 900, stays: 3, revenue: 400 },
  { customer: 'c11', daysAgo: 30, stays: 1, revenue: 10_000 },
  { customer: 'c12', daysAgo: 1200, stays: 1, revenue: 900 },
  { customer: 'c13', daysAgo: 100, stays: 1, revenue: 0, status: 'cancelled' },
  { customer: 'c14', daysAgo: 100, stays: 1, revenue: 0, status: 'no_show' },
];

/** The reservation of c05's 4,800 EUR stay, which a late cancellation takes away. */
export const C05_BIG_STAY = 'c05-210-1';

export function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** A row of the reservations table with everything grading does not read left plain. */
export function reservationRow(fact: {
  reservationId: string;
  customer: string;
  departure: string;
  revenue: number;
  status: string;
  version: number;
}): Record<string, unknown> {
  return {
    event_id: `${fact.reservationId}@${fact.version}`,
    tenant_id: 'test',
    property_id: 'hotel-1',
    source_system: 'test',
    reservation_id: fact.reservationId,
    customer_id: fact.customer,
    status: fact.status,
    source_status: fact.status,
    arrival_date: daysBefore(fact.departure, 2),
    departure_date: fact.departure,
    nights: 2,
    adults: 2,
    children: 0,
    babies: 0,
    room_type: 'A',
    meal_plan: 'BB',
    channel: 'direct',
    market_segment: 'direct',
    customer_type: 'transient',
    deposit_type: 'none',
    currency: 'EUR',
    room_revenue: fact.revenue,
    guest_country: 'PT',
    is_repeated_guest: false,
    version: fact.version,
    occurred_at: Date.parse(`${fact.departure}T10:00:00Z`),
    received_at: Date.parse(`${fact.departure}T10:00:00Z`),
  };
}

export function baseRows(): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const line of BASE) {
    for (let i = 0; i < line.stays; i += 1) {
      rows.push(
        reservationRow({
          reservationId: `${line.customer}-${line.daysAgo}-${line.revenue === 4800 ? 1 : i + 10}`,
          customer: line.customer,
          departure: daysBefore(AS_OF, line.daysAgo),
          revenue: line.revenue,
          status: line.status ?? 'checked_out',
          version: 2,
        }),
      );
    }
  }
  // An older version of c09's stay: booked, not yet stayed. The newer version must win.
  rows.push(
    reservationRow({
      reservationId: 'c09-600-10',
      customer: 'c09',
      departure: daysBefore(AS_OF, 600),
      revenue: 50,
      status: 'confirmed',
      version: 1,
    }),
  );
  return rows;
}

/** A private database with the daily job's worker, its queue and a way to run a day. */
export interface GradingBench {
  db: string;
  clickhouse: ClickHouse;
  redis: Redis;
  namespace: string;
  run(asOf: string, jobId?: string): Promise<GradingJobResult>;
  queue: ReturnType<typeof createQueue<'grading'>>;
  rows<T = Record<string, unknown>>(sql: string, params?: Record<string, unknown>): Promise<T[]>;
  stop(): Promise<void>;
}

/** The shared test store; a run beside other engineers' runs may point elsewhere. */
const DATA_DIR = process.env.STAYSTREAM_TEST_DATA_DIR ?? TEST_DATA_DIR;

export async function startBench(label: string, hooks?: GradingHooks): Promise<GradingBench> {
  const namespace = uniqueName(label);
  const config = loadSinkConfig({
    ...process.env,
    TOPIC_PREFIX: namespace,
    CLICKHOUSE_DATABASE: namespace,
    STAYSTREAM_DATA_DIR: DATA_DIR,
    GRADING_CRON: 'off',
  });
  const logger = createLogger({ service: 'test', level: process.env.LOG_LEVEL ?? 'warn' });
  const clickhouse = createClickHouse({
    dataDir: DATA_DIR,
    database: namespace,
    logger,
  });
  await migrate(clickhouse);

  const grading: GradingService = await startGrading({ config, clickhouse, logger, hooks });
  const redis = createRedis(config.REDIS_URL);
  const queue = createQueue('grading', redis, queuePrefix(namespace));
  const rows = <T>(sql: string, params: Record<string, unknown> = {}) =>
    clickhouse.query<T>(sql, { db: namespace, ...params });

  return {
    db: namespace,
    clickhouse,
    redis,
    namespace,
    queue,
    rows,
    async run(asOf, jobId = `grading-${asOf}-${Date.now()}`) {
      const job = await queue.add(
        'grade',
        { asOf },
        { jobId, attempts: 2, backoff: { type: 'fixed', delay: 50 } },
      );
      const state = await pollUntil(
        () => job.getState(),
        (s) => s === 'completed' || s === 'failed',
        { what: `grading job ${jobId}`, timeoutMs: 60_000, intervalMs: 100 },
      );
      const done = await queue.getJob(job.id!);
      if (state === 'failed') throw new Error(`grading job failed: ${done?.failedReason}`);
      return done!.returnvalue as GradingJobResult;
    },
    async stop() {
      await grading.stop();
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      await redis.quit().catch(() => undefined);
      await clickhouse.command('DROP DATABASE IF EXISTS {db:Identifier} SYNC', { db: namespace });
      await clickhouse.close();
    },
  };
}

/** Every row of the grading tables, in a fixed order, for comparing two states. */
export async function gradingTables(bench: GradingBench): Promise<Record<string, unknown[]>> {
  return {
    customer_grades: await bench.rows(
      'SELECT * FROM {db:Identifier}.customer_grades ORDER BY customer_id, as_of, source, revision, version',
    ),
    grade_history: await bench.rows(
      'SELECT * FROM {db:Identifier}.grade_history ORDER BY customer_id, valid_from, version, is_deleted',
    ),
    grading_runs: await bench.rows(
      'SELECT * FROM {db:Identifier}.grading_runs ORDER BY as_of, revision, run_seq',
    ),
  };
}

/** The trusted daily grades of one day: tier, computed tier, reason and scores per guest. */
export async function dailyGrades(
  bench: GradingBench,
  asOf: string,
): Promise<Record<string, { tier: string; computed: string; reason: string; rfm: string }>> {
  const rows = await bench.rows<{
    customer_id: string;
    tier: string;
    computed_tier: string;
    ungraded_reason: string;
    rfm: string;
  }>(
    `SELECT customer_id, tier, computed_tier, ungraded_reason,
            concat(toString(ifNull(r_score, 0)), toString(ifNull(f_score, 0)),
                   toString(ifNull(m_score, 0))) AS rfm
     FROM {db:Identifier}.customer_grades FINAL
     WHERE source = 'daily' AND as_of = {asOf:Date}
       AND (toString(as_of), revision, run_fingerprint) IN (
         SELECT toString(as_of), revision, fingerprint FROM {db:Identifier}.grading_runs FINAL
         WHERE (as_of, revision) IN (
           SELECT as_of, max(revision) FROM {db:Identifier}.grading_runs GROUP BY as_of))
     ORDER BY customer_id`,
    { asOf },
  );
  return Object.fromEntries(
    rows.map((row) => [
      row.customer_id,
      { tier: row.tier, computed: row.computed_tier, reason: row.ungraded_reason, rfm: row.rfm },
    ]),
  );
}
