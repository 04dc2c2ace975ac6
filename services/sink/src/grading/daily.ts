import { StaystreamError } from '@staystream/errors';
import {
  configVersion,
  extendHistory,
  gradeRecord,
  historyRecord,
  runDailyFromFeatures,
  type DailyResult,
  type GradingConfig,
  type HistoryUpdate,
} from '@staystream/grading';
import type { Logger } from '@staystream/logger';
import type { GradingJobProgress, GradingJobResult } from '@staystream/queue';
import type { LivePublisher } from './publish';
import { digest, type CompletedRun, type GradingStore } from './store';

/** Test seams: called at fixed points of a run with the attempt number (0 for the first). */
export interface GradingHooks {
  beforeRun?(attempt: number): Promise<void>;
  /** After grades and history are written, before the run is committed. */
  beforeCommit?(attempt: number): Promise<void>;
}

export interface DailyRunDeps {
  store: GradingStore;
  publisher: LivePublisher;
  config: GradingConfig;
  logger: Logger;
  hooks?: GradingHooks;
}

export interface DailyRunContext {
  attempt: number;
  progress(progress: GradingJobProgress): Promise<void>;
}

/**
 * One day's grading, safe to run again and to retry:
 * 1. refuse amounts in a currency grading cannot convert yet;
 * 2. grade every guest from ClickHouse's features and their last trusted daily state;
 * 3. when the result differs from the day's committed run, write it as the next revision;
 * 4. bring the history up to date (upserts and deletes, versioned by the run sequence);
 * 5. commit by writing the grading_runs row last;
 * 6. hand thresholds and states to the live path when this is the latest graded day.
 * A run that fails before step 5 leaves rows no reader trusts; its retry computes the same
 * rows, whose chunks ClickHouse has already seen, and goes on from there.
 */
export async function runGradingDay(
  deps: DailyRunDeps,
  asOf: string,
  context: DailyRunContext,
): Promise<GradingJobResult> {
  const started = Date.now();
  const { store, config, logger } = deps;
  const step = (name: GradingJobProgress['step'], counts: Partial<GradingJobProgress> = {}) =>
    context.progress({ asOf, step: name, ...counts });

  await deps.hooks?.beforeRun?.(context.attempt);
  await step('checking');
  await refuseForeignCurrency(store, asOf, config);
  const runs = await store.trustedRuns();

  await step('features');
  const features = await store.features(asOf, config);
  const previous = await store.previousDailyGrades(asOf);

  await step('grading');
  const result = runDailyFromFeatures(features, asOf, previous, config);
  const history = extendHistory(await store.history(), result);
  const fingerprint = runFingerprint(result, config);
  const committed = runs.find((run) => run.asOf === asOf);
  const historyChanged = history.upserts.length + history.deletes.length > 0;
  const unchanged = committed?.fingerprint === fingerprint && !historyChanged;
  const revision = unchanged ? committed.revision : (committed?.revision ?? 0) + 1;
  const runSeq = unchanged ? committed.runSeq : (await store.lastRunSeq()) + 1;
  const identity = `${asOf}/${configVersion(config)}/${fingerprint}/r${revision}`;

  if (!unchanged) {
    const rows = result.grades.map((grade) =>
      gradeRecord(grade, { revision, runFingerprint: fingerprint, version: runSeq }),
    );
    await store.insertChunks('customer_grades', rows, identity, (done) =>
      step('writing grades', { done, total: rows.length }),
    );
    await step('writing history');
    await writeHistory(store, history, runSeq, identity);
  }

  await deps.hooks?.beforeCommit?.(context.attempt);
  const summary: GradingJobResult = {
    asOf,
    revision,
    runSeq,
    unchanged,
    customers: result.grades.length,
    tiers: tierCounts(result),
    changes: result.changes.length,
    historyUpserts: history.upserts.length,
    historyDeletes: history.deletes.length,
    publishedLive: false,
    thresholdsVersion: result.thresholds.version,
    durationMs: 0,
  };
  if (!unchanged) {
    await step('committing');
    await commitRun(store, summary, result, fingerprint, config, identity, started);
  }

  const latest = runs.every((run) => run.asOf <= asOf);
  if (latest) {
    await step('publishing');
    await deps.publisher.publish({ thresholds: result.thresholds, config, runSeq }, result.grades);
  }

  const durationMs = Date.now() - started;
  logger.info(
    { asOf, count: summary.customers, attempt: context.attempt, durationMs, reason: unchanged ? 'unchanged' : 'graded' },
    'grading run finished',
  );
  return { ...summary, publishedLive: latest, durationMs };
}

async function refuseForeignCurrency(
  store: GradingStore,
  asOf: string,
  config: GradingConfig,
): Promise<void> {
  const foreign = await store.foreignCurrencyStays(asOf, config);
  if (foreign.length === 0) {
    return;
  }

  const list = foreign.map((row) => `${row.stays} in ${row.currency}`).join(', ');
  throw new StaystreamError(
    'grading_currency_unsupported',
    `stay_facts: completed stays in the window as of ${asOf} are not in ` +
      `REPORTING_CURRENCY=${config.reportingCurrency} (${list}); grading does not convert ` +
      'currencies yet (no FX table), so it refuses to sum them',
  );
}

async function writeHistory(
  store: GradingStore,
  history: HistoryUpdate,
  runSeq: number,
  identity: string,
): Promise<void> {
  const rows = [
    ...history.upserts.map((row) => historyRecord(row, runSeq)),
    ...history.deletes.map((row) => historyRecord(row, runSeq, true)),
  ];
  await store.insertChunks('grade_history', rows, identity);
}

async function commitRun(
  store: GradingStore,
  summary: GradingJobResult,
  result: DailyResult,
  fingerprint: string,
  config: GradingConfig,
  identity: string,
  started: number,
): Promise<void> {
  const finishedAt = Date.now();
  const row = {
    as_of: summary.asOf,
    revision: summary.revision,
    run_seq: summary.runSeq,
    fingerprint,
    config_version: configVersion(config),
    thresholds: JSON.stringify(result.thresholds),
    customers: summary.customers,
    tiers: JSON.stringify(summary.tiers),
    changes: summary.changes,
    history_upserts: summary.historyUpserts,
    history_deletes: summary.historyDeletes,
    duration_ms: finishedAt - started,
    finished_at: finishedAt,
  };
  await store.insertChunks('grading_runs', [row], identity);
}

/** Names a run's outcome: the settings, the thresholds and every grade. */
function runFingerprint(result: DailyResult, config: GradingConfig): string {
  return digest(
    JSON.stringify({ config: configVersion(config), thresholds: result.thresholds, grades: result.grades }),
  );
}

function tierCounts(result: DailyResult): Record<string, number> {
  const counts: Record<string, number> = { A: 0, B: 0, C: 0, D: 0, N: 0 };
  for (const grade of result.grades) {
    counts[grade.tier] = (counts[grade.tier] ?? 0) + 1;
  }
  return counts;
}

export type { CompletedRun };
