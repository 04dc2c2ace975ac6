import { DEFAULT_GRADING_CONFIG as config } from './config';
import { runDaily } from './daily';
import { groupFactsByCustomer } from './facts';
import type { Grade, GradeSource, HysteresisState } from './grade';
import { applyHysteresis, gradeCustomer, hysteresisBase } from './grade';
import { AS_OF, baseFacts, stayFact } from './hotel-base.fixture';
import type { Tier } from './scoring';

const state = (tier: Tier, runsBelowTier = 0): HysteresisState => ({ tier, runsBelowTier });

describe('applyHysteresis', () => {
  it.each<[string, Tier, HysteresisState | null, GradeSource, HysteresisState]>([
    ['applies a first grade at once', 'C', null, 'daily', state('C')],
    ['applies an upgrade of several tiers at once', 'A', state('D', 2), 'daily', state('A')],
    ['keeps an equal tier and clears the count', 'B', state('B', 2), 'daily', state('B')],
    ['holds the tier on the first run below', 'C', state('B'), 'daily', state('B', 1)],
    ['holds the tier on the second run below', 'C', state('B', 1), 'daily', state('B', 2)],
    ['drops one tier on the third run below', 'D', state('B', 2), 'daily', state('C')],
    ['moves to N at once', 'N', state('A', 1), 'daily', state('N')],
    ['moves from N at once', 'D', state('N'), 'daily', state('D')],
    ['upgrades at once on the live path', 'A', state('C', 1), 'live', state('A')],
    ['counts no run on the live path', 'D', state('B', 2), 'live', state('B', 2)],
  ])('%s', (_label, computed, base, source, expected) => {
    expect(applyHysteresis(computed, base, source, config)).toEqual(expected);
  });

  it('steps down one tier per grace period while a guest stays low', () => {
    // Held A, computed D every night: A for runs 1–2, B at run 3, C at run 6, D at run 9.
    const held: Tier[] = [];
    let current: HysteresisState = state('A');
    for (let run = 1; run <= 9; run += 1) {
      current = applyHysteresis('D', current, 'daily', config);
      held.push(current.tier);
    }

    expect(held).toEqual(['A', 'A', 'B', 'B', 'B', 'C', 'C', 'C', 'D']);
  });

  it('honours a configured grace of one run', () => {
    const quick = { ...config, downgradeAfterRuns: 1 };

    expect(applyHysteresis('D', state('B'), 'daily', quick)).toEqual(state('C'));
  });
});

describe('hysteresisBase', () => {
  const grade = (asOf: string, source: GradeSource, tier: Tier, prior: HysteresisState | null) =>
    ({ customerId: 'c01', asOf, source, tier, runsBelowTier: 1, prior }) as unknown as Grade;

  it.each<[string, Grade | undefined, string, GradeSource, HysteresisState | null]>([
    ['starts from nothing without a previous grade', undefined, '2025-07-01', 'daily', null],
    [
      'starts from a daily grade of an earlier day',
      grade('2025-06-30', 'daily', 'B', state('A')),
      '2025-07-01',
      'daily',
      state('B', 1),
    ],
    [
      'starts a re-run where the first run of that day started',
      grade('2025-07-01', 'daily', 'B', state('A', 2)),
      '2025-07-01',
      'daily',
      state('A', 2),
    ],
    [
      'looks through a provisional live grade to its daily state',
      grade('2025-07-01', 'live', 'A', state('C')),
      '2025-07-01',
      'daily',
      state('C'),
    ],
    [
      'starts a second live grade of the day from the same daily state',
      grade('2025-07-01', 'live', 'A', state('C')),
      '2025-07-01',
      'live',
      state('C'),
    ],
  ])('%s', (_label, previous, asOf, source, expected) => {
    expect(hysteresisBase(previous, asOf, source)).toEqual(expected);
  });

  it.each<[string, Grade, string, GradeSource]>([
    ['a grade from a later day', grade('2025-07-02', 'daily', 'B', null), '2025-07-01', 'daily'],
    ['a live grade on a day run', grade('2025-07-01', 'daily', 'B', null), '2025-07-01', 'live'],
  ])('rejects %s', (_label, previous, asOf, source) => {
    expect(() => hysteresisBase(previous, asOf, source)).toThrow(RangeError);
  });
});

describe('gradeCustomer (live path)', () => {
  const customers = groupFactsByCustomer(baseFacts());
  const daily = runDaily(customers, AS_OF, [], config);
  const liveAsOf = '2025-07-01';
  const factsOf = (customerId: string) => {
    const found = customers.find((customer) => customer.customerId === customerId);
    if (found === undefined) {
      throw new Error(`no facts for ${customerId}`);
    }
    return found;
  };
  const dailyGradeOf = (customerId: string) =>
    daily.grades.find((grade) => grade.customerId === customerId);

  it('upgrades at once when a new stay lifts the value', () => {
    // c04 (C, V 3.4) checks out a 3,000 stay today: R 5 (0 days), F 3 (3 stays),
    // M 5 (1,000 × (0.925 + 0.386) + 3,000 = 4,311 ≥ 2,308.91), V 1.5 + 0.9 + 2.0 = 4.4 → B.
    const facts = factsOf('c04');
    const withStay = { ...facts, stays: [...facts.stays, stayFact('c04', 'c04-new', -1, 3000)] };
    const grade = gradeCustomer(withStay, liveAsOf, daily.thresholds, config, dailyGradeOf('c04'));

    expect(grade?.tier).toBe('B');
    expect(grade?.source).toBe('live');
    expect(grade?.prior).toEqual(state('C'));
  });

  it('keeps the held tier when the value falls', () => {
    // c02 (B) has every stay cancelled but the oldest one (800 days): V drops to D.
    const facts = factsOf('c02');
    const cancelled = facts.stays.map((stay) =>
      stay.reservationId === 'c02-r5'
        ? stay
        : { ...stay, status: 'cancelled' as const, version: 2 },
    );
    const grade = gradeCustomer(
      { ...facts, stays: cancelled },
      liveAsOf,
      daily.thresholds,
      config,
      dailyGradeOf('c02'),
    );

    expect(grade?.computedTier).toBe('D');
    expect(grade?.tier).toBe('B');
    expect(grade?.runsBelowTier).toBe(0);
    expect(grade?.explanation[0]).toMatch(/^tier B held: .* no daily run has counted it yet$/);
  });

  it('grades with the thresholds of the last daily run', () => {
    const grade = gradeCustomer(factsOf('c01'), liveAsOf, daily.thresholds, config);

    expect(grade?.thresholdsVersion).toBe(daily.thresholds.version);
    expect(grade?.tier).toBe('A');
  });

  it('returns null for a guest without a completed stay', () => {
    expect(gradeCustomer(factsOf('x01'), liveAsOf, daily.thresholds, config)).toBeNull();
  });

  it('refuses thresholds from a later day', () => {
    expect(() => gradeCustomer(factsOf('c01'), '2025-06-01', daily.thresholds, config)).toThrow(
      RangeError,
    );
  });
});

describe('daily runs with a downgrade', () => {
  // c02 loses all stays but the one 800 days ago on 2025-07-01 and stays that way.
  const lowered = baseFacts().map((fact) =>
    fact.customerId === 'c02' && fact.reservationId !== 'c02-r5'
      ? { ...fact, status: 'cancelled' as const, version: 2 }
      : fact,
  );
  const days = ['2025-07-01', '2025-07-02', '2025-07-03', '2025-07-04'];

  it('holds B for two runs, then drops to C only', () => {
    let previous = runDaily(groupFactsByCustomer(baseFacts()), AS_OF, [], config).grades;
    const held: Tier[] = [];
    for (const day of days) {
      const result = runDaily(groupFactsByCustomer(lowered), day, previous, config);
      const grade = result.grades.find((candidate) => candidate.customerId === 'c02');
      held.push(grade?.tier ?? 'N');
      previous = result.grades;
    }

    expect(held).toEqual(['B', 'B', 'C', 'C']);
  });
});
