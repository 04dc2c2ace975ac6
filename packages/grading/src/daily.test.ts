import { DEFAULT_GRADING_CONFIG as config } from './config';
import { groupFactsByCustomer } from './facts';
import type { Grade } from './grade';
import { gradeCustomer } from './grade';
import { AS_OF, baseFacts, shuffled, stayFact } from './hotel-base.fixture';
import { runDaily } from './daily';

/*
 * Expected grades of the hand-built base, worked out by hand (M values: hotel-base.fixture.ts).
 *
 * Population: c01–c10 (n = 10). n01 is new, l01 has no stay in the window, x01 has no stay.
 * A top p % cut is the k-th best value, k = ceil(p × 10 / 100): quintile cuts are the 2nd, 4th,
 * 6th and 8th best values; tier cuts are the 1st (A, 5 %), 2nd (B, 20 %) and 5th (C, 50 %).
 *
 * R, days since last stay, best first:
 *   c01 10, c03 20 | c04 40, c02 60 | c06 100, c05 150 | c07 250, c09 400 | c08 500, c10 700
 *   cuts 20, 60, 150, 400 → R 5: c01 c03; 4: c04 c02; 3: c06 c05; 2: c07 c09; 1: c08 c10
 * M, decayed revenue, best first:
 *   c02 3,100.81, c01 2,308.91 | c04 1,314.08, c03 1,076.14 | c05 825.66, c06 530.02 |
 *   c07 321.39, c08 193.59 | c09 140.43, c10 52.98
 *   cuts 2,308.91, 1,076.14, 530.02, 193.59 → M 5: c02 c01; 4: c04 c03; 3: c05 c06; 2: c07 c08;
 *   1: c09 c10
 * F, bands on the raw count (1, 2, 3–4, 5–9, 10+):
 *   c01 10 → 5; c02 5 → 4; c03 3, c05 4, c06 3 → 3; c04 2, c07 2 → 2; c08, c09, c10 1 → 1
 * V = 0.3 R + 0.3 F + 0.4 M:
 *   c01 1.5 + 1.5 + 2.0 = 5.0    c02 1.2 + 1.2 + 2.0 = 4.4    c03 1.5 + 0.9 + 1.6 = 4.0
 *   c04 1.2 + 0.6 + 1.6 = 3.4    c05 0.9 + 0.9 + 1.2 = 3.0    c06 0.9 + 0.9 + 1.2 = 3.0
 *   c07 0.6 + 0.6 + 0.8 = 2.0    c08 0.3 + 0.3 + 0.8 = 1.4    c09 0.6 + 0.3 + 0.4 = 1.3
 *   c10 0.3 + 0.3 + 0.4 = 1.0
 * Tier cuts over V (5.0, 4.4, 4.0, 3.4, 3.0, 3.0, 2.0, 1.4, 1.3, 1.0):
 *   A ≥ 5.0 (1st), B ≥ 4.4 (2nd), C ≥ 3.0 (5th).
 *   c05 and c06 tie on the 5th value, so both are C: ties share the better tier.
 */
const EXPECTED = [
  ['c01', 'A', { r: 5, f: 5, m: 5 }, 5.0],
  ['c02', 'B', { r: 4, f: 4, m: 5 }, 4.4],
  ['c03', 'C', { r: 5, f: 3, m: 4 }, 4.0],
  ['c04', 'C', { r: 4, f: 2, m: 4 }, 3.4],
  ['c05', 'C', { r: 3, f: 3, m: 3 }, 3.0],
  ['c06', 'C', { r: 3, f: 3, m: 3 }, 3.0],
  ['c07', 'D', { r: 2, f: 2, m: 2 }, 2.0],
  ['c08', 'D', { r: 1, f: 1, m: 2 }, 1.4],
  ['c09', 'D', { r: 2, f: 1, m: 1 }, 1.3],
  ['c10', 'D', { r: 1, f: 1, m: 1 }, 1.0],
] as const;

function gradeOf(grades: readonly Grade[], customerId: string): Grade {
  const grade = grades.find((candidate) => candidate.customerId === customerId);
  if (grade === undefined) {
    throw new Error(`no grade for ${customerId}`);
  }
  return grade;
}

describe('runDaily on the hand-built base', () => {
  const result = runDaily(groupFactsByCustomer(baseFacts()), AS_OF, [], config);

  it.each(EXPECTED)('grades %s as tier %s', (customerId, tier, scores, value) => {
    const grade = gradeOf(result.grades, customerId);

    expect(grade.tier).toBe(tier);
    expect(grade.scores).toEqual(scores);
    expect(grade.v).toBe(value);
  });

  it('takes the cuts worked out by hand', () => {
    expect(result.thresholds.population).toBe(10);
    expect(result.thresholds.recencyDaysCuts).toEqual([20, 60, 150, 400]);
    const monetaryCuts = result.thresholds.monetaryCuts.map((cut) => Math.round(cut ?? 0));

    expect(monetaryCuts).toEqual([2309, 1076, 530, 194]);
    expect(result.thresholds.valueCuts).toEqual({ a: 5, b: 4.4, c: 3 });
  });

  it.each([
    ['n01', 'new_customer'],
    ['l01', 'no_stay_in_window'],
  ])('leaves %s ungraded as N (%s)', (customerId, reason) => {
    const grade = gradeOf(result.grades, customerId);

    expect(grade.tier).toBe('N');
    expect(grade.ungradedReason).toBe(reason);
  });

  it('gives no grade to a guest without a completed stay', () => {
    expect(result.grades.map((grade) => grade.customerId)).not.toContain('x01');
  });

  it('sorts grades and changes by customer id', () => {
    const ids = result.grades.map((grade) => grade.customerId);

    expect(ids).toEqual([...ids].sort());
    expect(result.changes.every((change) => change.kind === 'entered')).toBe(true);
  });
});

describe('a late cancellation', () => {
  // c02's latest stay (60 days ago) is cancelled after check-out: version 2 replaces version 1.
  const cancellation = stayFact('c02', 'c02-r1', 60, 1200, { status: 'cancelled', version: 2 });
  const inOrder = [...baseFacts(), cancellation];
  const lateFirst = [cancellation, ...shuffled(baseFacts())];

  it('regrades exactly as in-order arrival does', () => {
    const expected = runDaily(groupFactsByCustomer(inOrder), AS_OF, [], config);
    const actual = runDaily(groupFactsByCustomer(lateFirst), AS_OF, [], config);

    expect(actual).toEqual(expected);
  });

  it('drops the cancelled stay from R, F and M', () => {
    const result = runDaily(groupFactsByCustomer(lateFirst), AS_OF, [], config);
    const grade = gradeOf(result.grades, 'c02');

    // Left: 4 stays, the last 200 days ago;
    // M = 1,200 × (0.6842 + 0.4681 + 0.3203 + 0.2191) = 1,200 × 1.6917 = 2,030.
    expect(grade.inputs.stays).toBe(4);
    expect(grade.r).toBe(200);
    expect(Math.round(grade.m)).toBe(2030);
  });

  it('gives the live path the same grade in either order', () => {
    const thresholds = runDaily(groupFactsByCustomer(baseFacts()), AS_OF, [], config).thresholds;
    const liveAsOf = '2025-07-01';
    const grade = (facts: typeof inOrder) => {
      const customer = groupFactsByCustomer(facts).find((c) => c.customerId === 'c02');
      return customer && gradeCustomer(customer, liveAsOf, thresholds, config);
    };

    expect(grade(lateFirst)).toEqual(grade(inOrder));
    expect(grade(lateFirst)?.inputs.stays).toBe(4);
  });
});

describe('running the same day twice', () => {
  const customers = groupFactsByCustomer(baseFacts());
  const first = runDaily(customers, AS_OF, [], config);

  it('gives identical output from the same inputs', () => {
    expect(runDaily(customers, AS_OF, [], config)).toEqual(first);
  });

  it('gives identical output when fed its own grades back', () => {
    expect(runDaily(customers, AS_OF, first.grades, config)).toEqual(first);
  });

  it('gives identical output whatever order the facts came in', () => {
    const reordered = groupFactsByCustomer(shuffled(baseFacts()));

    expect(runDaily(reordered, AS_OF, [], config)).toEqual(first);
  });
});

describe('changes between days', () => {
  const customers = groupFactsByCustomer(baseFacts());
  const dayOne = runDaily(customers, AS_OF, [], config);

  it('reports a guest whose facts vanished as removed', () => {
    const withoutC10 = customers.filter((c) => c.customerId !== 'c10');
    const dayTwo = runDaily(withoutC10, '2025-07-01', dayOne.grades, config);

    expect(dayTwo.changes).toContainEqual({
      customerId: 'c10',
      kind: 'removed',
      fromTier: 'D',
      toTier: null,
    });
  });

  it('refuses to run a day older than a stored grade', () => {
    expect(() => runDaily(customers, '2025-06-29', dayOne.grades, config)).toThrow(RangeError);
  });

  it('refuses a guest listed twice', () => {
    const twice = [...customers, customers[0] as (typeof customers)[number]];

    expect(() => runDaily(twice, AS_OF, [], config)).toThrow(/more than once/);
  });
});
