import type { GradingConfig } from './config';
import { daysBetween } from './dates';
import type { CustomerFeatures } from './features';
import { roundAmount } from './features';

export type RankedTier = 'A' | 'B' | 'C' | 'D';

/** A to D rank guests by value; N is "not graded": new, or no completed stay in the window. */
export type Tier = RankedTier | 'N';

export type UngradedReason = 'new_customer' | 'no_stay_in_window';

export interface Scores {
  readonly r: number;
  readonly f: number;
  readonly m: number;
}

/**
 * Cut points of one daily run, enough to grade any guest later exactly as the run would have.
 *
 * Ranking rule, used for quintiles and tiers alike: a guest's standing is the share of the
 * population that is strictly better. A guest is in the top p % when fewer than p % of the
 * population is strictly better, so tied guests share the better standing. The cut for the top
 * p % is the k-th best value with k = ceil(p × population / 100), and a guest is in the top p %
 * exactly when their value is at least as good as that cut. A null cut means no one qualifies
 * (p × population rounds up to zero, or the population is empty).
 */
export interface Thresholds {
  readonly asOf: string;
  /** `<asOf>/<configVersion>`: stored on every grade made with these thresholds. */
  readonly version: string;
  readonly configVersion: string;
  /** Guests the cuts were taken from: those with a stay in the window who are not new. */
  readonly population: number;
  /** R cuts for the top 20, 40, 60 and 80 %; fewer days is better. R score = 1 + cuts met. */
  readonly recencyDaysCuts: readonly [Cut, Cut, Cut, Cut];
  /** M cuts for the top 20, 40, 60 and 80 %; more is better. M score = 1 + cuts met. */
  readonly monetaryCuts: readonly [Cut, Cut, Cut, Cut];
  /** V cuts for tiers A, B and C (top a %, a + b %, a + b + c %); below C is D. */
  readonly valueCuts: { readonly a: Cut; readonly b: Cut; readonly c: Cut };
}

export type Cut = number | null;

const QUINTILE_SHARES_PERCENT = [20, 40, 60, 80] as const;
const TIER_ORDER: readonly RankedTier[] = ['A', 'B', 'C', 'D'];

/** Ranked tiers compare by position: A is 0, D is 3. */
export function tierRank(tier: RankedTier): number {
  return TIER_ORDER.indexOf(tier);
}

export function tierBelow(tier: RankedTier): RankedTier {
  return TIER_ORDER[Math.min(tierRank(tier) + 1, TIER_ORDER.length - 1)] as RankedTier;
}

/** Why a guest with features is not graded, or null when they are ranked. */
export function ungradedReason(
  features: CustomerFeatures,
  config: GradingConfig,
): UngradedReason | null {
  if (features.stays === 0) {
    return 'no_stay_in_window';
  }
  if (daysBetween(features.firstDepartureDate, features.asOf) < config.newCustomerDays) {
    return 'new_customer';
  }
  return null;
}

/** The value at the top `sharePercent` boundary of values sorted best first. */
export function cutFor(sortedBestFirst: readonly number[], sharePercent: number): Cut {
  const rank = Math.ceil((sharePercent * sortedBestFirst.length) / 100);
  return rank === 0 ? null : (sortedBestFirst[rank - 1] ?? null);
}

export function quintileCuts(sortedBestFirst: readonly number[]): [Cut, Cut, Cut, Cut] {
  return QUINTILE_SHARES_PERCENT.map((share) => cutFor(sortedBestFirst, share)) as [
    Cut,
    Cut,
    Cut,
    Cut,
  ];
}

/** R, F and M scores, 1–5, for a guest with at least one stay in the window. */
export function scoreFeatures(
  features: CustomerFeatures,
  thresholds: Pick<Thresholds, 'recencyDaysCuts' | 'monetaryCuts'>,
  config: GradingConfig,
): Scores {
  const recencyCutsMet = thresholds.recencyDaysCuts.filter((cut) =>
    atMost(features.recencyDays, cut),
  );
  const monetaryCutsMet = thresholds.monetaryCuts.filter((cut) => atLeast(features.monetary, cut));
  const r = 1 + recencyCutsMet.length;
  const m = 1 + monetaryCutsMet.length;

  return { r, f: frequencyScore(features, config), m };
}

/** F by fixed bands: the number of band minimums the stay count reaches, at least 1. */
export function frequencyScore(features: CustomerFeatures, config: GradingConfig): number {
  const count = config.frequencyBasis === 'rawCount' ? features.stays : features.frequency;
  const reached = config.frequencyBandMinStays.filter((min) => count >= min).length;

  return Math.max(1, reached);
}

/**
 * V = wR·R + wF·F + wM·M, plus the feedback points when switched on, kept within 1–5 and
 * rounded to six places so equal sums compare equal.
 */
export function valueScore(
  scores: Scores,
  features: CustomerFeatures,
  config: GradingConfig,
): number {
  const weights = config.valueWeights;
  const weighted = weights.r * scores.r + weights.f * scores.f + weights.m * scores.m;
  const value = weighted + feedbackPoints(features.feedbackNpsMean, config);

  return roundAmount(Math.min(5, Math.max(1, value)));
}

/** +points for a promoter mean (9 or more), −points for a detractor mean (6 or less). */
export function feedbackPoints(npsMean: number | null, config: GradingConfig): number {
  if (npsMean === null || config.feedbackValuePoints === 0) {
    return 0;
  }
  if (npsMean >= 9) {
    return config.feedbackValuePoints;
  }
  return npsMean <= 6 ? -config.feedbackValuePoints : 0;
}

export function tierForValue(value: number, cuts: Thresholds['valueCuts']): RankedTier {
  if (atLeast(value, cuts.a)) {
    return 'A';
  }
  if (atLeast(value, cuts.b)) {
    return 'B';
  }
  return atLeast(value, cuts.c) ? 'C' : 'D';
}

function atLeast(value: number, cut: Cut): boolean {
  return cut !== null && value >= cut;
}

function atMost(value: number, cut: Cut): boolean {
  return cut !== null && value <= cut;
}
