import { isDayMonthSwap, normaliseBirthDate } from './birth-date';
import type { NormalisedBirthDate } from './birth-date';

describe('normaliseBirthDate', () => {
  it.each([
    ['ISO', '1985-03-14', '1985-03-14'],
    ['ISO with a time', '1985-03-14T00:00:00Z', '1985-03-14'],
    ['compact', '19850314', '1985-03-14'],
    ['day first with slashes', '14/03/1985', '1985-03-14'],
    ['day first with dots', '14.3.1985', '1985-03-14'],
    ['an ambiguous date as day first', '05/04/1985', '1985-04-05'],
    ['a month-first date whose day is above 12', '03/14/1985', '1985-03-14'],
  ])('reads %s', (_label, raw, iso) => {
    expect(normaliseBirthDate(raw)?.iso).toBe(iso);
  });

  it.each([
    ['the 1900-01-01 sentinel', '1900-01-01'],
    ['the Unix epoch', '1970-01-01'],
    ['an impossible day', '1985-02-30'],
    ['an impossible month', '19851314'],
    ['a year before 1900', '1875-06-01'],
    ['text', 'unknown'],
    ['a blank', ''],
  ])('rejects %s', (_label, raw) => {
    expect(normaliseBirthDate(raw)).toBeUndefined();
  });

  it.each([
    ['12 March and 3 December', '1985-03-12', '1985-12-03', true],
    ['the same date', '1985-03-12', '1985-03-12', false],
    ['5 May twice (day equals month)', '1985-05-05', '1985-05-05', false],
    ['another year', '1985-03-12', '1986-12-03', false],
  ])('tells whether %s are a day/month swap', (_label, left, right, expected) => {
    const a = normaliseBirthDate(left) as NormalisedBirthDate;
    const b = normaliseBirthDate(right) as NormalisedBirthDate;

    expect(isDayMonthSwap(a, b)).toBe(expected);
  });
});
