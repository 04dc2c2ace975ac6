export interface PrecisionRecall {
  precision: number;
  recall: number;
  f1: number;
}

export interface ClusterMetrics {
  pairwise: PrecisionRecall;
  bcubed: PrecisionRecall;
  counts: {
    records: number;
    truthClusters: number;
    predictedClusters: number;
    truePairs: number;
    predictedPairs: number;
    correctPairs: number;
  };
}

/**
 * Compares a predicted clustering with the truth, both as record id → cluster id over the same
 * records. Pairwise: precision and recall over all within-cluster record pairs. B-cubed: per
 * record, the share of its predicted cluster that is truly its own (precision) and the share of
 * its true cluster that was predicted with it (recall), averaged over records.
 */
export function clusterMetrics(
  predicted: ReadonlyMap<string, string>,
  truth: ReadonlyMap<string, string>,
): ClusterMetrics {
  const recordIds = [...truth.keys()].filter((id) => predicted.has(id));
  const predictedSizes = countBy(recordIds, (id) => predicted.get(id) as string);
  const truthSizes = countBy(recordIds, (id) => truth.get(id) as string);
  const overlapSizes = countBy(recordIds, (id) => `${predicted.get(id)}\u0000${truth.get(id)}`);

  const predictedPairs = sumPairs(predictedSizes);
  const truePairs = sumPairs(truthSizes);
  const correctPairs = sumPairs(overlapSizes);

  let bcubedPrecision = 0;
  let bcubedRecall = 0;
  for (const id of recordIds) {
    const overlap = overlapSizes.get(`${predicted.get(id)}\u0000${truth.get(id)}`) as number;
    bcubedPrecision += overlap / (predictedSizes.get(predicted.get(id) as string) as number);
    bcubedRecall += overlap / (truthSizes.get(truth.get(id) as string) as number);
  }

  const n = recordIds.length;
  return {
    pairwise: withF1(ratio(correctPairs, predictedPairs), ratio(correctPairs, truePairs)),
    bcubed: withF1(ratio(bcubedPrecision, n), ratio(bcubedRecall, n)),
    counts: {
      records: n,
      truthClusters: truthSizes.size,
      predictedClusters: predictedSizes.size,
      truePairs,
      predictedPairs,
      correctPairs,
    },
  };
}

function countBy(ids: readonly string[], keyOf: (id: string) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of ids) {
    const key = keyOf(id);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function sumPairs(sizes: ReadonlyMap<string, number>): number {
  let pairs = 0;
  for (const size of sizes.values()) pairs += (size * (size - 1)) / 2;
  return pairs;
}

/** A ratio that is 1 when there is nothing to get wrong (0 / 0). */
function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 1 : numerator / denominator;
}

function withF1(precision: number, recall: number): PrecisionRecall {
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
