/**
 * Calendar dates as ISO strings (`YYYY-MM-DD`), the way ClickHouse's `Date` type reads them.
 *
 * Grading works on property-local business dates, so there is no time of day and no time zone
 * here: a date is a whole day, and arithmetic happens on day numbers since 1970-01-01.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Average month length in days (365.25 / 12); the SQL query uses the same constant. */
export const DAYS_PER_MONTH = 30.4375;

/** Turns `YYYY-MM-DD` into days since 1970-01-01; throws a RangeError for anything else. */
export function toDayNumber(date: string): number {
  const match = ISO_DATE.exec(date);
  if (match === null) {
    throw new RangeError(`expected a date as YYYY-MM-DD, got ${JSON.stringify(date)}`);
  }

  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  if (fromDayNumber(ms / MS_PER_DAY) !== date) {
    throw new RangeError(`expected a calendar date, got ${JSON.stringify(date)}`);
  }

  return ms / MS_PER_DAY;
}

export function fromDayNumber(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole days from `earlier` to `later`; negative when `later` comes first. */
export function daysBetween(earlier: string, later: string): number {
  return toDayNumber(later) - toDayNumber(earlier);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * Goes back whole calendar months and clamps to the month's last day, as ClickHouse's
 * `subtractMonths` does: 2024-03-31 minus one month is 2024-02-29.
 */
export function subtractMonths(date: string, months: number): string {
  toDayNumber(date);

  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const monthIndex = year * 12 + (month - 1) - months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();

  return fromDayNumber(Date.UTC(targetYear, targetMonth, Math.min(day, lastDay)) / MS_PER_DAY);
}
