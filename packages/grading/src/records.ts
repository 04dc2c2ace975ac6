import type { GradingConfig } from './config';
import type { Grade, GradeSource, GradeState } from './grade';
import type { GradeHistoryRow } from './history';
import type { Thresholds, Tier } from './scoring';

/**
 * How grades are stored: one row of ClickHouse `customer_grades`, which is also the record of
 * the `customer-grades` topic the live path produces. Daily rows carry the revision of their
 * day and the fingerprint of the run that wrote them; readers trust only the revision and
 * fingerprint that `grading_runs` lists, so a half-written run is never read.
 */
export interface GradeRecord {
  customer_id: string;
  as_of: string;
  source: GradeSource;
  /** Daily: 1 for a day's first run, one more for every re-run that changed it. Live: 0. */
  revision: number;
  /** Daily: the run that wrote the row. Live: empty. */
  run_fingerprint: string;
  tier: Tier;
  computed_tier: Tier;
  /** Empty when the guest is ranked. */
  ungraded_reason: string;
  recency_days: number;
  frequency: number;
  monetary: number;
  value: number | null;
  r_score: number | null;
  f_score: number | null;
  m_score: number | null;
  stays: number;
  room_nights: number;
  revenue: number;
  currency: string;
  first_departure_date: string;
  last_departure_date: string;
  thresholds_version: string;
  runs_below_tier: number;
  /** The whole grade as JSON: explanation, inputs and the hysteresis state. */
  grade: string;
  /** Replacing version: the daily run's sequence number, or the live facts' newest version. */
  version: number;
}

export interface GradeStamp {
  readonly revision: number;
  readonly runFingerprint: string;
  readonly version: number;
}

export function gradeRecord(grade: Grade, stamp: GradeStamp): GradeRecord {
  return {
    customer_id: grade.customerId,
    as_of: grade.asOf,
    source: grade.source,
    revision: stamp.revision,
    run_fingerprint: stamp.runFingerprint,
    tier: grade.tier,
    computed_tier: grade.computedTier,
    ungraded_reason: grade.ungradedReason ?? '',
    recency_days: grade.r,
    frequency: grade.f,
    monetary: grade.m,
    value: grade.v,
    r_score: grade.scores?.r ?? null,
    f_score: grade.scores?.f ?? null,
    m_score: grade.scores?.m ?? null,
    stays: grade.inputs.stays,
    room_nights: grade.inputs.roomNights,
    revenue: grade.inputs.revenue,
    currency: grade.inputs.currency,
    first_departure_date: grade.inputs.firstDepartureDate,
    last_departure_date: grade.inputs.lastDepartureDate,
    thresholds_version: grade.thresholdsVersion,
    runs_below_tier: grade.runsBelowTier,
    grade: JSON.stringify(grade),
    version: stamp.version,
  };
}

/** One row of ClickHouse `grade_history`; a delete is the same key with `is_deleted` 1. */
export interface GradeHistoryRecord {
  customer_id: string;
  valid_from: string;
  valid_to: string | null;
  tier: Tier;
  r_score: number | null;
  f_score: number | null;
  m_score: number | null;
  value: number | null;
  version: number;
  is_deleted: 0 | 1;
}

export function historyRecord(
  row: GradeHistoryRow,
  version: number,
  deleted = false,
): GradeHistoryRecord {
  return {
    customer_id: row.customerId,
    valid_from: row.validFrom,
    valid_to: row.validTo,
    tier: row.tier,
    r_score: row.scores?.r ?? null,
    f_score: row.scores?.f ?? null,
    m_score: row.scores?.m ?? null,
    value: row.v,
    version,
    is_deleted: deleted ? 1 : 0,
  };
}

/** Reads a history row back; scores are all present or all absent. */
export function parseHistoryRecord(
  record: Pick<
    GradeHistoryRecord,
    'customer_id' | 'valid_from' | 'valid_to' | 'tier' | 'r_score' | 'f_score' | 'm_score' | 'value'
  >,
): GradeHistoryRow {
  const { r_score: r, f_score: f, m_score: m } = record;
  const scores = r === null || f === null || m === null ? null : { r, f, m };

  return {
    customerId: record.customer_id,
    tier: record.tier,
    scores,
    v: record.value === null ? null : Number(record.value),
    validFrom: record.valid_from,
    validTo: record.valid_to,
  };
}

/**
 * What the daily job hands to the live path: the thresholds and the exact settings of its
 * run (so both paths grade with the same numbers), and where each guest's state is kept.
 */
export interface LiveSnapshot {
  readonly thresholds: Thresholds;
  readonly config: GradingConfig;
  readonly runSeq: number;
  /** Hash of customer id → `GradeState` JSON, written by that run and updated live. */
  readonly stateKey: string;
}

export function gradeState(grade: GradeState): GradeState {
  return {
    customerId: grade.customerId,
    asOf: grade.asOf,
    source: grade.source,
    tier: grade.tier,
    runsBelowTier: grade.runsBelowTier,
    prior: grade.prior,
  };
}

/** Redis keys shared by the daily job (writer) and the live path, under a namespace. */
export function liveKeys(namespace: string) {
  return {
    snapshot: `${namespace}:grading:snapshot`,
    state: (runSeq: number) => `${namespace}:grading:state:${runSeq}`,
    facts: (customerId: string) => `${namespace}:grading:facts:${customerId}`,
  };
}
