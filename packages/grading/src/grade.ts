import type { GradingConfig } from './config';
import { explainGrade } from './explain';
import type { CustomerFacts } from './facts';
import type { CustomerFeatures, GradingWindow } from './features';
import { extractFeatures, gradingWindow } from './features';
import type { RankedTier, Scores, Thresholds, Tier, UngradedReason } from './scoring';
import { thresholdsAsOf } from './thresholds';
import {
  scoreFeatures,
  tierBelow,
  tierForValue,
  tierRank,
  ungradedReason,
  valueScore,
} from './scoring';

/** Daily grades carry the hysteresis state; live grades are provisional until the next run. */
export type GradeSource = 'daily' | 'live';

/**
 * The part of a grade the hysteresis reads: enough to carry a guest's state between runs
 * without the explanation and inputs (the live path keeps only this per guest).
 */
export type GradeState = Pick<
  Grade,
  'customerId' | 'asOf' | 'source' | 'tier' | 'runsBelowTier' | 'prior'
>;

/** What the next step of the hysteresis starts from. */
export interface HysteresisState {
  readonly tier: Tier;
  /** Consecutive daily runs whose computed tier was below `tier`. */
  readonly runsBelowTier: number;
}

export interface GradeInputs {
  readonly firstDepartureDate: string;
  readonly lastDepartureDate: string;
  /** Completed stays, room nights and net revenue in the window, not decayed. */
  readonly stays: number;
  readonly roomNights: number;
  readonly revenue: number;
  readonly currency: string;
  readonly window: GradingWindow;
  readonly feedbackNpsMean: number | null;
}

export interface Grade {
  readonly customerId: string;
  readonly asOf: string;
  readonly source: GradeSource;
  /** The tier in force, after hysteresis. */
  readonly tier: Tier;
  /** The tier today's numbers alone give. */
  readonly computedTier: Tier;
  /** Why the computed tier is N; null for A to D. */
  readonly ungradedReason: UngradedReason | null;
  /** R: days since the last completed stay. */
  readonly r: number;
  /** F: decayed count of completed stays in the window. */
  readonly f: number;
  /** M: decayed net revenue in the window. */
  readonly m: number;
  /** V, 1–5; null without a stay in the window. */
  readonly v: number | null;
  /** R, F and M scores, 1–5; null without a stay in the window. New guests are scored too. */
  readonly scores: Scores | null;
  readonly inputs: GradeInputs;
  readonly thresholdsVersion: string;
  /** Consecutive daily runs computed below `tier`, towards `downgradeAfterRuns`. */
  readonly runsBelowTier: number;
  /**
   * State this grade was derived from, so that re-running the same day starts from the same
   * place and gives the same grade. Null for a guest's first grade.
   */
  readonly prior: HysteresisState | null;
  readonly explanation: readonly string[];
}

/**
 * LIVE path: grades one guest from their facts with the thresholds of the last daily run,
 * carried forward to `asOf` (see `thresholdsAsOf`).
 *
 * Upgrades apply at once. A lower computed tier leaves the held tier alone and counts no run:
 * only daily runs count towards a downgrade. Pass the guest's latest grade as `previous`.
 * Returns null when the guest has no completed stay by `asOf` (any grade is withdrawn).
 */
export function gradeCustomer(
  facts: CustomerFacts,
  asOf: string,
  thresholds: Thresholds,
  config: GradingConfig,
  previous?: GradeState,
): Grade | null {
  const features = extractFeatures(facts, asOf, config);
  if (features === null) {
    return null;
  }

  return gradeFeatures(features, thresholds, config, 'live', previous);
}

/** Grades one guest's features; the step shared by the live path and the daily run. */
export function gradeFeatures(
  features: CustomerFeatures,
  thresholds: Thresholds,
  config: GradingConfig,
  source: GradeSource,
  previous?: GradeState,
): Grade {
  // 1. Today's numbers alone, against cuts carried forward to today.
  const cuts = thresholdsAsOf(thresholds, features.asOf, config);
  const reason = ungradedReason(features, config);
  const scores = features.stays > 0 ? scoreFeatures(features, cuts, config) : null;
  const v = scores === null ? null : valueScore(scores, features, config);
  const computedTier: Tier =
    reason !== null || v === null ? 'N' : tierForValue(v, cuts.valueCuts);

  // 2. Hysteresis from the last daily state.
  const prior = hysteresisBase(previous, features.asOf, source);
  const held = applyHysteresis(computedTier, prior, source, config);

  const grade: Omit<Grade, 'explanation'> = {
    customerId: features.customerId,
    asOf: features.asOf,
    source,
    tier: held.tier,
    computedTier,
    ungradedReason: reason,
    r: features.recencyDays,
    f: features.frequency,
    m: features.monetary,
    v,
    scores,
    inputs: gradeInputs(features, config),
    thresholdsVersion: thresholds.version,
    runsBelowTier: held.runsBelowTier,
    prior,
  };

  return { ...grade, explanation: explainGrade(grade) };
}

/**
 * Where the hysteresis starts for a grade as of `asOf`, given the guest's latest grade:
 * - a daily grade of an earlier day is the state;
 * - a daily grade of the same day is a re-run, so it starts where that run started;
 * - a live grade is provisional, so it starts where that live grade started.
 */
export function hysteresisBase(
  previous: GradeState | undefined,
  asOf: string,
  source: GradeSource,
): HysteresisState | null {
  if (previous === undefined) {
    return null;
  }
  if (previous.asOf > asOf) {
    throw new RangeError(
      `grade of ${previous.customerId} is as of ${previous.asOf}, later than ${asOf}: ` +
        'replay days in order',
    );
  }
  if (previous.source === 'live') {
    return previous.prior;
  }
  if (previous.asOf === asOf && source === 'daily') {
    return previous.prior;
  }
  if (previous.asOf === asOf) {
    throw new RangeError(
      `live grade of ${previous.customerId} as of ${asOf} needs a date after ` +
        `the daily run of ${asOf}`,
    );
  }

  return { tier: previous.tier, runsBelowTier: previous.runsBelowTier };
}

/**
 * Upgrades, equal tiers and moves to or from N apply at once. Below the held tier, a daily run
 * counts one more run and, once `downgradeAfterRuns` are reached, drops one tier and starts
 * counting again; a live grade keeps the held tier and count.
 */
export function applyHysteresis(
  computedTier: Tier,
  base: HysteresisState | null,
  source: GradeSource,
  config: GradingConfig,
): HysteresisState {
  if (base === null || base.tier === 'N' || computedTier === 'N') {
    return { tier: computedTier, runsBelowTier: 0 };
  }
  if (tierRank(computedTier) <= tierRank(base.tier)) {
    return { tier: computedTier, runsBelowTier: 0 };
  }
  if (source === 'live') {
    return base;
  }

  const runsBelowTier = base.runsBelowTier + 1;
  if (runsBelowTier >= config.downgradeAfterRuns) {
    return { tier: tierBelow(base.tier as RankedTier), runsBelowTier: 0 };
  }
  return { tier: base.tier, runsBelowTier };
}

function gradeInputs(features: CustomerFeatures, config: GradingConfig): GradeInputs {
  return {
    firstDepartureDate: features.firstDepartureDate,
    lastDepartureDate: features.lastDepartureDate,
    stays: features.stays,
    roomNights: features.roomNights,
    revenue: features.revenue,
    currency: config.reportingCurrency,
    window: gradingWindow(features.asOf, config),
    feedbackNpsMean: features.feedbackNpsMean,
  };
}
