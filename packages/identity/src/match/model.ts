import type { ComparisonVector, Field, Level } from './levels';
import { FIELD_LEVELS, FIELDS } from './levels';

/**
 * Fellegi-Sunter probabilities of one comparison level: `m` among pairs of the same person,
 * `u` among pairs of different people. The level's weight is log2(m / u).
 */
export interface LevelProbabilities {
  m: number;
  u: number;
}

export type MatchModel = { [F in Field]: Record<Level<F>, LevelProbabilities> };

export type MatchWeights = { [F in Field]: Record<Level<F>, number> };

/**
 * Documented priors, not fitted to any benchmark. `m` assumes a few per cent of typos per
 * field in real duplicates; `u` is the chance agreement of two random guests: about 1 in 100 for
 * a given name, 1 in 300 for a family name, 1 in 10,000 for a birth date (365 days × ~30 birth
 * years), almost never for a personal e-mail or phone. `estimateModel` refits them on data.
 */
export const PRIOR_MODEL: MatchModel = {
  given: {
    exact: { m: 0.86, u: 0.01 },
    nickname: { m: 0.02, u: 0.002 },
    close: { m: 0.05, u: 0.004 },
    fuzzy: { m: 0.03, u: 0.03 },
    initial: { m: 0.02, u: 0.03 },
    different: { m: 0.02, u: 0.924 },
  },
  family: {
    exact: { m: 0.86, u: 0.003 },
    close: { m: 0.07, u: 0.003 },
    fuzzy: { m: 0.03, u: 0.03 },
    token: { m: 0.01, u: 0.001 },
    different: { m: 0.03, u: 0.963 },
  },
  birthDate: {
    exact: { m: 0.85, u: 0.0001 },
    swap: { m: 0.02, u: 0.00002 },
    typo: { m: 0.08, u: 0.002 },
    year: { m: 0.02, u: 0.03 },
    different: { m: 0.03, u: 0.96788 },
  },
  email: {
    exact: { m: 0.85, u: 0.00001 },
    local: { m: 0.03, u: 0.0001 },
    fuzzy: { m: 0.08, u: 0.0005 },
    different: { m: 0.04, u: 0.99939 },
  },
  phone: {
    exact: { m: 0.85, u: 0.00001 },
    suffix: { m: 0.05, u: 0.0001 },
    different: { m: 0.1, u: 0.99989 },
  },
  postcode: {
    exact: { m: 0.85, u: 0.002 },
    typo: { m: 0.07, u: 0.02 },
    different: { m: 0.08, u: 0.978 },
  },
  streetNumber: {
    exact: { m: 0.85, u: 0.01 },
    different: { m: 0.15, u: 0.99 },
  },
  street: {
    exact: { m: 0.8, u: 0.001 },
    close: { m: 0.1, u: 0.003 },
    fuzzy: { m: 0.04, u: 0.03 },
    different: { m: 0.06, u: 0.966 },
  },
  line2: {
    exact: { m: 0.8, u: 0.005 },
    close: { m: 0.1, u: 0.01 },
    different: { m: 0.1, u: 0.985 },
  },
  city: {
    exact: { m: 0.85, u: 0.005 },
    close: { m: 0.08, u: 0.005 },
    different: { m: 0.07, u: 0.99 },
  },
  state: {
    exact: { m: 0.9, u: 0.25 },
    different: { m: 0.1, u: 0.75 },
  },
};

export function compileWeights(model: MatchModel): MatchWeights {
  const weights: Record<string, Record<string, number>> = {};
  for (const field of FIELDS) {
    const levels = model[field] as Record<string, LevelProbabilities>;
    weights[field] = {};
    for (const level of FIELD_LEVELS[field]) {
      const { m, u } = levels[level] as LevelProbabilities;
      (weights[field] as Record<string, number>)[level] = Math.log2(m / u);
    }
  }
  return weights as MatchWeights;
}

/** Sum of the level weights: the log2 likelihood ratio "same person" vs "different people". */
export function scoreVector(vector: ComparisonVector, weights: MatchWeights): number {
  let total = 0;
  for (const field of FIELDS) {
    const level = vector[field];
    if (level !== undefined) total += (weights[field] as Record<string, number>)[level] ?? 0;
  }
  return total;
}

/** Weight of one field's level, 0 when the field was not compared. */
export function levelWeight(weights: MatchWeights, field: Field, level: string | undefined) {
  if (level === undefined) return 0;
  return (weights[field] as Record<string, number>)[level] ?? 0;
}
