import { addDays, daysBetween, subtractMonths, toDayNumber } from './dates';

describe('subtractMonths', () => {
  it.each([
    ['2025-06-30', 36, '2022-06-30'],
    ['2024-03-31', 1, '2024-02-29'],
    ['2025-03-31', 1, '2025-02-28'],
    ['2024-02-29', 12, '2023-02-28'],
    ['2025-01-15', 1, '2024-12-15'],
  ])('takes %s back %d months to %s, clamping like ClickHouse', (date, months, expected) => {
    expect(subtractMonths(date, months)).toBe(expected);
  });
});

describe('day arithmetic', () => {
  it('counts whole days across a leap year', () => {
    expect(daysBetween('2022-06-30', '2025-06-30')).toBe(1096);
    expect(addDays('2025-06-30', -60)).toBe('2025-05-01');
  });

  it.each(['2025-6-30', '2025-02-30', '30.06.2025', ''])('refuses %p', (date) => {
    expect(() => toDayNumber(date)).toThrow(RangeError);
  });
});
