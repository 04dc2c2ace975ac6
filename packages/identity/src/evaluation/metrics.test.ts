import { clusterMetrics } from './metrics';

describe('clusterMetrics', () => {
  /**
   * Truth: {a, b, c} and {d, e}. Predicted: {a, b}, {c, d} and {e}.
   *
   * Pairs. True: ab ac bc de = 4. Predicted: ab cd = 2. Correct: ab = 1.
   *   precision 1/2, recall 1/4, F1 = 2 · (1/2 · 1/4) / (1/2 + 1/4) = 1/3.
   *
   * B-cubed, per record (overlap / predicted size, overlap / true size):
   *   a: 2/2, 2/3   b: 2/2, 2/3   c: 1/2, 1/3   d: 1/2, 1/2   e: 1/1, 1/2
   *   precision (1 + 1 + 1/2 + 1/2 + 1) / 5 = 4/5
   *   recall (2/3 + 2/3 + 1/3 + 1/2 + 1/2) / 5 = (8/3) / 5 = 8/15
   *   F1 = 2 · (4/5 · 8/15) / (4/5 + 8/15) = (64/75) / (20/15) = 16/25 = 0.64
   */
  const truth = new Map(Object.entries({ a: 'T1', b: 'T1', c: 'T1', d: 'T2', e: 'T2' }));
  const predicted = new Map(Object.entries({ a: 'X', b: 'X', c: 'Y', d: 'Y', e: 'Z' }));

  const metrics = clusterMetrics(predicted, truth);

  it.each([
    ['pairwise precision', metrics.pairwise.precision, 1 / 2],
    ['pairwise recall', metrics.pairwise.recall, 1 / 4],
    ['pairwise F1', metrics.pairwise.f1, 1 / 3],
    ['B-cubed precision', metrics.bcubed.precision, 4 / 5],
    ['B-cubed recall', metrics.bcubed.recall, 8 / 15],
    ['B-cubed F1', metrics.bcubed.f1, 16 / 25],
  ])('computes %s by hand', (_label, actual, expected) => {
    expect(actual).toBeCloseTo(expected, 10);
  });

  it('counts records, clusters and pairs', () => {
    expect(metrics.counts).toEqual({
      records: 5,
      truthClusters: 2,
      predictedClusters: 3,
      truePairs: 4,
      predictedPairs: 2,
      correctPairs: 1,
    });
  });

  it('scores a perfect clustering as 1 everywhere', () => {
    const perfect = clusterMetrics(truth, truth);

    expect([perfect.pairwise.f1, perfect.bcubed.f1]).toEqual([1, 1]);
  });
});
