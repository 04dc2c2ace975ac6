import type { ClickHouse } from './client';

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
} as const;

export type TableName = keyof typeof TABLES;

/** Creates the database and every table that is missing; safe to run at every start. */
export async function migrate(clickhouse: ClickHouse): Promise<void> {
  const db = clickhouse.database;
  await clickhouse.command(`CREATE DATABASE IF NOT EXISTS ${db}`);

  for (const [table, body] of Object.entries(TABLES)) {
    await clickhouse.command(`CREATE TABLE IF NOT EXISTS ${db}.${table} (${body} ${IDEMPOTENT}`);
  }
}
