export interface NormalisedBirthDate {
  /** YYYY-MM-DD. */
  iso: string;
  year: number;
  month: number;
  day: number;
}

export interface BirthDateRules {
  /** Default dates typed when the real one is unknown (YYYY-MM-DD). */
  sentinels: readonly string[];
  /** Earliest accepted year; older dates are treated as filler. */
  minYear: number;
  /** Latest accepted year (inclusive); pass the current year for live data. */
  maxYear: number;
  /** How to read an ambiguous "05/04/1980": day first (Europe) or month first (US). */
  dayFirst: boolean;
}

export const DEFAULT_BIRTH_DATE_RULES: BirthDateRules = {
  sentinels: ['1900-01-01', '1901-01-01', '1899-12-30', '1899-12-31', '1970-01-01'],
  minYear: 1900,
  maxYear: 2100,
  dayFirst: true,
};

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const SLASHED_YEAR_FIRST = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/;
const SLASHED_YEAR_LAST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/** Parses and validates a birth date; undefined for blanks, impossible dates and sentinels. */
export function normaliseBirthDate(
  raw: string | null | undefined,
  rules: BirthDateRules = DEFAULT_BIRTH_DATE_RULES,
): NormalisedBirthDate | undefined {
  const parts = raw === null || raw === undefined ? undefined : parseParts(raw.trim(), rules);
  if (parts === undefined) return undefined;

  const [year, month, day] = parts;
  if (year < rules.minYear || year > rules.maxYear || !isCalendarDate(year, month, day)) {
    return undefined;
  }

  const iso = `${year}-${pad(month)}-${pad(day)}`;
  return rules.sentinels.includes(iso) ? undefined : { iso, year, month, day };
}

/** True when one date is the other with day and month exchanged (and they differ). */
export function isDayMonthSwap(a: NormalisedBirthDate, b: NormalisedBirthDate): boolean {
  return a.year === b.year && a.month === b.day && a.day === b.month && a.month !== a.day;
}

function parseParts(text: string, rules: BirthDateRules): [number, number, number] | undefined {
  const yearFirst = ISO_DATE.exec(text) ?? COMPACT_DATE.exec(text) ?? SLASHED_YEAR_FIRST.exec(text);
  if (yearFirst !== null) {
    return [Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3])];
  }

  const yearLast = SLASHED_YEAR_LAST.exec(text);
  if (yearLast === null) return undefined;

  const first = Number(yearLast[1]);
  const second = Number(yearLast[2]);
  const dayFirst = first > 12 || (second <= 12 && rules.dayFirst);
  const [day, month] = dayFirst ? [first, second] : [second, first];
  return [Number(yearLast[3]), month, day];
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;

  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= lastDay;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
