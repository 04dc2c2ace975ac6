import { StaystreamError } from '@staystream/errors';
import { createKafka, createProducer, type OutgoingMessage } from '@staystream/kafka';
import type { Logger } from '@staystream/logger';
import type { CliConfig } from '../config';
import { toTable } from '../format';
import { openStore } from '../store';

export interface DlqFilter {
  stage?: string;
  reason?: string;
  id?: string;
}

interface DeadLetterRow {
  dlq_id: string;
  stage: string;
  reason_code: string;
  reason: string;
  event_id: string | null;
  event_type: string | null;
  source_system: string | null;
  topic: string | null;
  payload: string;
}

/** Stages whose records were never accepted: re-submitted to the collector's validation. */
const COLLECTOR_STAGES = new Set(['collect', 'validate']);

const WHERE = `(empty({stage:String}) OR stage = {stage:String})
  AND (empty({reason:String}) OR reason_code = {reason:String})
  AND (empty({id:String}) OR dlq_id = {id:String})`;

function params(filter: DlqFilter): Record<string, string> {
  return { stage: filter.stage ?? '', reason: filter.reason ?? '', id: filter.id ?? '' };
}

/** Dead letters by stage and reason, with a count and one sample each. */
export async function dlqList(config: CliConfig, logger: Logger, filter: DlqFilter) {
  const store = await openStore(config, logger);
  try {
    const rows = await store.query<{ stage: string; reason_code: string; count: string; sample_id: string; sample_reason: string }>(
      `SELECT stage, reason_code, count() AS count, any(dlq_id) AS sample_id, substring(any(reason), 1, 120) AS sample_reason
       FROM {db:Identifier}.dead_letters FINAL WHERE ${WHERE}
       GROUP BY stage, reason_code ORDER BY count DESC, stage, reason_code`,
      { db: store.database, ...params(filter) },
    );
    return rows.map((r) => ({ ...r, count: Number(r.count) }));
  } finally {
    await store.close();
  }
}

export interface DlqReplayOutcome {
  selected: number;
  resubmitted: number;
  reproduced: number;
  failed: { dlq_id: string; error: string }[];
}

/**
 * Re-runs fixed dead letters through the pipeline: collector rejections are posted to the
 * collector again (the same validation), later failures have their original bytes produced
 * again to the topic they were read from. A record that fails again becomes a dead letter
 * again, under the same id when it fails at the same place.
 */
export async function dlqReplay(config: CliConfig, logger: Logger, filter: DlqFilter, dryRun: boolean): Promise<DlqReplayOutcome> {
  if (!filter.stage && !filter.reason && !filter.id) {
    throw new StaystreamError('dlq_filter_missing', 'dlq replay: choose what to replay with --stage, --reason or --id');
  }
  const store = await openStore(config, logger);
  let rows: DeadLetterRow[];
  try {
    rows = await store.query<DeadLetterRow>(
      `SELECT dlq_id, stage, reason_code, reason, event_id, event_type, source_system, topic, payload
       FROM {db:Identifier}.dead_letters FINAL WHERE ${WHERE} ORDER BY dlq_id`,
      { db: store.database, ...params(filter) },
    );
  } finally {
    await store.close();
  }

  const outcome: DlqReplayOutcome = { selected: rows.length, resubmitted: 0, reproduced: 0, failed: [] };
  if (dryRun || rows.length === 0) return outcome;

  for (const row of rows.filter((r) => COLLECTOR_STAGES.has(r.stage))) {
    const error = await resubmit(config, row);
    if (error) outcome.failed.push({ dlq_id: row.dlq_id, error });
    else outcome.resubmitted += 1;
  }
  await reproduce(config, logger, rows.filter((r) => !COLLECTOR_STAGES.has(r.stage)), outcome);
  return outcome;
}

async function resubmit(config: CliConfig, row: DeadLetterRow): Promise<string | null> {
  const type = row.event_type ? `${row.event_type}s`.replace('feedbacks', 'feedback') : null;
  if (!type) return 'no event type recorded: cannot choose the collector endpoint';
  const response = await fetch(`${config.COLLECTOR_URL}/v1/events/${type}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: row.payload,
  });
  const body = (await response.json().catch(() => ({}))) as { accepted?: number; rejected?: { issues?: unknown }[] };
  if (!response.ok || !body.accepted) return `the collector answered ${response.status}: ${JSON.stringify(body.rejected ?? body).slice(0, 300)}`;
  return null;
}

async function reproduce(config: CliConfig, logger: Logger, rows: DeadLetterRow[], outcome: DlqReplayOutcome): Promise<void> {
  if (rows.length === 0) return;
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS.split(','), clientId: 'staystream-dlq', logger });
  const producer = await createProducer(kafka);
  try {
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const row of rows) {
      if (!row.topic) {
        outcome.failed.push({ dlq_id: row.dlq_id, error: 'no topic recorded: cannot produce the original bytes again' });
        continue;
      }
      const headers: Record<string, string> = { 'dlq-id': row.dlq_id };
      if (row.event_id) headers['event-id'] = row.event_id;
      if (row.source_system) headers.source = row.source_system;
      if (row.event_type) headers['event-type'] = row.event_type;
      const list = byTopic.get(row.topic) ?? [];
      list.push({ key: row.event_id ?? row.dlq_id, value: Buffer.from(row.payload, 'base64'), headers });
      byTopic.set(row.topic, list);
    }
    await producer.sendMany([...byTopic].map(([topic, messages]) => ({ topic, messages })));
    outcome.reproduced += [...byTopic.values()].reduce((sum, list) => sum + list.length, 0);
  } finally {
    await producer.disconnect();
    await kafka.disconnect();
  }
}

export async function dlqCommand(
  config: CliConfig,
  logger: Logger,
  action: string,
  filter: DlqFilter,
  options: { dryRun: boolean; json: boolean },
): Promise<number> {
  if (action === 'list') {
    const rows = await dlqList(config, logger, filter);
    console.log(options.json ? JSON.stringify(rows, null, 2) : toTable(rows as unknown as Record<string, unknown>[]));
    return 0;
  }
  if (action !== 'replay') throw new StaystreamError('dlq_action_unknown', `dlq ${action}: expected list or replay`);

  const outcome = await dlqReplay(config, logger, filter, options.dryRun);
  if (options.json) console.log(JSON.stringify(outcome, null, 2));
  else {
    const verb = options.dryRun ? 'would replay' : 'replayed';
    console.log(`${verb} ${outcome.selected} dead letters: ${outcome.resubmitted} re-submitted to the collector, ${outcome.reproduced} produced again to their topic`);
    for (const f of outcome.failed) console.log(`  failed ${f.dlq_id}: ${f.error}`);
  }
  return outcome.failed.length > 0 ? 1 : 0;
}
