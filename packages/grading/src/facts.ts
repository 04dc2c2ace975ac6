/**
 * What grading reads: one fact per reservation (and per survey answer), in event time.
 *
 * A late event for a reservation, such as a cancellation after check-out or a folio correction,
 * arrives as a newer version of the same fact and replaces it. Grades are computed from the
 * latest version of every fact only, so they do not depend on the order facts arrived in.
 */

/**
 * Normalised reservation status (DOMAIN §1.9). Only `checked_out` counts as a completed stay;
 * cancelled, no_show, deleted and anything not yet checked out count for nothing.
 */
export type StayStatus =
  | 'inquiry'
  | 'tentative'
  | 'confirmed'
  | 'in_house'
  | 'checked_out'
  | 'cancelled'
  | 'no_show'
  | 'deleted';

export const COMPLETED_STAY_STATUS: StayStatus = 'checked_out';

/** One reservation's latest known outcome; a row of ClickHouse `stay_facts`. */
export interface StayFact {
  /** Guest the reservation belongs to; may be an alias of a merged guest. */
  readonly customerId: string;
  readonly reservationId: string;
  /** Property-local departure date, `YYYY-MM-DD`. */
  readonly departureDate: string;
  readonly roomNights: number;
  /** Net revenue (room and ancillaries, no taxes) in the reporting currency. */
  readonly revenue: number;
  readonly status: StayStatus;
  /** Source version; the highest version of a reservation wins. */
  readonly version: number;
}

/** One survey answer linked to a guest; the highest version of a feedback id wins. */
export interface FeedbackFact {
  readonly customerId: string;
  readonly feedbackId: string;
  /** Property-local date the answer was submitted, `YYYY-MM-DD`. */
  readonly submittedDate: string;
  /** Net Promoter answer, 0–10. */
  readonly npsScore: number;
  readonly version: number;
}

/** A row of ClickHouse `customer_aliases`: `aliasId` was merged into `customerId`. */
export interface CustomerAlias {
  readonly aliasId: string;
  readonly customerId: string;
  readonly version: number;
}

/** Everything graded for one guest. */
export interface CustomerFacts {
  readonly customerId: string;
  readonly stays: readonly StayFact[];
  readonly feedback?: readonly FeedbackFact[];
}

/**
 * Keeps the highest version of each reservation. Mirrors the `latest_facts` step of
 * `buildCustomerFeaturesQuery`.
 *
 * NOTE: two facts with the same version are a producer bug. They are still resolved the same
 * way here and in SQL: by comparing (version, status, departureDate, roomNights, revenue,
 * customerId) in that order and keeping the greatest.
 */
export function latestStayFacts(facts: readonly StayFact[]): StayFact[] {
  const latest = new Map<string, StayFact>();

  for (const fact of facts) {
    const current = latest.get(fact.reservationId);
    if (current === undefined || compareStayFacts(fact, current) > 0) {
      latest.set(fact.reservationId, fact);
    }
  }

  return [...latest.values()].sort((a, b) => compareText(a.reservationId, b.reservationId));
}

/** Keeps the highest version of each feedback id (ties: the later submitted date, higher score). */
export function latestFeedbackFacts(facts: readonly FeedbackFact[]): FeedbackFact[] {
  const latest = new Map<string, FeedbackFact>();

  for (const fact of facts) {
    const current = latest.get(fact.feedbackId);
    if (current === undefined || compareFeedbackFacts(fact, current) > 0) {
      latest.set(fact.feedbackId, fact);
    }
  }

  return [...latest.values()].sort((a, b) => compareText(a.feedbackId, b.feedbackId));
}

/**
 * Takes the latest version of every fact, resolves merged guests through their aliases and
 * groups the facts by guest, sorted by customer id. Mirrors the `latest_facts`,
 * `latest_aliases` and `resolved` steps of `buildCustomerFeaturesQuery`.
 *
 * Latest-version-wins runs over all facts before grouping, so a reservation re-assigned to
 * another guest leaves the first guest. Aliases resolve one hop: the identity service keeps
 * them flattened, pointing at the surviving guest.
 */
export function groupFactsByCustomer(
  stays: readonly StayFact[],
  aliases: readonly CustomerAlias[] = [],
  feedback: readonly FeedbackFact[] = [],
): CustomerFacts[] {
  const survivorOf = latestAliases(aliases);
  const resolve = (customerId: string): string => survivorOf.get(customerId) ?? customerId;
  const groups = new Map<string, { stays: StayFact[]; feedback: FeedbackFact[] }>();
  const groupOf = (customerId: string) => {
    let group = groups.get(customerId);
    if (group === undefined) {
      group = { stays: [], feedback: [] };
      groups.set(customerId, group);
    }
    return group;
  };

  for (const fact of latestStayFacts(stays)) {
    groupOf(resolve(fact.customerId)).stays.push(fact);
  }
  for (const fact of latestFeedbackFacts(feedback)) {
    groupOf(resolve(fact.customerId)).feedback.push(fact);
  }

  return [...groups.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([customerId, group]) => ({ customerId, ...group }));
}

/** Alias → surviving guest, highest alias version winning (ties: the greater customer id). */
function latestAliases(aliases: readonly CustomerAlias[]): Map<string, string> {
  const latest = new Map<string, CustomerAlias>();

  for (const alias of aliases) {
    const current = latest.get(alias.aliasId);
    const newer =
      current === undefined ||
      alias.version > current.version ||
      (alias.version === current.version && compareText(alias.customerId, current.customerId) > 0);
    if (newer) {
      latest.set(alias.aliasId, alias);
    }
  }

  return new Map([...latest.values()].map((alias) => [alias.aliasId, alias.customerId]));
}

function compareStayFacts(a: StayFact, b: StayFact): number {
  return (
    a.version - b.version ||
    compareText(a.status, b.status) ||
    compareText(a.departureDate, b.departureDate) ||
    a.roomNights - b.roomNights ||
    a.revenue - b.revenue ||
    compareText(a.customerId, b.customerId)
  );
}

function compareFeedbackFacts(a: FeedbackFact, b: FeedbackFact): number {
  return (
    a.version - b.version ||
    compareText(a.submittedDate, b.submittedDate) ||
    a.npsScore - b.npsScore ||
    compareText(a.customerId, b.customerId)
  );
}

/**
 * Code-unit order, independent of locale. It matches ClickHouse's byte order for ASCII ids;
 * ids outside ASCII may order differently, which only matters for same-version ties.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
