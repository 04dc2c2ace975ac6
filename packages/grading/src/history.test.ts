import { DEFAULT_GRADING_CONFIG as config } from './config';
import type { DailyResult } from './daily';
import { runDaily } from './daily';
import { groupFactsByCustomer } from './facts';
import { extendHistory, gradeAsOf, historyFromRuns } from './history';
import { AS_OF, baseFacts } from './hotel-base.fixture';

/*
 * Four nightly runs: 06-30 on the base; from 07-01 on, c02's stays but the oldest are
 * cancelled and c10 is merged away (no facts). c02 computes D from 07-01 but is held at B
 * on 07-01 and 07-02 and drops to C on 07-03; c10 leaves on 07-01.
 */
function nightlyRuns(): DailyResult[] {
  const lowered = baseFacts()
    .filter((fact) => fact.customerId !== 'c10')
    .map((fact) =>
      fact.customerId === 'c02' && fact.reservationId !== 'c02-r5'
        ? { ...fact, status: 'cancelled' as const, version: 2 }
        : fact,
    );
  const runs = [runDaily(groupFactsByCustomer(baseFacts()), AS_OF, [], config)];
  for (const day of ['2025-07-01', '2025-07-02', '2025-07-03']) {
    const previous = runs[runs.length - 1]?.grades ?? [];
    runs.push(runDaily(groupFactsByCustomer(lowered), day, previous, config));
  }
  return runs;
}

describe('grade history', () => {
  const runs = nightlyRuns();
  const history = historyFromRuns(runs);

  it('opens one interval per tier and score change', () => {
    const c02 = history.filter((row) => row.customerId === 'c02');

    expect(c02.map((row) => [row.tier, row.validFrom, row.validTo])).toEqual([
      ['B', '2025-06-30', '2025-07-01'],
      ['B', '2025-07-01', '2025-07-03'],
      ['C', '2025-07-03', null],
    ]);
  });

  it.each([
    ['before the first run', '2025-06-29', 'c02', undefined],
    ['on the first run', '2025-06-30', 'c02', 'B'],
    ['while the downgrade is held', '2025-07-02', 'c02', 'B'],
    ['on the downgrade', '2025-07-03', 'c02', 'C'],
    ['after the last run', '2025-12-31', 'c02', 'C'],
    ['before a guest left', '2025-06-30', 'c10', 'D'],
    ['after a guest left', '2025-07-01', 'c10', undefined],
  ])('travels in time %s (%s)', (_label, date, customerId, tier) => {
    expect(gradeAsOf(history, date).get(customerId)?.tier).toBe(tier);
  });

  it('matches the grade each run gave', () => {
    for (const run of runs) {
      const inForce = gradeAsOf(history, run.asOf);
      for (const grade of run.grades) {
        expect(inForce.get(grade.customerId)?.tier).toBe(grade.tier);
        expect(inForce.get(grade.customerId)?.scores).toEqual(grade.scores);
      }
    }
  });

  it('writes nothing when a day is re-run unchanged', () => {
    const rerun = extendHistory(history, runs[runs.length - 1] as DailyResult);

    expect(rerun.rows).toEqual(history);
    expect(rerun.upserts).toEqual([]);
    expect(rerun.deletes).toEqual([]);
  });

  it('replaces a re-run day and everything after it', () => {
    const [first, second] = runs as [DailyResult, DailyResult];
    const sameAsFirst = first.grades.map((grade) => ({ ...grade, asOf: second.asOf }));
    const rewound = extendHistory(history, { asOf: second.asOf, grades: sameAsFirst });
    const c02 = rewound.rows.filter((row) => row.customerId === 'c02');

    expect(c02.map((row) => [row.tier, row.validFrom, row.validTo])).toEqual([
      ['B', '2025-06-30', null],
    ]);
    expect(rewound.upserts).toContainEqual(c02[0]);
    expect(rewound.deletes.map((row) => row.validFrom)).not.toContain('2025-06-30');
    expect(rewound.deletes.length).toBeGreaterThan(0);
  });
});
