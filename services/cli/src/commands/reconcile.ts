import { createKafka, scanTopics } from '@staystream/kafka';
import type { Logger } from '@staystream/logger';
import { RAW_TOPIC_KEYS, topicName } from '@staystream/schemas';
import type { CliConfig } from '../config';
import { toTable } from '../format';
import { openStore } from '../store';

export interface SourceAccount {
  source: string;
  accepted: number;
  loaded: number;
  rejected: number;
  pending: number;
  refused: number;
}

export interface Reconciliation {
  sources: SourceAccount[];
  rejectedByReason: { source: string; stage: string; reason: string; count: number }[];
  unknownInLedger: number;
  balanced: boolean;
}

/**
 * Accounts for every accepted event: the raw topics say what was accepted, the ledger in
 * ClickHouse what was loaded or rejected after acceptance; the rest is pending. Events the
 * collector refused never entered a raw topic and are listed from the dead letters.
 */
export async function reconcile(config: CliConfig, logger: Logger): Promise<Reconciliation> {
  const accepted = await acceptedEvents(config, logger);
  const store = await openStore(config, logger);

  try {
    const db = store.database;
    const ledger = await store.query<{ event_id: string; source_system: string; outcome: string }>(
      `SELECT event_id, source_system, outcome FROM ${db}.event_ledger FINAL`,
    );
    const refused = await store.query<{ source: string; stage: string; reason: string; count: string }>(
      `SELECT ifNull(source_system, '') AS source, stage, reason, count() AS count
       FROM ${db}.dead_letters FINAL GROUP BY source, stage, reason ORDER BY count DESC`,
    );

    const outcome = new Map(ledger.map((row) => [row.event_id, row.outcome]));
    const sources = new Map<string, SourceAccount>();
    const account = (source: string) => {
      let entry = sources.get(source);
      if (!entry) {
        entry = { source, accepted: 0, loaded: 0, rejected: 0, pending: 0, refused: 0 };
        sources.set(source, entry);
      }
      return entry;
    };

    for (const [eventId, source] of accepted) {
      const entry = account(source);
      entry.accepted += 1;
      const result = outcome.get(eventId);
      if (result === 'loaded') entry.loaded += 1;
      else if (result === 'rejected') entry.rejected += 1;
      else entry.pending += 1;
    }
    for (const row of refused.filter((r) => r.stage === 'validate' || r.stage === 'collect')) {
      account(row.source || '(unknown)').refused += Number(row.count);
    }

    const unknownInLedger = ledger.filter((row) => !accepted.has(row.event_id)).length;
    const list = [...sources.values()].sort((a, b) => a.source.localeCompare(b.source));
    return {
      sources: list,
      rejectedByReason: refused.map((r) => ({ source: r.source, stage: r.stage, reason: r.reason, count: Number(r.count) })),
      unknownInLedger,
      balanced: list.every((s) => s.pending === 0) && unknownInLedger === 0,
    };
  } finally {
    await store.close();
  }
}

/** Distinct accepted event ids and their source, read from the raw topics' headers. */
async function acceptedEvents(config: CliConfig, logger: Logger): Promise<Map<string, string>> {
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS.split(','), clientId: 'staystream-reconcile', logger });
  const accepted = new Map<string, string>();
  try {
    await scanTopics(kafka, {
      topics: RAW_TOPIC_KEYS.map((key) => topicName(key, config.TOPIC_PREFIX)),
      onMessage: (message) => {
        const id = message.headers['event-id'];
        if (id) accepted.set(id, message.headers.source ?? '(unknown)');
      },
    });
  } finally {
    await kafka.disconnect();
  }
  return accepted;
}

export async function reconcileCommand(config: CliConfig, logger: Logger, json: boolean): Promise<number> {
  const result = await reconcile(config, logger);
  if (json) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    console.log(toTable(result.sources as unknown as Record<string, unknown>[]));
    if (result.rejectedByReason.length > 0) {
      console.log('\nrejected, by stage and reason:');
      console.log(toTable(result.rejectedByReason as unknown as Record<string, unknown>[]));
    }
    if (result.unknownInLedger > 0) console.log(`\n${result.unknownInLedger} ledger entries match no accepted event`);
    console.log(result.balanced ? '\nreconciled: every accepted event is loaded or rejected with a reason' : '\nNOT reconciled: events are pending or unaccounted for');
  }
  return result.balanced ? 0 : 1;
}
