import { createHash } from 'node:crypto';
import type { ClickHouse } from './client';

/**
 * KPI rollups: small tables, one row per property and local date (and category), that reports
 * read instead of the facts.
 *
 * NOTE: the facts are ReplacingMergeTree versions. A materialized view fed on insert would see
 * every version of a reservation and every re-inserted batch, and count them all. These rollups
 * are *refreshable* materialized views instead: each refresh recomputes the whole rollup from
 * the newest versions (FINAL, stay nights of the newest stay version only, merged customers
 * through customer_aliases) and swaps it in atomically. A rollup is therefore never double
 * counted, and at most REFRESH_INTERVAL behind the facts; `refreshRollups` brings it up to date
 * at once. The trade-off is that each refresh scans the facts: fine for millions of rows, for
 * more the refresh should be limited to the months that changed.
 */
export const REFRESH_INTERVAL = 'EVERY 1 MINUTE';

interface Rollup {
  /** Columns and engine of the target table. */
  table: string;
  /** The query whose result the refresh swaps in; `${db}` is the database. */
  select: (db: string) => string;
}

/**
 * A sum of amounts that is the same whatever order the rows come in: the amounts are added as
 * whole hundredths. Float64 addition is not associative, and ClickHouse adds in parallel, so a
 * plain sum differed in its last bits from one refresh to the next after a replay.
 */
const exactSum = (column: string) => `sum(toInt64(round(${column} * 100))) / 100`;

/** Customer ids after identity merges: a merged alias counts as its surviving customer. */
const canonicalCustomers = (db: string) => `
  SELECT tenant_id, alias_id, tupleElement(max((version, customer_id)), 2) AS survivor_id
  FROM ${db}.customer_aliases GROUP BY tenant_id, alias_id`;

/**
 * Stay nights of the newest version of each stay, with their reservation's channel and
 * segment; none of a reservation whose newest version is cancelled, a no-show or deleted.
 */
const currentNights = (db: string) => `
  SELECT n.tenant_id AS tenant_id, n.property_id AS property_id, n.reservation_id AS reservation_id,
         n.stay_date AS stay_date, n.room_revenue AS room_revenue, n.currency AS currency,
         n.adults + n.children AS party_size, n.guest_country AS guest_country,
         coalesce(nullIf(a.survivor_id, ''), n.customer_id) AS customer_id,
         r.channel AS channel, r.market_segment AS market_segment, r.is_repeated_guest AS is_repeated_guest
  FROM ${db}.stay_nights AS n FINAL
  INNER JOIN (
    SELECT tenant_id, property_id, reservation_id, max(version) AS version
    FROM ${db}.stay_nights GROUP BY tenant_id, property_id, reservation_id
  ) AS newest USING (tenant_id, property_id, reservation_id, version)
  LEFT JOIN (
    SELECT tenant_id, property_id, reservation_id, status, channel, market_segment, is_repeated_guest
    FROM ${db}.reservations FINAL
  ) AS r ON r.tenant_id = n.tenant_id AND r.property_id = n.property_id AND r.reservation_id = n.reservation_id
  LEFT JOIN (${canonicalCustomers(db)}) AS a ON a.tenant_id = n.tenant_id AND a.alias_id = n.customer_id
  WHERE r.status NOT IN ('cancelled', 'no_show', 'deleted')`;

export const ROLLUPS: Record<string, Rollup> = {
  /** Per property and local stay date: sold nights, revenue, guests (actualised nights only). */
  kpi_nights_daily: {
    table: `
      tenant_id LowCardinality(String),
      property_id LowCardinality(String),
      stay_date Date,
      currency SimpleAggregateFunction(any, String),
      room_nights SimpleAggregateFunction(sum, UInt64),
      room_revenue SimpleAggregateFunction(sum, Float64),
      guest_nights SimpleAggregateFunction(sum, UInt64),
      stays AggregateFunction(uniqExact, String),
      flagged_repeat_stays AggregateFunction(uniqExact, String),
      guests AggregateFunction(uniqExact, String),
      returning_guests AggregateFunction(uniqExact, String)
    ) ENGINE = AggregatingMergeTree ORDER BY (tenant_id, property_id, stay_date)`,
    select: (db) => `
      SELECT tenant_id, property_id, stay_date,
             toString(any(currency)) AS currency,
             toUInt64(count()) AS room_nights, ${exactSum('room_revenue')} AS room_revenue, toUInt64(sum(party_size)) AS guest_nights,
             uniqExactState(reservation_id) AS stays,
             uniqExactStateIf(reservation_id, is_repeated_guest) AS flagged_repeat_stays,
             uniqExactStateIf(customer_id, customer_id != '') AS guests,
             uniqExactStateIf(customer_id, customer_id != '' AND stay_start > first_night) AS returning_guests
      FROM (
        SELECT *,
               min(stay_date) OVER (PARTITION BY tenant_id, customer_id) AS first_night,
               min(stay_date) OVER (PARTITION BY tenant_id, property_id, reservation_id) AS stay_start
        FROM (${currentNights(db)})
      )
      GROUP BY tenant_id, property_id, stay_date`,
  },
  /** Per property, local stay date and category (channel, market segment, source market): nights. */
  kpi_nights_mix_daily: {
    table: `
      tenant_id LowCardinality(String),
      property_id LowCardinality(String),
      stay_date Date,
      dimension LowCardinality(String),
      value LowCardinality(String),
      room_nights UInt64,
      room_revenue Float64
    ) ENGINE = SummingMergeTree ORDER BY (tenant_id, property_id, stay_date, dimension, value)`,
    select: (db) => `
      SELECT tenant_id, property_id, stay_date, category.1 AS dimension, category.2 AS value,
             count() AS room_nights, ${exactSum('room_revenue')} AS room_revenue
      FROM (${currentNights(db)})
      ARRAY JOIN [
        ('channel', ifNull(channel, '')),
        ('market_segment', ifNull(market_segment, '')),
        ('source_market', guest_country)
      ] AS category
      GROUP BY tenant_id, property_id, stay_date, dimension, value`,
  },
  /** Per property and local arrival date (the cohort): bookings, cancellations, no-shows, lead time. */
  kpi_reservations_daily: {
    table: `
      tenant_id LowCardinality(String),
      property_id LowCardinality(String),
      arrival_date Date,
      reservations UInt64,
      cancelled UInt64,
      no_shows UInt64,
      stays UInt64,
      stay_nights UInt64,
      lead_time_days_sum Int64,
      lead_time_known UInt64,
      flagged_repeat UInt64
    ) ENGINE = SummingMergeTree ORDER BY (tenant_id, property_id, arrival_date)`,
    select: (db) => `
      SELECT tenant_id, property_id, arrival_date,
             count() AS reservations,
             countIf(status = 'cancelled') AS cancelled,
             countIf(status = 'no_show') AS no_shows,
             countIf(status IN ('confirmed', 'in_house', 'checked_out')) AS stays,
             sumIf(nights, status IN ('confirmed', 'in_house', 'checked_out')) AS stay_nights,
             sum(ifNull(lead_time_days, 0)) AS lead_time_days_sum,
             countIf(lead_time_days IS NOT NULL) AS lead_time_known,
             countIf(is_repeated_guest) AS flagged_repeat
      FROM ${db}.reservations FINAL
      WHERE status != 'deleted'
      GROUP BY tenant_id, property_id, arrival_date`,
  },
  /** Per property, local review date, site and reviewer country: scores and NPS answers. */
  kpi_feedback_daily: {
    table: `
      tenant_id LowCardinality(String),
      property_id LowCardinality(String),
      review_date Date,
      site LowCardinality(String),
      reviewer_country LowCardinality(String),
      responses UInt64,
      score_sum Float64,
      nps_responses UInt64,
      promoters UInt64,
      detractors UInt64
    ) ENGINE = SummingMergeTree ORDER BY (tenant_id, property_id, review_date, site, reviewer_country)`,
    select: (db) => `
      SELECT tenant_id, property_id, review_date, site, reviewer_country,
             count() AS responses, ${exactSum('score_0_100')} AS score_sum,
             countIf(nps_score IS NOT NULL) AS nps_responses,
             countIf(nps_score >= 9) AS promoters,
             countIf(nps_score <= 6) AS detractors
      FROM ${db}.feedback FINAL
      GROUP BY tenant_id, property_id, review_date, site, reviewer_country`,
  },
};

export type RollupName = keyof typeof ROLLUPS;

/** The identity merges the rollups read; created here when no other migration has made it. */
const CUSTOMER_ALIASES = `
  tenant_id LowCardinality(String),
  alias_id String,
  customer_id String,
  version UInt64
) ENGINE = ReplacingMergeTree(version) ORDER BY (tenant_id, alias_id)`;

/**
 * Creates the rollup tables and their refreshable views that are missing (the facts first). A
 * view carries a digest of its query as its comment; a view made by an older query is dropped
 * and made again, so a store keeps up with the code. The rollup table itself is kept: the next
 * refresh replaces its rows.
 */
export async function migrateRollups(clickhouse: ClickHouse): Promise<void> {
  const db = clickhouse.database;
  await clickhouse.command(`CREATE TABLE IF NOT EXISTS ${db}.customer_aliases (${CUSTOMER_ALIASES}`);
  const comments = await viewComments(clickhouse);

  for (const [name, rollup] of Object.entries(ROLLUPS)) {
    const view = `${name}_refresh`;
    const select = rollup.select(db);
    const digest = `rollup ${createHash('sha256').update(select).digest('hex').slice(0, 16)}`;
    await clickhouse.command(`CREATE TABLE IF NOT EXISTS ${db}.${name} (${rollup.table}`);
    if (comments.has(view) && comments.get(view) !== digest) {
      await clickhouse.command(`DROP VIEW IF EXISTS ${db}.${view}`);
    }
    await clickhouse.command(
      `CREATE MATERIALIZED VIEW IF NOT EXISTS ${db}.${view} REFRESH ${REFRESH_INTERVAL} TO ${db}.${name} ` +
        `AS ${select} COMMENT '${digest}'`,
    );
  }
}

async function viewComments(clickhouse: ClickHouse): Promise<Map<string, string>> {
  const rows = await clickhouse.query<{ name: string; comment: string }>(
    `SELECT name, comment FROM system.tables WHERE database = {db:String} AND engine = 'MaterializedView'`,
    { db: clickhouse.database },
  );
  return new Map(rows.map((row) => [row.name, row.comment]));
}

/** Recomputes every rollup now and waits until each has been swapped in. */
export async function refreshRollups(clickhouse: ClickHouse): Promise<void> {
  const db = clickhouse.database;
  const views = Object.keys(ROLLUPS).map((name) => `${db}.${name}_refresh`);
  for (const view of views) await clickhouse.command(`SYSTEM REFRESH VIEW ${view}`);
  for (const view of views) await clickhouse.command(`SYSTEM WAIT VIEW ${view}`);
}
