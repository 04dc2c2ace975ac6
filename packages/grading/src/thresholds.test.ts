import { DEFAULT_GRADING_CONFIG as config, resolveGradingConfig } from './config';
import { runDaily } from './daily';
import { addDays } from './dates';
import { groupFactsByCustomer } from './facts';
import type { CustomerFeatures } from './features';
import { gradeCustomer } from './grade';
import { AS_OF, baseFacts } from './hotel-base.fixture';
import { cutFor, quintileCuts, scoreFeatures } from './scoring';
import { computeThresholds, thresholdsAsOf } from './thresholds';

function features(customerId: string, recencyDays: number, monetary: number): CustomerFeatures {
  return {
    customerId,
    asOf: AS_OF,
    firstDepartureDate: '2024-01-01',
    lastDepartureDate: addDays(AS_OF, -recencyDays),
    recencyDays,
    stays: 1,
    roomNights: 1,
    revenue: monetary,
    frequency: 1,
    monetary,
    feedbackNpsMean: null,
  };
}

describe('cutFor', () => {
  // Values best first; the top p % cut is the k-th best value, k = ceil(p × n / 100).
  it.each([
    ['the 2nd of 10 for the top 20 %', [10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 20, 9],
    ['the 1st of 10 for the top 5 % (ceil 0.5 = 1)', [10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 5, 10],
    ['the 1st of 3 for the top 20 % (ceil 0.6 = 1)', [3, 2, 1], 20, 3],
    ['the last of 3 for the top 100 %', [3, 2, 1], 100, 1],
    ['no cut for a share of 0 %', [3, 2, 1], 0, null],
    ['no cut for an empty population', [], 20, null],
  ])('takes %s', (_label, values, share, expected) => {
    expect(cutFor(values, share)).toBe(expected);
  });
});

describe('quintile scores with ties', () => {
  // M values 100, 90, 90, 90, 50, 40, 30, 20, 10, 0: the 2nd best is 90, so the top 20 % cut
  // is 90 and all three guests on 90 score 5 (ties share the better score). 4th best is 90
  // too, so no one scores 4; the 6th best is 40 → 50 and 40 score 3.
  const values = [100, 90, 90, 90, 50, 40, 30, 20, 10, 0];
  const cuts = {
    recencyDaysCuts: quintileCuts([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
    monetaryCuts: quintileCuts(values),
  };

  it.each([
    [100, 5],
    [90, 5],
    [50, 3],
    [40, 3],
    [30, 2],
    [20, 2],
    [10, 1],
    [0, 1],
    [95, 5],
    [45, 3],
  ])('scores M %d as %d', (monetary, expected) => {
    expect(scoreFeatures(features('x', 1, monetary), cuts, config).m).toBe(expected);
  });

  it.each([
    [1, 5],
    [2, 5],
    [3, 4],
    [4, 4],
    [10, 1],
    [0, 5],
  ])('scores R of %d days as %d (fewer days is better)', (recencyDays, expected) => {
    expect(scoreFeatures(features('x', recencyDays, 0), cuts, config).r).toBe(expected);
  });
});

describe('computeThresholds', () => {
  it('leaves every cut empty for an empty population', () => {
    const thresholds = computeThresholds([], AS_OF, config);

    expect(thresholds.population).toBe(0);
    expect(thresholds.monetaryCuts).toEqual([null, null, null, null]);
    expect(thresholds.valueCuts).toEqual({ a: null, b: null, c: null });
  });

  it('names the as-of date and the exact configuration', () => {
    const thresholds = computeThresholds([], AS_OF, config);
    const tuned = computeThresholds([], AS_OF, resolveGradingConfig({ halfLifeMonths: 18 }));

    expect(thresholds.version).toBe(`${AS_OF}/${thresholds.configVersion}`);
    expect(tuned.configVersion).not.toBe(thresholds.configVersion);
  });

  it('refuses features of another date', () => {
    const stale = { ...features('c01', 1, 1), asOf: '2025-06-29' };

    expect(() => computeThresholds([stale], AS_OF, config)).toThrow(/not 2025-06-30/);
  });
});

describe('thresholdsAsOf', () => {
  const customers = groupFactsByCustomer(baseFacts());
  const daily = runDaily(customers, AS_OF, [], config);

  it.each([1, 7, 30])('keeps every unchanged guest on its daily scores %d days later', (days) => {
    const liveAsOf = addDays(AS_OF, days);

    for (const customer of customers) {
      const live = gradeCustomer(customer, liveAsOf, daily.thresholds, config);
      const same = daily.grades.find((grade) => grade.customerId === customer.customerId);

      expect([customer.customerId, live?.scores, live?.tier]).toEqual([
        customer.customerId,
        same?.scores,
        same?.tier,
      ]);
    }
  });

  it('moves R cuts by the days passed and M cuts by one decay factor', () => {
    const aged = thresholdsAsOf(daily.thresholds, addDays(AS_OF, 365), config);
    const factor = Math.pow(0.5, 365 / 365.25);

    expect(aged.recencyDaysCuts).toEqual([385, 425, 515, 765]);
    expect(aged.monetaryCuts[0]).toBeCloseTo((daily.thresholds.monetaryCuts[0] ?? 0) * factor, 4);
    expect(aged.valueCuts).toEqual(daily.thresholds.valueCuts);
  });

  it('refuses to go back in time', () => {
    expect(() => thresholdsAsOf(daily.thresholds, '2025-06-01', config)).toThrow(RangeError);
  });
});
