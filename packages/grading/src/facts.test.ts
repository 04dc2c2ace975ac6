import type { StayFact } from './facts';
import { groupFactsByCustomer, latestStayFacts } from './facts';
import { shuffled, stayFact } from './hotel-base.fixture';

describe('latestStayFacts', () => {
  const stay = stayFact('c01', 'r1', 10, 300);
  const corrected = { ...stay, revenue: 250, version: 2 };
  const cancelled = { ...stay, status: 'cancelled' as const, version: 3 };

  it.each([
    ['in order', [stay, corrected, cancelled]],
    ['late first', [cancelled, stay, corrected]],
    ['reversed', [cancelled, corrected, stay]],
  ])('keeps the highest version when facts arrive %s', (_label, facts) => {
    expect(latestStayFacts(facts)).toEqual([cancelled]);
  });

  it('breaks a tie between equal versions the same way in any order', () => {
    const twin: StayFact = { ...stay, revenue: 999 };

    expect(latestStayFacts([stay, twin])).toEqual(latestStayFacts([twin, stay]));
    expect(latestStayFacts([stay, twin])[0]?.revenue).toBe(999);
  });
});

describe('groupFactsByCustomer', () => {
  it('resolves merged guests through the latest alias version', () => {
    const facts = [stayFact('old-1', 'r1', 10, 100), stayFact('keep', 'r2', 20, 200)];
    const aliases = [
      { aliasId: 'old-1', customerId: 'wrong', version: 1 },
      { aliasId: 'old-1', customerId: 'keep', version: 2 },
    ];
    const grouped = groupFactsByCustomer(shuffled(facts), shuffled(aliases));

    expect(grouped.map((c) => [c.customerId, c.stays.map((s) => s.reservationId)])).toEqual([
      ['keep', ['r1', 'r2']],
    ]);
  });

  it('moves a reservation re-assigned to another guest', () => {
    const first = stayFact('a', 'r1', 10, 100);
    const moved = { ...first, customerId: 'b', version: 2 };
    const grouped = groupFactsByCustomer([moved, first]);

    expect(grouped.map((c) => c.customerId)).toEqual(['b']);
  });

  it('keeps the latest version of each survey answer', () => {
    const answer = {
      customerId: 'a',
      feedbackId: 'f1',
      submittedDate: '2025-06-01',
      npsScore: 3,
      version: 1,
    };
    const edited = { ...answer, npsScore: 9, version: 2 };
    const [group] = groupFactsByCustomer([], [], [edited, answer]);

    expect(group?.feedback).toEqual([edited]);
  });
});
