import type { GuestFeatures } from '../model';
import { createRandom } from '../synthetic/random';
import { compareNames, compareOtherFields } from './compare';
import type { ComparisonVector, Field } from './levels';
import { FIELD_LEVELS, FIELDS } from './levels';
import type { LevelProbabilities, MatchModel } from './model';

export interface EstimateOptions {
  /** Random record pairs to draw. @defaultValue 100000 */
  pairs?: number;
  /** @defaultValue 1 */
  seed?: number | string;
}

/**
 * Re-estimates the `u` probabilities of a model from the data, the way Splink does: among random
 * pairs of records almost every pair is two different people, so the share of random pairs at a
 * level is that level's chance agreement. In a Portuguese resort "Silva" agrees far more often
 * than the priors assume; this lets the weights say so. `m` stays as given. A level no random
 * pair reached keeps the smaller of its prior and half a pair's share.
 */
export function estimateUProbabilities(
  records: readonly GuestFeatures[],
  model: MatchModel,
  options: EstimateOptions = {},
): MatchModel {
  const counts = countRandomPairs(records, options.pairs ?? 100_000, options.seed ?? 1);
  const estimated: Record<string, Record<string, LevelProbabilities>> = {};

  for (const field of FIELDS) {
    const prior = model[field] as Record<string, LevelProbabilities>;
    const seen = counts.get(field) ?? new Map<string, number>();
    const total = [...seen.values()].reduce((sum, n) => sum + n, 0);
    estimated[field] = {};
    for (const level of FIELD_LEVELS[field]) {
      const { m, u } = prior[level] as LevelProbabilities;
      const count = seen.get(level) ?? 0;
      const share = total === 0 ? u : count > 0 ? count / total : Math.min(u, 0.5 / total);
      (estimated[field] as Record<string, LevelProbabilities>)[level] = { m, u: share };
    }
  }
  return estimated as MatchModel;
}

function countRandomPairs(
  records: readonly GuestFeatures[],
  pairs: number,
  seed: number | string,
): Map<Field, Map<string, number>> {
  const counts = new Map<Field, Map<string, number>>();
  if (records.length < 2) return counts;

  const random = createRandom(seed);
  for (let i = 0; i < pairs; i += 1) {
    const a = records[random.int(0, records.length - 1)] as GuestFeatures;
    const b = records[random.int(0, records.length - 1)] as GuestFeatures;
    if (a === b) continue;
    tally(counts, compareRandomPair(a, b));
  }
  return counts;
}

function compareRandomPair(a: GuestFeatures, b: GuestFeatures): ComparisonVector {
  const usable = {
    email: a.email?.kind === 'personal' && b.email?.kind === 'personal',
    phone: a.phone?.kind === 'personal' && b.phone?.kind === 'personal',
  };
  const vector = compareOtherFields(a, b, usable);
  if (a.name === undefined || b.name === undefined) return vector;
  return { ...vector, ...compareNames(a.name, b.name, false) };
}

function tally(counts: Map<Field, Map<string, number>>, vector: ComparisonVector): void {
  for (const field of FIELDS) {
    const level = vector[field];
    if (level === undefined) continue;

    const levels = counts.get(field) ?? new Map<string, number>();
    levels.set(level, (levels.get(level) ?? 0) + 1);
    counts.set(field, levels);
  }
}
