import type { GradingConfig } from './config';
import { DAYS_PER_MONTH, toDayNumber } from './dates';
import type { CustomerFeatures } from './features';

/** A query text with `{name:Type}` placeholders and the values that fill them. */
export interface ClickHouseQuery {
  readonly query: string;
  readonly queryParams: Readonly<Record<string, string | number>>;
}

export interface FeaturesQueryTables {
  /** @defaultValue 'default' */
  readonly database?: string;
  /** @defaultValue 'stay_facts' */
  readonly stayFacts?: string;
  /** @defaultValue 'customer_aliases' */
  readonly customerAliases?: string;
}

/** One result row of `buildCustomerFeaturesQuery`, as JSONEachRow returns it. */
export interface CustomerFeaturesRow {
  readonly customer_id: string;
  readonly first_departure_date: string;
  readonly last_departure_date: string;
  readonly recency_days: number;
  readonly stays: number;
  readonly room_nights: number;
  readonly revenue: number;
  readonly frequency: number;
  readonly monetary: number;
}

/*
 * Per-guest features as of {asOf:Date}, one row per guest with a completed stay by then.
 * Each step has a TypeScript twin that computes the same numbers:
 * - latest_facts: the latest version of each reservation → `latestStayFacts`
 * - latest_aliases: the surviving guest of each alias → `groupFactsByCustomer`
 * - resolved: completed stays of surviving guests, with window flag and decay weight →
 *   `groupFactsByCustomer`, `extractFeatures`, `decayWeight`
 * - the final SELECT: sums and dates per guest → `extractFeatures`
 *
 * NOTE: max() over a tuple is argMax by version with a fixed tie-break for equal versions,
 * the same one `latestStayFacts` uses. Per-stay columns are renamed in `resolved` so that the
 * output aliases cannot shadow them inside the aggregates. nullIf/coalesce treats an unmatched
 * alias the same whether join_use_nulls is on (NULL) or off (empty string). An Identifier
 * parameter holds one name, so the database is a parameter of its own.
 */
const CUSTOMER_FEATURES_SQL = `
WITH
  latest_facts AS (
    SELECT
      reservation_id,
      max((version, status, departure_date, room_nights, revenue, customer_id)) AS latest
    FROM {database:Identifier}.{stayFacts:Identifier}
    GROUP BY reservation_id
  ),
  latest_aliases AS (
    SELECT
      alias_id,
      tupleElement(max((version, customer_id)), 2) AS survivor_id
    FROM {database:Identifier}.{customerAliases:Identifier}
    GROUP BY alias_id
  ),
  completed_stays AS (
    SELECT
      tupleElement(latest, 6) AS fact_customer_id,
      tupleElement(latest, 3) AS departure_date,
      tupleElement(latest, 4) AS room_nights,
      tupleElement(latest, 5) AS revenue
    FROM latest_facts
    WHERE tupleElement(latest, 2) = 'checked_out'
      AND tupleElement(latest, 3) <= {asOf:Date}
  ),
  resolved AS (
    SELECT
      coalesce(nullIf(a.survivor_id, ''), s.fact_customer_id) AS customer_id,
      s.departure_date AS departure_date,
      s.room_nights AS stay_room_nights,
      s.revenue AS stay_revenue,
      s.departure_date > subtractMonths({asOf:Date}, {windowMonths:UInt32}) AS in_window,
      pow(
        0.5,
        dateDiff('day', s.departure_date, {asOf:Date})
          / {daysPerMonth:Float64}
          / {halfLifeMonths:Float64}
      ) AS weight
    FROM completed_stays AS s
    LEFT JOIN latest_aliases AS a ON a.alias_id = s.fact_customer_id
  )
SELECT
  customer_id,
  min(departure_date) AS first_departure_date,
  max(departure_date) AS last_departure_date,
  toUInt32(dateDiff('day', max(departure_date), {asOf:Date})) AS recency_days,
  toUInt32(countIf(in_window)) AS stays,
  toUInt32(sumIf(stay_room_nights, in_window)) AS room_nights,
  round(sumIf(stay_revenue, in_window), 6) AS revenue,
  round(sumIf(weight, in_window), 6) AS frequency,
  round(sumIf(stay_revenue * weight, in_window), 6) AS monetary
FROM resolved
GROUP BY customer_id
ORDER BY customer_id
`.trim();

/**
 * The daily job's feature query: ClickHouse reads every fact, the result feeds
 * `runDailyFromFeatures` through `parseCustomerFeaturesRow`. Every value, table names
 * included, travels as a query parameter.
 */
export function buildCustomerFeaturesQuery(
  asOf: string,
  config: GradingConfig,
  tables: FeaturesQueryTables = {},
): ClickHouseQuery {
  toDayNumber(asOf);

  return {
    query: CUSTOMER_FEATURES_SQL,
    queryParams: {
      database: tables.database ?? 'default',
      stayFacts: tables.stayFacts ?? 'stay_facts',
      customerAliases: tables.customerAliases ?? 'customer_aliases',
      asOf,
      windowMonths: config.windowMonths,
      halfLifeMonths: config.halfLifeMonths,
      daysPerMonth: DAYS_PER_MONTH,
    },
  };
}

/**
 * Turns a result row into the features `extractFeatures` would give. Feedback is not part of
 * the query, so `feedbackNpsMean` is null.
 */
export function parseCustomerFeaturesRow(row: CustomerFeaturesRow, asOf: string): CustomerFeatures {
  return {
    customerId: row.customer_id,
    asOf,
    firstDepartureDate: row.first_departure_date,
    lastDepartureDate: row.last_departure_date,
    recencyDays: Number(row.recency_days),
    stays: Number(row.stays),
    roomNights: Number(row.room_nights),
    revenue: Number(row.revenue),
    frequency: Number(row.frequency),
    monetary: Number(row.monetary),
    feedbackNpsMean: null,
  };
}
