import type { GradingConfig } from './config';
import { configVersion } from './config';
import type { CustomerFeatures } from './features';
import type { Thresholds } from './scoring';
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
