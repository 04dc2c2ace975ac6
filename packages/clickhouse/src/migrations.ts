import type { ClickHouse } from './client';
import { migrateRollups } from './rollups';

/**
 * Every analytics table is idempotent: a ReplacingMergeTree keyed by the natural id with a
 * version column, so a redelivered batch changes no query result (read with FINAL or argMax)
 * and the newest version of a reservation wins. Inserts carry a deduplication token; a
 * non-replicated MergeTree keeps no deduplication window unless the setting below raises it.
 */
const IDEMPOTENT = 'SETTINGS non_replicated_deduplication_window = 10000';

export const TABLES = {
  properties: `
    property_id String,
    tenant_id LowCardinality(String),
    name String,
    brand Nullable(String),
    city Nullable(String),
    region Nullable(String),
    country LowCardinality(String),
    latitude Nullable(Float64),
    longitude Nullable(Float64),
    timezone LowCardinality(String),
    rooms Nullable(UInt32),
    version UInt64
  ) ENGINE = ReplacingMergeTree(version) ORDER BY (tenant_id, property_id)`,
  reservations: `
    event_id String,
    tenant_id LowCardinality(String),
    property_id LowCardinality(String),
    source_system LowCardinality(String),
    reservation_id String,
    customer_id String,
    guest_record_id String DEFAULT '',
    status LowCardinality(String),
    source_status LowCardinality(String),
    booking_date Nullable(Date),
    cancelled_at Nullable(DateTime64(3, 'UTC')),
    arrival_date Date,
    departure_date Date,
    nights UInt16,
    lead_time_days Nullable(Int32),
    adults UInt16,
    children UInt16,
    babies UInt16,
    room_type LowCardinality(String),
    meal_plan LowCardinality(String),
    channel LowCardinality(String),
    market_segment LowCardinality(String),
    customer_type LowCardinality(String),
    deposit_type LowCardinality(String),
    currency LowCardinality(String),
    nightly_rate Nullable(Float64),
    room_revenue Float64,
    guest_country LowCardinality(String),
    is_repeated_guest Bool,
    version UInt64,
    occurred_at DateTime64(3, 'UTC'),
    received_at DateTime64(3, 'UTC')
  ) ENGINE = ReplacingMergeTree(version)
    PARTITION BY toYYYYMM(arrival_date)
    ORDER BY (tenant_id, property_id, reservation_id)`,
  stays: `
    event_id String,
    tenant_id LowCardinality(String),
    property_id LowCardinality(String),
    source_system LowCardinality(String),
    reservation_id String,
    customer_id String,
    guest_record_id String DEFAULT '',
    stay_kind LowCardinality(String),
    check_in_date Date,
    check_out_date Date,
    nights UInt16,
    adults UInt16,
    children UInt16,
    currency LowCardinality(String),
    room_revenue Float64,
    guest_country LowCardinality(String),
    version UInt64,
    received_at DateTime64(3, 'UTC')
  ) ENGINE = ReplacingMergeTree(version) ORDER BY (tenant_id, property_id, reservation_id)`,
  stay_nights: `
    event_id String,
    tenant_id LowCardinality(String),
    property_id LowCardinality(String),
    reservation_id String,
    stay_date Date,
    customer_id String,
    room_revenue Float64,
    currency LowCardinality(String),
    adults UInt16,
    children UInt16,
    guest_country LowCardinality(String),
    version UInt64
  ) ENGINE = ReplacingMergeTree(version)
    PARTITION BY toYYYYMM(stay_date)
    ORDER BY (tenant_id, property_id, stay_date, reservation_id)`,
  feedback: `
    event_id String,
    tenant_id LowCardinality(String),
    property_id LowCardinality(String),
    source_system LowCardinality(String),
    feedback_id String,
    site LowCardinality(String),
    reservation_id String,
    customer_id String,
    guest_record_id String DEFAULT '',
    submitted_at DateTime64(3, 'UTC'),
    review_date Date,
    score_0_100 Float64,
    nps_score Nullable(UInt8),
    reviewer_country LowCardinality(String),
    version UInt64
  ) ENGINE = ReplacingMergeTree(version) ORDER BY (tenant_id, property_id, feedback_id)`,
  customers: `
    customer_id String,
    tenant_id LowCardinality(String),
    given_name String,
    family_name String,
    email String,
    phone String,
    country LowCardinality(String),
    identity_key LowCardinality(String),
    sources Array(String),
    first_seen_at DateTime64(3, 'UTC'),
    last_seen_at DateTime64(3, 'UTC'),
    version UInt64
  ) ENGINE = ReplacingMergeTree(version) ORDER BY (tenant_id, customer_id)`,
  dead_letters: `
    dlq_id String,
    stage LowCardinality(String),
    reason_code LowCardinality(String),
    reason String,
    issues String,
    event_id Nullable(String),
    event_type LowCardinality(Nullable(String)),
    source_system LowCardinality(Nullable(String)),
    property_id Nullable(String),
    schema_subject Nullable(String),
    schema_version Nullable(Int32),
    topic Nullable(String),
    partition Nullable(Int32),
    offset Nullable(String),
    payload String,
    failed_at DateTime64(3, 'UTC')
  ) ENGINE = ReplacingMergeTree(failed_at) ORDER BY dlq_id`,
  event_ledger: `
    event_id String,
    event_type LowCardinality(String),
    source_system LowCardinality(String),
    property_id String,
    outcome LowCardinality(String),
    stage LowCardinality(String),
    reason_code LowCardinality(String),
    recorded_at DateTime64(3, 'UTC')
  ) ENGINE = ReplacingMergeTree(recorded_at) ORDER BY event_id`,
  /** The sink's batch journal: the chunk being loaded per topic-partition (not analytics). */
  sink_batches: `
    topic String,
    partition UInt32,
    first_offset UInt64,
    last_offset UInt64,
    written_at DateTime64(3, 'UTC')
  ) ENGINE = ReplacingMergeTree(written_at) ORDER BY (topic, partition)`,
  /** Which customer each guest record belongs to now; a split re-points its records. */
  customer_records: `
    tenant_id LowCardinality(String),
    record_id String,
    customer_id String,
    source_system LowCardinality(String),
    role LowCardinality(String),
    rule LowCardinality(String),
    score Nullable(Float64),
    linked_to String,
    version UInt64
  ) ENGINE = ReplacingMergeTree(version) ORDER BY (tenant_id, record_id)`,
  /** Audit trail of identity resolution: every merge and split, with rule and score. */
  identity_changes: `
    change_id String,
    tenant_id LowCardinality(String),
    kind LowCardinality(String),
    customer_id String,
    other_customer_id String,
    rule LowCardinality(String),
    score Nullable(Float64),
    record_ids Array(String),
    actor String,
    reason String,
    occurred_at DateTime64(3, 'UTC'),
    version UInt64
  ) ENGINE = ReplacingMergeTree(version) ORDER BY change_id`,
  /** Merged guests: alias_id now belongs to customer_id (written by identity resolution). */
  customer_aliases: `
    alias_id String,
    customer_id String,
    tenant_id LowCardinality(String) DEFAULT 'default',
    version UInt64,
    reason LowCardinality(String) DEFAULT '',
    rule LowCardinality(String) DEFAULT '',
    score Float64 DEFAULT 0,
    merged_at DateTime64(3, 'UTC') DEFAULT now64(3)
  ) ENGINE = ReplacingMergeTree(version) ORDER BY alias_id`,
  /**
   * Grades: one row per guest, as-of day, source (daily or live) and daily revision. Daily
   * rows count only when grading_runs lists their (as_of, revision, run_fingerprint).
   */
  customer_grades: `
    customer_id String,
    as_of Date,
    source LowCardinality(String),
    revision UInt32,
    run_fingerprint String,
    tier LowCardinality(String),
    computed_tier LowCardinality(String),
    ungraded_reason LowCardinality(String),
    recency_days Int32,
    frequency Float64,
    monetary Float64,
    value Nullable(Float64),
    r_score Nullable(UInt8),
    f_score Nullable(UInt8),
    m_score Nullable(UInt8),
    stays UInt32,
    room_nights UInt32,
    revenue Float64,
    currency LowCardinality(String),
    first_departure_date Date,
    last_departure_date Date,
    thresholds_version String,
    runs_below_tier UInt16,
    grade String,
    version UInt64
  ) ENGINE = ReplacingMergeTree(version) ORDER BY (customer_id, as_of, source, revision)`,
  /** Each guest's grade over time: valid from (inclusive) to (exclusive, NULL = open). */
  grade_history: `
    customer_id String,
    valid_from Date,
    valid_to Nullable(Date),
    tier LowCardinality(String),
    r_score Nullable(UInt8),
    f_score Nullable(UInt8),
    m_score Nullable(UInt8),
    value Nullable(Float64),
    version UInt64,
    is_deleted UInt8
  ) ENGINE = ReplacingMergeTree(version, is_deleted) ORDER BY (customer_id, valid_from)`,
  /** Completed daily grading runs; written last, so a listed run is a whole run. */
  grading_runs: `
    as_of Date,
    revision UInt32,
    run_seq UInt64,
    fingerprint String,
    config_version String,
    thresholds String,
    customers UInt32,
    tiers String,
    changes UInt32,
    history_upserts UInt32,
    history_deletes UInt32,
    duration_ms UInt32,
    finished_at DateTime64(3, 'UTC')
  ) ENGINE = ReplacingMergeTree(run_seq) ORDER BY (as_of, revision)`,
} as const;

/**
 * Views over the tables. stay_facts is what grading reads (packages/grading, StayFact): one
 * row per reservation version, its id made unique across properties.
 */
export const VIEWS = {
  stay_facts: (db: string) => `
    SELECT
      concat(property_id, ':', reservation_id) AS reservation_id,
      customer_id,
      departure_date,
      nights AS room_nights,
      room_revenue AS revenue,
      currency,
      status,
      version,
      tenant_id,
      property_id
    FROM ${db}.reservations`,
} as const;

export type TableName = keyof typeof TABLES;

/** Creates the database and every table that is missing; safe to run at every start. */
/** Columns added after a table's first release: existing stores gain them on start-up. */
const ADDED_COLUMNS: [TableName, string][] = [
  ['reservations', "guest_record_id String DEFAULT '' AFTER customer_id"],
  ['stays', "guest_record_id String DEFAULT '' AFTER customer_id"],
  ['feedback', "guest_record_id String DEFAULT '' AFTER customer_id"],
  ['customer_aliases', "tenant_id LowCardinality(String) DEFAULT 'default'"],
];

export async function migrate(clickhouse: ClickHouse): Promise<void> {
  const db = clickhouse.database;
  await clickhouse.command(`CREATE DATABASE IF NOT EXISTS ${db}`);

  for (const [table, body] of Object.entries(TABLES)) {
    await clickhouse.command(`CREATE TABLE IF NOT EXISTS ${db}.${table} (${body} ${IDEMPOTENT}`);
  }
  for (const [table, column] of ADDED_COLUMNS) {
    await clickhouse.command(`ALTER TABLE ${db}.${table} ADD COLUMN IF NOT EXISTS ${column}`);
  }
  for (const [view, body] of Object.entries(VIEWS)) {
    await clickhouse.command(`CREATE OR REPLACE VIEW ${db}.${view} AS ${body(db)}`);
  }
  await migrateRollups(clickhouse);
}
