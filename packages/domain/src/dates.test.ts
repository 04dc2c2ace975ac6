import { addDays, daysBetween, isIsoDate, isTimeZone, localDate, localMidnight, nightsOf } from './dates';

describe('dates', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['2024-1-01', false],
  ])('tells whether %s is a calendar date', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it('lists the nights of a stay, departure excluded', () => {
    expect(nightsOf('2024-12-30', '2025-01-02')).toEqual(['2024-12-30', '2024-12-31', '2025-01-01']);
    expect(nightsOf('2024-05-01', '2024-05-01')).toEqual([]);
  });

  it('adds days across a month end and counts them back', () => {
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
  });

  it.each([
    ['New York at 21:00 local is already tomorrow in UTC', Date.UTC(2024, 5, 11, 1, 0), 'America/New_York', '2024-06-10'],
    ['Tokyo at 07:00 local is still yesterday in UTC', Date.UTC(2024, 5, 10, 22, 0), 'Asia/Tokyo', '2024-06-11'],
    ['Lisbon in summer time', Date.UTC(2024, 6, 1, 23, 30), 'Europe/Lisbon', '2024-07-02'],
  ])('takes the property-local date: %s', (_label, instant, zone, expected) => {
    expect(localDate(instant, zone)).toBe(expected);
  });

  it('finds local midnight as a UTC instant', () => {
    expect(new Date(localMidnight('2024-07-01', 'Europe/Lisbon')).toISOString()).toBe('2024-06-30T23:00:00.000Z');
  });

  it('knows IANA zones', () => {
    expect(isTimeZone('Europe/Lisbon')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
