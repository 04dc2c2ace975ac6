import type { Consumer, EachBatchPayload } from 'kafkajs';
import type { KafkaClient } from './client';
import { toKafkaError } from './errors';

export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  timestamp: number;
}

export interface IncomingBatch {
  topic: string;
  partition: number;
  firstOffset: string;
  lastOffset: string;
  messages: IncomingMessage[];
  heartbeat(): Promise<void>;
}

export interface BatchConsumerOptions {
  groupId: string;
  topics: string[];
  fromBeginning?: boolean;
  /** How many partitions are handled at once; different partitions never share a batch. */
  partitionsConcurrently?: number;
  /** Upper bound of one fetched batch per partition, in bytes. */
  maxBytesPerPartition?: number;
  /** How long the broker may wait to fill a batch, in ms. */
  maxWaitTimeMs?: number;
  sessionTimeoutMs?: number;
  /**
   * Handles one batch of one partition. Offsets are committed only after it resolves;
   * a rejection stops the consumer so the batch is fetched again after a restart.
   */
  handle(batch: IncomingBatch): Promise<void>;
  /** Called when the consumer crashed and will not restart by itself. */
  onCrash?(error: Error): void;
  /** Set after each committed batch to the messages left behind the partition's end. */
  lagGauge?: LagGauge;
}

/** A prom-client Gauge fits; the adapter only needs its set. */
export interface LagGauge {
  set(labels: { topic: string; partition: string }, value: number): void;
}

export interface BatchConsumer {
  readonly consumer: Consumer;
  stop(): Promise<void>;
}

export async function runBatchConsumer(
  client: KafkaClient,
  options: BatchConsumerOptions,
): Promise<BatchConsumer> {
  const consumer = client.kafka.consumer({
    groupId: options.groupId,
    sessionTimeout: options.sessionTimeoutMs ?? 30_000,
    heartbeatInterval: 3_000,
    maxBytesPerPartition: options.maxBytesPerPartition ?? 4 * 1024 * 1024,
    maxWaitTimeInMs: options.maxWaitTimeMs ?? 500,
    allowAutoTopicCreation: false,
  });

  consumer.on(consumer.events.CRASH, (event) => {
    const error = event.payload.error;
    client.logger.error({ groupId: options.groupId, err: error }, 'consumer crashed');
    if (!event.payload.restart) options.onCrash?.(error);
  });

  try {
    await consumer.connect();
    await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning ?? true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: options.partitionsConcurrently ?? 3,
      eachBatch: (payload) => handleBatch(consumer, options, payload),
    });
  } catch (error) {
    throw toKafkaError(error, 'consumer start');
  }

  return {
    consumer,
    stop: () => consumer.disconnect(),
  };
}

async function handleBatch(
  consumer: Consumer,
  options: BatchConsumerOptions,
  payload: EachBatchPayload,
): Promise<void> {
  const { batch } = payload;
  if (batch.messages.length === 0 || !payload.isRunning() || payload.isStale()) return;

  const messages = batch.messages.map((message) => ({
    topic: batch.topic,
    partition: batch.partition,
    offset: message.offset,
    key: message.key ? message.key.toString() : null,
    value: message.value,
    headers: decodeHeaders(message.headers),
    timestamp: Number(message.timestamp),
  }));
  const last = messages[messages.length - 1]!;

  await options.handle({
    topic: batch.topic,
    partition: batch.partition,
    firstOffset: messages[0]!.offset,
    lastOffset: last.offset,
    messages,
    heartbeat: payload.heartbeat,
  });

  payload.resolveOffset(last.offset);
  await consumer.commitOffsets([
    { topic: batch.topic, partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() },
  ]);
  options.lagGauge?.set({ topic: batch.topic, partition: String(batch.partition) }, Math.max(0, Number(batch.offsetLag())));
  await payload.heartbeat();
}

function decodeHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined || value === null) continue;
    decoded[name] = Buffer.isBuffer(value) ? value.toString() : String(value);
  }
  return decoded;
}
