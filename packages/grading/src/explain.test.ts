import { DEFAULT_GRADING_CONFIG as config } from './config';
import { runDaily } from './daily';
import { explainGrade } from './explain';
import { groupFactsByCustomer } from './facts';
import type { Grade } from './grade';
import { AS_OF, baseFacts } from './hotel-base.fixture';

describe('explainGrade', () => {
  const result = runDaily(groupFactsByCustomer(baseFacts()), AS_OF, [], config);
  const gradeOf = (customerId: string): Grade => {
    const grade = result.grades.find((candidate) => candidate.customerId === customerId);
    if (grade === undefined) {
      throw new Error(`no grade for ${customerId}`);
    }
    return grade;
  };

  it('states the tier, the value and every input of a ranked guest', () => {
    // c02: 5 stays of 1,200 (6,000 net, 10 room nights), last one 60 days ago.
    expect(explainGrade(gradeOf('c02'))).toEqual([
      'tier B: value 4.4 from R 4, F 4 and M 5',
      'R 4: last stay 60 days ago (departed 2025-05-01), top 40%',
      'F 4: 5 stays (10 room nights) in 36 months, 2.58 after decay',
      'M 5: 6,000 EUR net in 36 months, 3,100.81 EUR after decay, top 20%',
      `thresholds ${result.thresholds.version}, daily grade as of 2025-06-30`,
    ]);
  });

  it.each([
    ['n01', 'tier N (new): first stay departed 2025-05-31, too recent to compare'],
    ['l01', 'tier N (not graded): no completed stay in 36 months'],
  ])('says why %s is not graded', (customerId, sentence) => {
    expect(explainGrade(gradeOf(customerId))[0]).toContain(sentence);
  });

  it('says a downgrade is held and for how many runs', () => {
    const held: Grade = { ...gradeOf('c07'), tier: 'C', computedTier: 'D', runsBelowTier: 2 };

    expect(explainGrade(held)[0]).toBe(
      'tier C held: value 2 from R 2, F 2 and M 2 computes tier D, ' +
        'below C on 2 consecutive daily runs',
    );
  });

  it.each([
    ['an upgrade', { tier: 'A', runsBelowTier: 0 }, { tier: 'B', runsBelowTier: 0 }, '(up from B)'],
    [
      'a downgrade',
      { tier: 'D', runsBelowTier: 0 },
      { tier: 'C', runsBelowTier: 2 },
      '(down from C after 3 consecutive daily runs below it)',
    ],
  ] as const)('names %s', (_label, now, prior, text) => {
    const grade: Grade = { ...gradeOf('c07'), ...now, computedTier: now.tier, prior };

    expect(explainGrade(grade)[0]).toContain(text);
  });

  it('is stored on every grade', () => {
    for (const grade of result.grades) {
      expect(grade.explanation).toEqual(explainGrade(grade));
    }
  });
});
