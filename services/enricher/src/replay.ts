import { createProducer, readRanges, scanTopics, type IncomingBatch, type IncomingMessage, type PartitionRange } from '@staystream/kafka';
import { createRedis } from '@staystream/queue';
import { createRuntime, type Runtime } from '@staystream/runtime';
import type { PropertyRecord, ReservationEvent } from '@staystream/schemas';
import type { EnricherConfig } from './config';
import { EventDedup, ReplaySeenSet } from './dedup';
import { IdentityStep } from './identity';
import { BatchProcessor, type BatchOutcome } from './processor';
import { PropertyDirectory } from './properties';

/** What to replay: raw offset ranges, read by a consumer group of the replay's own. */
export interface ReplayPlan {
  groupId: string;
  ranges: PartitionRange[];
  /** Only events of this property are re-derived; the others are read and skipped. */
  propertyId: string | null;
}

export interface ReplayOutcome extends BatchOutcome {
  read: number;
  skipped: number;
  durationMs: number;
}

/**
 * Re-derives the enriched records of raw offset ranges through the enricher's own batch
 * processor, bypassing the seen-set: every event is enriched again into records identical
 * to the first derivation (same ids, same versions), so the sink's idempotent tables are
 * unchanged by any number of replays. Properties are read from their topic first, so that
 * local dates do not depend on what Redis still remembers.
 */
export async function runReplay(
  config: EnricherConfig,
  plan: ReplayPlan,
  onProgress: (read: number, total: number) => void = () => undefined,
  runtime: Runtime = createRuntime({ service: 'replay', config }),
): Promise<ReplayOutcome> {
  const started = Date.now();
  await runtime.setup();
  const redis = createRedis(config.REDIS_URL);
  const producer = await createProducer(runtime.kafka);
  const namespace = `staystream:${config.TOPIC_PREFIX || 'main'}`;
  const properties = new PropertyDirectory(redis, namespace);
  const processor = new BatchProcessor(
    runtime,
    producer,
    new ReplaySeenSet(new EventDedup(redis, namespace, config.DEDUP_TTL_SECONDS)),
    properties,
    undefined,
    new IdentityStep(redis, namespace),
  );
  const outcome: ReplayOutcome = { read: 0, skipped: 0, events: 0, duplicates: 0, deadLetters: 0, outputs: 0, durationMs: 0 };

  try {
    await loadProperties(runtime, properties);
    outcome.read = await readRanges(runtime.kafka, {
      groupId: plan.groupId,
      ranges: plan.ranges,
      deleteGroupWhenDone: true,
      onProgress,
      handle: async (batch) => {
        const chosen = await onlyProperty(runtime, batch, plan.propertyId);
        outcome.skipped += batch.messages.length - chosen.messages.length;
        if (chosen.messages.length === 0) return;
        add(outcome, await processor.handle(chosen));
      },
    });
  } finally {
    await producer.disconnect();
    await redis.quit().catch(() => undefined);
    await runtime.close();
  }
  outcome.durationMs = Date.now() - started;
  return outcome;
}

async function loadProperties(runtime: Runtime, properties: PropertyDirectory): Promise<void> {
  const messages: IncomingMessage[] = [];
  await scanTopics(runtime.kafka, { topics: [runtime.topic('properties')], onMessage: (m) => messages.push(m) });
  for (const message of messages) {
    if (!message.value) continue;
    const { record } = await runtime.codecs.decode<PropertyRecord>(message.value);
    await properties.remember(record);
  }
}

/** Keeps the messages of one property; undecodable ones stay, so they fail again as before. */
async function onlyProperty(runtime: Runtime, batch: IncomingBatch, propertyId: string | null): Promise<IncomingBatch> {
  if (!propertyId) return batch;
  const kept: IncomingMessage[] = [];
  for (const message of batch.messages) {
    if (!message.value) continue;
    try {
      const { record } = await runtime.codecs.decode<ReservationEvent>(message.value);
      if (record.envelope.property_id === propertyId) kept.push(message);
    } catch {
      kept.push(message);
    }
  }
  return { ...batch, messages: kept };
}

function add(total: ReplayOutcome, batch: BatchOutcome): void {
  total.events += batch.events;
  total.duplicates += batch.duplicates;
  total.deadLetters += batch.deadLetters;
  total.outputs += batch.outputs;
}
