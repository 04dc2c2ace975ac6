import { DEFAULT_GRADING_CONFIG as config, resolveGradingConfig } from './config';
import type { CustomerFacts } from './facts';
import { extractFeatures, roundAmount } from './features';
import { AS_OF, stayFact } from './hotel-base.fixture';
import { frequencyScore, valueScore } from './scoring';

const guest = (...stays: CustomerFacts['stays']): CustomerFacts => ({ customerId: 'g', stays });

describe('extractFeatures', () => {
  it.each([
    ['counts a stay 1,095 days old (inside the window)', 1095, 1],
    ['drops a stay 1,096 days old (the window start is exclusive)', 1096, 0],
  ])('%s', (_label, ageDays, stays) => {
    const features = extractFeatures(guest(stayFact('g', 'r1', ageDays, 100)), AS_OF, config);

    expect(features?.stays).toBe(stays);
  });

  it.each([
    ['checked out after the as-of date', stayFact('g', 'r1', -1, 100)],
    ['still in house', stayFact('g', 'r1', 3, 100, { status: 'in_house' })],
    ['a no-show', stayFact('g', 'r1', 3, 100, { status: 'no_show' })],
    ['cancelled', stayFact('g', 'r1', 3, 100, { status: 'cancelled' })],
  ])('ignores a reservation %s', (_label, stay) => {
    expect(extractFeatures(guest(stay), AS_OF, config)).toBeNull();
  });

  it('decays a year-old stay to about half', () => {
    // 0.5^(365 / 365.25) = 0.500237 (a day short of a year); M = 1,000 × 0.500237.
    const features = extractFeatures(guest(stayFact('g', 'r1', 365, 1000)), AS_OF, config);

    expect(features).toMatchObject({
      recencyDays: 365,
      stays: 1,
      revenue: 1000,
      frequency: 0.500237,
      monetary: 500.237273,
    });
  });

  it('takes the first stay from all of history, not only the window', () => {
    const features = extractFeatures(
      guest(stayFact('g', 'r1', 2000, 100), stayFact('g', 'r2', 10, 100)),
      AS_OF,
      config,
    );

    expect(features?.firstDepartureDate).toBe('2020-01-08');
    expect(features?.stays).toBe(1);
  });
});

describe('roundAmount', () => {
  it.each([
    [1.2345665, 1.234566],
    [0.0000025, 0.000002],
    [0.0000035, 0.000004],
    [0.0000045, 0.000004],
    [3100.8096145, 3100.809614],
    [2.5e-7, 0],
    [-1.0000004, -1],
  ])('rounds %p to %p like ClickHouse round(x, 6), half to even', (value, expected) => {
    expect(roundAmount(value)).toBe(expected);
  });
});

describe('frequency bands', () => {
  const withStays = (stays: number, frequency = stays) =>
    ({ stays, frequency }) as Parameters<typeof frequencyScore>[0];

  it.each([
    [1, 1],
    [2, 2],
    [3, 3],
    [4, 3],
    [5, 4],
    [9, 4],
    [10, 5],
    [25, 5],
  ])('scores %d stays as F %d', (stays, score) => {
    expect(frequencyScore(withStays(stays), config)).toBe(score);
  });

  it('bands the decayed count when configured to', () => {
    const decayed = resolveGradingConfig({ frequencyBasis: 'decayedCount' });

    expect(frequencyScore(withStays(3, 2.4), config)).toBe(3);
    expect(frequencyScore(withStays(3, 2.4), decayed)).toBe(2);
  });
});

describe('feedback modifier', () => {
  const scores = { r: 3, f: 3, m: 3 };
  const withNps = (feedbackNpsMean: number | null) =>
    ({ feedbackNpsMean }) as Parameters<typeof valueScore>[1];
  const on = resolveGradingConfig({ feedbackValuePoints: 0.25 });

  it.each([
    ['is off by default', config, 10, 3],
    ['adds points for a promoter mean', on, 9.5, 3.25],
    ['leaves a passive mean alone', on, 8, 3],
    ['takes points off for a detractor mean', on, 4, 2.75],
    ['ignores a guest without answers', on, null, 3],
  ])('%s', (_label, settings, nps, value) => {
    expect(valueScore(scores, withNps(nps), settings)).toBe(value);
  });

  it('reads the mean of the answers in the window', () => {
    const answer = (id: string, date: string, npsScore: number) => ({
      customerId: 'g',
      feedbackId: id,
      submittedDate: date,
      npsScore,
      version: 1,
    });
    const features = extractFeatures(
      {
        ...guest(stayFact('g', 'r1', 100, 100)),
        feedback: [
          answer('f1', '2025-01-10', 10),
          answer('f2', '2025-03-01', 7),
          answer('f3', '2019-01-01', 0),
        ],
      },
      AS_OF,
      config,
    );

    expect(features?.feedbackNpsMean).toBe(8.5);
  });
});
