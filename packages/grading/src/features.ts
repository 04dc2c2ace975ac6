import type { GradingConfig } from './config';
import { DAYS_PER_MONTH, daysBetween, subtractMonths, toDayNumber } from './dates';
import type { CustomerFacts, FeedbackFact, StayFact } from './facts';
import { COMPLETED_STAY_STATUS, latestFeedbackFacts, latestStayFacts } from './facts';

/** Decimal places kept for decayed and summed amounts, in TypeScript and in SQL alike. */
export const AMOUNT_DECIMALS = 6;

/**
 * What grading knows about one guest as of a date: the R, F and M inputs plus the raw counts
 * that explain them. One row of `buildCustomerFeaturesQuery`'s result, parsed.
 */
export interface CustomerFeatures {
  readonly customerId: string;
  readonly asOf: string;
  /** Departure of the first completed stay ever. */
  readonly firstDepartureDate: string;
  /** Departure of the latest completed stay up to `asOf`, in or before the window. */
  readonly lastDepartureDate: string;
  /** R: days from `lastDepartureDate` to `asOf`. */
  readonly recencyDays: number;
  /** Completed stays in the window, not decayed. */
  readonly stays: number;
  readonly roomNights: number;
  /** Net revenue in the window, not decayed. */
  readonly revenue: number;
  /** F: completed stays in the window, each weighted 0.5^(age in months / half-life). */
  readonly frequency: number;
  /** M: net revenue in the window with the same weighting. */
  readonly monetary: number;
  /** Mean NPS of survey answers in the window; null when there are none. SQL leaves it null. */
  readonly feedbackNpsMean: number | null;
}

/** The look-back window: departures after `startExclusive`, up to and including `endInclusive`. */
export interface GradingWindow {
  readonly months: number;
  readonly startExclusive: string;
  readonly endInclusive: string;
}

export function gradingWindow(asOf: string, config: GradingConfig): GradingWindow {
  return {
    months: config.windowMonths,
    startExclusive: subtractMonths(asOf, config.windowMonths),
    endInclusive: asOf,
  };
}

/**
 * Computes a guest's features from the latest version of their facts. Returns null when the
 * guest has no completed stay departed by `asOf`: such a guest is outside the population and
 * gets no grade at all. Mirrors `buildCustomerFeaturesQuery`, row for row.
 */
export function extractFeatures(
  facts: CustomerFacts,
  asOf: string,
  config: GradingConfig,
): CustomerFeatures | null {
  const asOfDay = toDayNumber(asOf);
  const completed = latestStayFacts(facts.stays).filter(
    (stay) => stay.status === COMPLETED_STAY_STATUS && toDayNumber(stay.departureDate) <= asOfDay,
  );
  if (completed.length === 0) {
    return null;
  }

  const window = gradingWindow(asOf, config);
  const windowStartDay = toDayNumber(window.startExclusive);
  const inWindow = completed.filter((stay) => toDayNumber(stay.departureDate) > windowStartDay);
  const departures = completed.map((stay) => stay.departureDate).sort();
  const firstDepartureDate = departures[0] as string;
  const lastDepartureDate = departures[departures.length - 1] as string;

  return {
    customerId: facts.customerId,
    asOf,
    firstDepartureDate,
    lastDepartureDate,
    recencyDays: daysBetween(lastDepartureDate, asOf),
    stays: inWindow.length,
    roomNights: sum(inWindow.map((stay) => stay.roomNights)),
    revenue: roundAmount(sum(inWindow.map((stay) => stay.revenue))),
    frequency: roundAmount(sum(inWindow.map((stay) => decayWeight(stay, asOf, config)))),
    monetary: roundAmount(
      sum(inWindow.map((stay) => stay.revenue * decayWeight(stay, asOf, config))),
    ),
    feedbackNpsMean: meanNps(facts.feedback ?? [], window),
  };
}

/** 0.5^(age in months / half-life), with months of 30.4375 days. SQL: the `weight` column. */
export function decayWeight(stay: StayFact, asOf: string, config: GradingConfig): number {
  const ageMonths = daysBetween(stay.departureDate, asOf) / DAYS_PER_MONTH;
  return Math.pow(0.5, ageMonths / config.halfLifeMonths);
}

/**
 * Rounds to `AMOUNT_DECIMALS` places the way ClickHouse's `round(x, 6)` does for Float64:
 * scale, round half to even, scale back. Rounding hides the last-bit differences between the
 * two engines' `pow` and summation order, so cut points compare equal on both sides.
 */
export function roundAmount(value: number): number {
  const scale = 10 ** AMOUNT_DECIMALS;
  const scaled = value * scale;
  const floor = Math.floor(scaled);
  const fraction = scaled - floor;
  const rounded = fraction > 0.5 || (fraction === 0.5 && floor % 2 !== 0) ? floor + 1 : floor;

  return rounded / scale;
}

function meanNps(feedback: readonly FeedbackFact[], window: GradingWindow): number | null {
  const start = toDayNumber(window.startExclusive);
  const end = toDayNumber(window.endInclusive);
  const answers = latestFeedbackFacts(feedback).filter((answer) => {
    const submitted = toDayNumber(answer.submittedDate);
    return submitted > start && submitted <= end;
  });
  if (answers.length === 0) {
    return null;
  }

  return roundAmount(sum(answers.map((answer) => answer.npsScore)) / answers.length);
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
