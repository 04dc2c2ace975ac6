import { StaystreamError } from '@staystream/errors';
import type { Logger } from '@staystream/logger';
import {
  createQueue,
  createRedis,
  queuePrefix,
  type GradingJobProgress,
  type GradingJobResult,
} from '@staystream/queue';
import type { CliConfig } from '../config';
import { formatRows, type OutputFormat } from '../format';
import { openStore, type Store } from '../store';

/** The last day ClickHouse's Date type holds: "no as-of date given" in the queries below. */
const LAST_DATE = '2149-06-06';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export interface GradesRunOptions {
  asOf?: string;
  wait: boolean;
  progress: boolean;
}

export type DistributionBy = 'tier' | 'property' | 'country';

/*
 * NOTE: the trusted-run filter below mirrors the sink's grading store (services/sink, store.ts)
 * on purpose: services never import each other, and both read the same tables.
 */
const TRUSTED_RUNS = `
  SELECT toString(as_of) AS as_of, revision, fingerprint, thresholds, customers, tiers
  FROM {db:Identifier}.grading_runs FINAL
  WHERE (as_of, revision) IN (
    SELECT as_of, max(revision) FROM {db:Identifier}.grading_runs GROUP BY as_of
  )`;

const LATEST_RUN = `
  SELECT * FROM (${TRUSTED_RUNS})
  WHERE as_of <= {asOf:String}
  ORDER BY as_of DESC
  LIMIT 1`;

const RUN_GRADES = `
  SELECT customer_id, tier
  FROM {db:Identifier}.customer_grades FINAL
  WHERE source = 'daily'
    AND as_of = {runAsOf:Date}
    AND revision = {revision:UInt32}
    AND run_fingerprint = {fingerprint:String}`;

const BY_TIER = `
  SELECT tier, count() AS customers, round(100 * count() / sum(count()) OVER (), 1) AS share_pct
  FROM (${RUN_GRADES})
  GROUP BY tier
  ORDER BY tier`;

/** A guest counts at every property where they completed a stay by the run's day. */
const BY_PROPERTY = `
  WITH
    facts AS (
      SELECT
        argMax(property_id, version) AS property_id,
        argMax(customer_id, version) AS fact_customer,
        argMax(status, version) AS status,
        argMax(departure_date, version) AS departure_date
      FROM {db:Identifier}.stay_facts
      GROUP BY reservation_id
    ),
    aliases AS (
      SELECT alias_id, argMax(customer_id, version) AS survivor
      FROM {db:Identifier}.customer_aliases
      GROUP BY alias_id
    ),
    guests AS (
      SELECT DISTINCT
        coalesce(nullIf(a.survivor, ''), f.fact_customer) AS customer_id,
        f.property_id AS property_id
      FROM facts AS f
      LEFT JOIN aliases AS a ON a.alias_id = f.fact_customer
      WHERE f.status = 'checked_out' AND f.departure_date <= {runAsOf:Date}
    )
  SELECT
    g.property_id AS property,
    r.tier AS tier,
    count() AS customers,
    round(100 * count() / sum(count()) OVER (PARTITION BY g.property_id), 1) AS share_pct
  FROM (${RUN_GRADES}) AS r
  INNER JOIN guests AS g ON g.customer_id = r.customer_id
  GROUP BY property, tier
  ORDER BY property, tier`;

/** The country of the guest's golden record; unknown when there is none. */
const BY_COUNTRY = `
  WITH countries AS (
    SELECT customer_id, argMax(country, version) AS country
    FROM {db:Identifier}.customers
    GROUP BY customer_id
  )
  SELECT
    if(c.country = '', '(unknown)', c.country) AS guest_country,
    r.tier AS tier,
    count() AS customers,
    round(100 * count() / sum(count()) OVER (PARTITION BY guest_country), 1) AS share_pct
  FROM (${RUN_GRADES}) AS r
  LEFT JOIN countries AS c ON c.customer_id = r.customer_id
  GROUP BY guest_country, tier
  ORDER BY guest_country, tier`;

const SURVIVOR = `
  SELECT argMax(customer_id, version) AS survivor
  FROM {db:Identifier}.customer_aliases
  WHERE alias_id = {customer:String}`;

/** The guest's latest trusted daily grade up to the day, and any later live grade. */
const CUSTOMER_GRADES = `
  SELECT toString(as_of) AS as_of, source, grade
  FROM {db:Identifier}.customer_grades FINAL
  WHERE customer_id = {customer:String}
    AND as_of <= {asOf:String}
    AND (source = 'live' OR (toString(as_of), revision, run_fingerprint) IN (
      SELECT as_of, revision, fingerprint FROM (${TRUSTED_RUNS})
    ))
  ORDER BY as_of DESC, source = 'daily' DESC`;

const CUSTOMER_HISTORY = `
  SELECT toString(valid_from) AS valid_from,
         if(isNull(valid_to), '', toString(valid_to)) AS valid_to,
         tier, r_score AS r, f_score AS f, m_score AS m, value AS v
  FROM {db:Identifier}.grade_history FINAL
  WHERE customer_id = {customer:String}
  ORDER BY valid_from`;

/** `grades run`: queue the day's run for the sink's grading worker and follow it. */
export async function gradesRunCommand(
  config: CliConfig,
  options: GradesRunOptions & { json?: boolean },
): Promise<number> {
  const result = await runGradesCommand(config, options);
  if (result === null) return 0;
  if (options.json) console.log(JSON.stringify(result));
  else printRunSummary(result);
  return 0;
}

/**
 * Queues the run of one day (yesterday, UTC, by default) as job `grading-<day>`, so a day is
 * never queued twice at once: a waiting or running job of the day is followed instead, a
 * finished one is replaced.
 */
export async function runGradesCommand(
  config: CliConfig,
  options: GradesRunOptions,
): Promise<GradingJobResult | null> {
  const asOf = options.asOf ?? yesterday();
  requireDate('--as-of', asOf);

  const redis = createRedis(config.REDIS_URL);
  const queue = createQueue('grading', redis, queuePrefix(config.TOPIC_PREFIX));
  try {
    if ((await queue.getWorkers()).length === 0) {
      console.error('warning: no sink is running the grading worker; the job waits until one starts');
    }
    const jobId = `grading-${asOf}`;
    const existing = await queue.getJob(jobId);
    const state = existing ? await existing.getState() : null;
    if (existing && (state === 'completed' || state === 'failed')) {
      await existing.remove();
    }
    const job =
      existing && state !== 'completed' && state !== 'failed'
        ? existing
        : await queue.add('grade', { asOf }, {
            jobId,
            attempts: 3,
            backoff: { type: 'exponential', delay: 10_000 },
            removeOnComplete: { age: 30 * 24 * 3600 },
            removeOnFail: { age: 30 * 24 * 3600 },
          });
    console.error(`grading of ${asOf} ${job === existing ? 'already queued' : 'queued'} as job ${job.id}`);
    if (!options.wait) return null;

    return await follow(queue, job.id!, options.progress);
  } finally {
    await queue.close();
    await redis.quit().catch(() => undefined);
  }
}

async function follow(
  queue: ReturnType<typeof createQueue<'grading'>>,
  jobId: string,
  showProgress: boolean,
): Promise<GradingJobResult> {
  let lastStep = '';
  for (;;) {
    const job = await queue.getJob(jobId);
    if (!job) throw new StaystreamError('grading_job_missing', `job ${jobId} disappeared`);

    const state = await job.getState();
    const progress = job.progress as Partial<GradingJobProgress> | number;
    if (showProgress && typeof progress === 'object' && progress.step && progress.step !== lastStep) {
      lastStep = progress.step;
      console.error(`  ${progress.step}${job.attemptsMade > 0 ? ` (attempt ${job.attemptsMade + 1})` : ''}`);
    }
    if (state === 'completed') return job.returnvalue as GradingJobResult;
    if (state === 'failed') {
      throw new StaystreamError('grading_failed', `grading failed: ${job.failedReason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function printRunSummary(result: GradingJobResult): void {
  const tiers = ['A', 'B', 'C', 'D', 'N'].map((tier) => `${tier} ${result.tiers[tier] ?? 0}`).join(', ');
  const what = result.unchanged ? 'unchanged (nothing written)' : `revision ${result.revision}`;
  console.log(`graded    ${result.customers} customers as of ${result.asOf} in ${(result.durationMs / 1000).toFixed(1)} s, ${what}`);
  console.log(`tiers     ${tiers}`);
  console.log(`changes   ${result.changes} tiers differ from the state before the day; history ${result.historyUpserts} upserts, ${result.historyDeletes} deletes`);
  console.log(`live      ${result.publishedLive ? 'thresholds published to the live path' : 'not published (a later day is graded)'}`);
}

/** `grades distribution`: tiers of the last run up to a day, overall or by property or country. */
export async function gradesDistributionCommand(
  config: CliConfig,
  logger: Logger,
  options: { by?: string; asOf?: string; format: OutputFormat },
): Promise<number> {
  const by = (options.by ?? 'tier') as DistributionBy;
  if (!['tier', 'property', 'country'].includes(by)) {
    throw new StaystreamError('grades_by_invalid', `--by ${options.by}: expected property or country`);
  }
  const store = await openStore(config, logger);
  try {
    const result = await gradeDistribution(store, by, options.asOf);
    if (result === null) {
      console.error('no completed grading run yet: run `staystream grades run --as-of <day>` first');
      return 1;
    }
    if (options.format === 'table') {
      console.log(`Grade distribution as of ${result.asOf} (revision ${result.revision})${by === 'tier' ? '' : ` by ${by}`}`);
    }
    console.log(formatRows(result.rows, options.format));
    return 0;
  } finally {
    await store.close();
  }
}

export async function gradeDistribution(
  store: Store,
  by: DistributionBy,
  asOf?: string,
): Promise<{ asOf: string; revision: number; rows: Record<string, unknown>[] } | null> {
  if (asOf !== undefined) requireDate('--as-of', asOf);
  const run = await latestRun(store, asOf);
  if (run === null) return null;

  const sql = by === 'property' ? BY_PROPERTY : by === 'country' ? BY_COUNTRY : BY_TIER;
  const rows = await store.query(sql, {
    db: store.database,
    runAsOf: run.as_of,
    revision: run.revision,
    fingerprint: run.fingerprint,
  });
  return { asOf: run.as_of, revision: Number(run.revision), rows: rows.map(numbers) };
}

/** `grades show`: one guest's grade with its explanation and history. */
export async function gradesShowCommand(
  config: CliConfig,
  logger: Logger,
  customer: string,
  options: { asOf?: string; json?: boolean },
): Promise<number> {
  const store = await openStore(config, logger);
  try {
    const shown = await showGrade(store, customer, options.asOf);
    if (options.json) {
      console.log(JSON.stringify(shown, null, 2));
    } else {
      printGrade(shown);
    }
    return shown.daily === null && shown.live === null ? 1 : 0;
  } finally {
    await store.close();
  }
}

export interface ShownGrade {
  customer: string;
  /** The guest the id was merged into, when it is an alias. */
  mergedInto: string | null;
  daily: GradeView | null;
  /** A live grade newer than the daily one: provisional until the next daily run. */
  live: GradeView | null;
  history: Record<string, unknown>[];
}

interface GradeView {
  asOf: string;
  tier: string;
  computedTier: string;
  scores: { r: number; f: number; m: number } | null;
  v: number | null;
  inputs: Record<string, unknown>;
  explanation: string[];
}

export async function showGrade(store: Store, customer: string, asOf?: string): Promise<ShownGrade> {
  if (asOf !== undefined) requireDate('--as-of', asOf);
  const db = store.database;
  const [alias] = await store.query<{ survivor: string }>(SURVIVOR, { db, customer });
  const mergedInto = alias?.survivor ? alias.survivor : null;
  const id = mergedInto ?? customer;

  const rows = await store.query<{ as_of: string; source: string; grade: string }>(CUSTOMER_GRADES, {
    db,
    customer: id,
    asOf: asOf ?? LAST_DATE,
  });
  const daily = rows.find((row) => row.source === 'daily');
  const live = rows.find((row) => row.source === 'live' && (daily === undefined || row.as_of > daily.as_of));
  const history = await store.query(CUSTOMER_HISTORY, { db, customer: id });

  return {
    customer,
    mergedInto,
    daily: daily ? gradeView(daily.grade) : null,
    live: live ? gradeView(live.grade) : null,
    history: history.map(numbers),
  };
}

function gradeView(json: string): GradeView {
  const grade = JSON.parse(json) as {
    asOf: string;
    tier: string;
    computedTier: string;
    scores: GradeView['scores'];
    v: number | null;
    inputs: Record<string, unknown>;
    explanation: string[];
  };
  return {
    asOf: grade.asOf,
    tier: grade.tier,
    computedTier: grade.computedTier,
    scores: grade.scores,
    v: grade.v,
    inputs: grade.inputs,
    explanation: grade.explanation,
  };
}

function printGrade(shown: ShownGrade): void {
  const id = shown.mergedInto ? `${shown.customer} (merged into ${shown.mergedInto})` : shown.customer;
  if (shown.daily === null && shown.live === null) {
    console.log(`customer ${id}: no grade (no completed stay, or no grading run yet)`);
    return;
  }
  for (const [label, view] of [['daily', shown.daily], ['live, provisional', shown.live]] as const) {
    if (view === null) continue;
    console.log(`customer ${id}: tier ${view.tier} as of ${view.asOf} (${label})`);
    for (const sentence of view.explanation) console.log(`  ${sentence}`);
  }
  console.log('history');
  console.log(formatRows(shown.history, 'table').replace(/^/gm, '  '));
}

async function latestRun(
  store: Store,
  asOf?: string,
): Promise<{ as_of: string; revision: number; fingerprint: string } | null> {
  const [run] = await store.query<{ as_of: string; revision: number; fingerprint: string }>(LATEST_RUN, {
    db: store.database,
    asOf: asOf ?? LAST_DATE,
  });
  return run ?? null;
}

/** ClickHouse returns 64-bit counts as strings; the tables show numbers. */
function numbers(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] = typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) && key !== 'valid_from' ? Number(value) : value;
  }
  return out;
}

function requireDate(option: string, value: string): void {
  const valid = ISO_DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
  if (!valid) {
    throw new StaystreamError('grades_date_invalid', `${option} ${value}: expected a date as YYYY-MM-DD`);
  }
}

function yesterday(): string {
  return new Date(Date.now() - DAY_MS).toISOString().slice(0, 10);
}
