import type { GradingConfig } from './config';
import { configVersion } from './config';
import { DAYS_PER_MONTH, daysBetween } from './dates';
import type { CustomerFeatures } from './features';
import { roundAmount } from './features';
import type { Cut, Thresholds } from './scoring';
import { cutFor, quintileCuts, scoreFeatures, ungradedReason, valueScore } from './scoring';

/**
 * Takes the cut points of one daily run from the guests' features. The population is every
 * guest with a stay in the window who is not new (see `ungradedReason`); new guests are scored
 * against it but do not move it.
 *
 * The live path grades single guests with the thresholds of the last daily run, so a guest
 * graded live gets the grade the next run would give, except for the drift of the cuts.
 */
export function computeThresholds(
  features: readonly CustomerFeatures[],
  asOf: string,
  config: GradingConfig,
): Thresholds {
  const mismatch = features.find((row) => row.asOf !== asOf);
  if (mismatch !== undefined) {
    throw new RangeError(
      `features of ${mismatch.customerId} are as of ${mismatch.asOf}, not ${asOf}`,
    );
  }

  // 1. The population, and its R and M quintile cuts.
  const population = features.filter((row) => ungradedReason(row, config) === null);
  const recencyDaysCuts = quintileCuts(population.map((row) => row.recencyDays).sort(ascending));
  const monetaryCuts = quintileCuts(population.map((row) => row.monetary).sort(descending));

  // 2. Every member's value V, and the tier cuts over V.
  const scoreCuts = { recencyDaysCuts, monetaryCuts };
  const values = population
    .map((row) => valueScore(scoreFeatures(row, scoreCuts, config), row, config))
    .sort(descending);
  const shares = config.tierSharesPercent;
  const valueCuts = {
    a: cutFor(values, shares.a),
    b: cutFor(values, shares.a + shares.b),
    c: cutFor(values, shares.a + shares.b + shares.c),
  };

  const version = configVersion(config);
  return {
    asOf,
    version: `${asOf}/${version}`,
    configVersion: version,
    population: population.length,
    recencyDaysCuts,
    monetaryCuts,
    valueCuts,
  };
}

function ascending(a: number, b: number): number {
  return a - b;
}

function descending(a: number, b: number): number {
  return b - a;
}

/**
 * Carries the cuts of a daily run forward to a later date for the live path. Without new facts
 * every guest's R grows by the days passed and every M shrinks by the same decay factor, so
 * the cuts move the same way and an unchanged guest keeps the scores of the run. Without
 * this, the guest sitting on a cut would fall below it the next morning.
 *
 * NOTE: an aged M cut is rounded and lowered by two units of the sixth decimal, which absorbs
 * the rounding of both sides; a guest that close below a cut counts as tied with it.
 */
export function thresholdsAsOf(
  thresholds: Thresholds,
  asOf: string,
  config: GradingConfig,
): Thresholds {
  const elapsedDays = daysBetween(thresholds.asOf, asOf);
  if (elapsedDays < 0) {
    throw new RangeError(`thresholds as of ${thresholds.asOf} are later than ${asOf}`);
  }
  if (elapsedDays === 0) {
    return thresholds;
  }

  const decay = Math.pow(0.5, elapsedDays / DAYS_PER_MONTH / config.halfLifeMonths);
  const ageRecency = (cut: Cut): Cut => (cut === null ? null : cut + elapsedDays);
  const ageMonetary = (cut: Cut): Cut =>
    cut === null ? null : roundAmount(cut * decay) - AGED_CUT_MARGIN;

  return {
    ...thresholds,
    recencyDaysCuts: mapCuts(thresholds.recencyDaysCuts, ageRecency),
    monetaryCuts: mapCuts(thresholds.monetaryCuts, ageMonetary),
  };
}

const AGED_CUT_MARGIN = 2e-6;

function mapCuts(cuts: Thresholds['recencyDaysCuts'], map: (cut: Cut) => Cut) {
  return cuts.map(map) as unknown as Thresholds['recencyDaysCuts'];
}
