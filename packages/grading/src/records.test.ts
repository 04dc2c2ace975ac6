import { DEFAULT_GRADING_CONFIG as config } from './config';
import { runDaily } from './daily';
import { groupFactsByCustomer } from './facts';
import { extendHistory } from './history';
import { AS_OF, baseFacts } from './hotel-base.fixture';
import { gradeRecord, gradeState, historyRecord, liveKeys, parseHistoryRecord } from './records';

describe('grade records', () => {
  const run = runDaily(groupFactsByCustomer(baseFacts()), AS_OF, [], config);

  it('stores the scores, the inputs and the whole grade of a ranked guest', () => {
    const grade = run.grades.find((g) => g.scores !== null && g.tier !== 'N')!;

    const record = gradeRecord(grade, { revision: 2, runFingerprint: 'f', version: 7 });

    expect(record).toMatchObject({
      customer_id: grade.customerId,
      as_of: AS_OF,
      source: 'daily',
      revision: 2,
      tier: grade.tier,
      r_score: grade.scores!.r,
      f_score: grade.scores!.f,
      m_score: grade.scores!.m,
      stays: grade.inputs.stays,
      ungraded_reason: '',
      version: 7,
    });
    expect(JSON.parse(record.grade)).toEqual(grade);
  });

  it('stores an ungraded guest with its reason and no scores', () => {
    const grade = run.grades.find((g) => g.ungradedReason === 'no_stay_in_window')!;

    const record = gradeRecord(grade, { revision: 1, runFingerprint: 'f', version: 1 });

    expect(record).toMatchObject({ tier: 'N', ungraded_reason: 'no_stay_in_window' });
    expect([record.r_score, record.f_score, record.m_score, record.value]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it('reads back every history row it writes', () => {
    const { rows } = extendHistory([], run);

    const readBack = rows.map((row) => parseHistoryRecord(historyRecord(row, 3)));

    expect(readBack).toEqual(rows);
    expect(historyRecord(rows[0]!, 3, true)).toMatchObject({ is_deleted: 1, version: 3 });
  });

  it('keeps only what the hysteresis needs in a state', () => {
    const grade = run.grades[0]!;

    expect(Object.keys(gradeState(grade)).sort()).toEqual(
      ['asOf', 'customerId', 'prior', 'runsBelowTier', 'source', 'tier'].sort(),
    );
  });

  it('names the live keys under the namespace', () => {
    const keys = liveKeys('staystream:demo');

    expect([keys.snapshot, keys.state(4), keys.facts('c1')]).toEqual([
      'staystream:demo:grading:snapshot',
      'staystream:demo:grading:state:4',
      'staystream:demo:grading:facts:c1',
    ]);
  });
});
