import type { GradingConfig } from './config';
import type { CustomerFacts } from './facts';
import { compareText } from './facts';
import type { CustomerFeatures } from './features';
import { extractFeatures } from './features';
import type { Grade } from './grade';
import { gradeFeatures, hysteresisBase } from './grade';
import type { Thresholds, Tier } from './scoring';
import { tierRank } from './scoring';
import { computeThresholds } from './thresholds';

export type GradeChangeKind =
  | 'entered'
  | 'upgrade'
  | 'downgrade'
  | 'ranked'
  | 'unranked'
  | 'removed';

/** A tier that differs from the last daily state; null stands for "no grade". */
export interface GradeChange {
  readonly customerId: string;
  readonly kind: GradeChangeKind;
  readonly fromTier: Tier | null;
  readonly toTier: Tier | null;
}

export interface DailyResult {
  readonly asOf: string;
  readonly thresholds: Thresholds;
  /** One grade per guest with a completed stay by `asOf`, sorted by customer id. */
  readonly grades: readonly Grade[];
  /** Sorted by customer id. */
  readonly changes: readonly GradeChange[];
}

/**
 * DAILY run as a pure function: features, thresholds, grades with hysteresis, changes.
 *
 * `previousGrades` is the latest stored grade of each guest, daily or live, of any earlier day
 * or of this day. Running the same day again with the same facts gives the same result, also
 * when `previousGrades` already holds that day's own output.
 */
export function runDaily(
  customers: readonly CustomerFacts[],
  asOf: string,
  previousGrades: readonly Grade[],
  config: GradingConfig,
): DailyResult {
  requireUnique(customers.map((facts) => facts.customerId), 'customers');

  const features = customers
    .map((facts) => extractFeatures(facts, asOf, config))
    .filter((row): row is CustomerFeatures => row !== null);

  return runDailyFromFeatures(features, asOf, previousGrades, config);
}

/**
 * The same run from precomputed features, such as the rows of `buildCustomerFeaturesQuery`:
 * the daily job lets ClickHouse aggregate the facts and ranks the guests here.
 */
export function runDailyFromFeatures(
  features: readonly CustomerFeatures[],
  asOf: string,
  previousGrades: readonly Grade[],
  config: GradingConfig,
): DailyResult {
  requireUnique(features.map((row) => row.customerId), 'features');
  requireUnique(previousGrades.map((grade) => grade.customerId), 'previousGrades');

  // 1. Cut points over today's population.
  const thresholds = computeThresholds(features, asOf, config);

  // 2. Every guest's grade, starting from their last daily state.
  const previousById = new Map(previousGrades.map((grade) => [grade.customerId, grade]));
  const grades = [...features]
    .sort((a, b) => compareText(a.customerId, b.customerId))
    .map((row) => {
      const previous = previousById.get(row.customerId);
      return gradeFeatures(row, thresholds, config, 'daily', previous);
    });

  // 3. What changed against that state.
  const graded = new Set(grades.map((grade) => grade.customerId));
  const removed = previousGrades.filter((grade) => !graded.has(grade.customerId));
  const changes = [
    ...grades.map((grade) => tierChange(grade.customerId, grade.prior?.tier ?? null, grade.tier)),
    ...removed.map((grade) => {
      const base = hysteresisBase(grade, asOf, 'daily');
      return tierChange(grade.customerId, base?.tier ?? null, null);
    }),
  ]
    .filter((change): change is GradeChange => change !== null)
    .sort((a, b) => compareText(a.customerId, b.customerId));

  return { asOf, thresholds, grades, changes };
}

function tierChange(
  customerId: string,
  fromTier: Tier | null,
  toTier: Tier | null,
): GradeChange | null {
  const kind = changeKind(fromTier, toTier);
  return kind === null ? null : { customerId, kind, fromTier, toTier };
}

function changeKind(fromTier: Tier | null, toTier: Tier | null): GradeChangeKind | null {
  if (fromTier === toTier) {
    return null;
  }
  if (fromTier === null) {
    return 'entered';
  }
  if (toTier === null) {
    return 'removed';
  }
  if (fromTier === 'N') {
    return 'ranked';
  }
  if (toTier === 'N') {
    return 'unranked';
  }
  return tierRank(toTier) < tierRank(fromTier) ? 'upgrade' : 'downgrade';
}

function requireUnique(ids: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) {
      throw new RangeError(`${what} lists customer ${id} more than once`);
    }
    seen.add(id);
  }
}
