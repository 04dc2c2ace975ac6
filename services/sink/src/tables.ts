import type { TableName } from '@staystream/clickhouse';
import type { DeadLetter } from '@staystream/schemas';

/** Which enriched topic loads which table, and which of its rows count as loaded events. */
export const TOPIC_TABLES = {
  properties: { table: 'properties', ledger: null },
  reservations: { table: 'reservations', ledger: 'loaded' },
  stays: { table: 'stays', ledger: 'loaded' },
  stayNights: { table: 'stay_nights', ledger: null },
  feedback: { table: 'feedback', ledger: 'loaded' },
  customers: { table: 'customers', ledger: null },
  customerGrades: { table: 'customer_grades', ledger: null },
  deadLetter: { table: 'dead_letters', ledger: 'rejected' },
  identityChanges: { table: 'identity_changes', ledger: null },
  customerRecords: { table: 'customer_records', ledger: null },
  customerAliases: { table: 'customer_aliases', ledger: null },
} as const satisfies Record<string, { table: TableName; ledger: 'loaded' | 'rejected' | null }>;

export type SinkTopicKey = keyof typeof TOPIC_TABLES;

export interface LedgerRow {
  event_id: string;
  event_type: string;
  source_system: string;
  property_id: string;
  outcome: 'loaded' | 'rejected';
  stage: string;
  reason_code: string;
  recorded_at: number;
}

/** The ledger row of a loaded fact or of a dead letter that carries an accepted event. */
export function ledgerRow(
  key: SinkTopicKey,
  row: Record<string, unknown>,
  recordedAt: number,
): LedgerRow | null {
  const outcome = TOPIC_TABLES[key].ledger;
  if (outcome === 'loaded') {
    return {
      event_id: String(row.event_id),
      event_type: key === 'reservations' ? 'reservation' : key === 'stays' ? 'stay' : 'feedback',
      source_system: String(row.source_system),
      property_id: String(row.property_id),
      outcome,
      stage: 'load',
      reason_code: '',
      recorded_at: recordedAt,
    };
  }
  if (outcome === 'rejected') {
    const dead = row as unknown as DeadLetter;
    // Collector rejections never became accepted events; only later stages are in the ledger.
    if (!dead.event_id || dead.stage === 'validate' || dead.stage === 'collect') return null;
    return {
      event_id: dead.event_id,
      event_type: dead.event_type ?? '',
      source_system: dead.source_system ?? '',
      property_id: dead.property_id ?? '',
      outcome,
      stage: dead.stage,
      reason_code: dead.reason_code,
      recorded_at: recordedAt,
    };
  }
  return null;
}
