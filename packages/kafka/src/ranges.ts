import type { KafkaClient } from './client';
import type { IncomingBatch, IncomingMessage } from './consumer';
import { toKafkaError } from './errors';

/** Offsets `from` (inclusive) to `to` (exclusive) of one topic-partition. */
export interface PartitionRange {
  topic: string;
  partition: number;
  from: number;
  to: number;
}

export interface ReadRangesOptions {
  /** A group of its own: its committed offsets are set to the ranges' starts first. */
  groupId: string;
  ranges: PartitionRange[];
  /** Handles the messages of one fetched batch that lie inside its partition's range. */
  handle(batch: IncomingBatch): Promise<void>;
  onProgress?(read: number, total: number): void;
  /** Delete the group once every range is read (a finished replay leaves no group behind). */
  deleteGroupWhenDone?: boolean;
}

/**
 * Reads fixed offset ranges with a consumer group of its own and stops once every range is
 * read. Offsets are committed after each handled batch, so a stopped read resumes.
 */
export async function readRanges(client: KafkaClient, options: ReadRangesOptions): Promise<number> {
  const open = new Map(options.ranges.filter((r) => r.to > r.from).map((r) => [`${r.topic}:${r.partition}`, r]));
  const total = [...open.values()].reduce((sum, r) => sum + (r.to - r.from), 0);
  if (open.size === 0) return 0;

  await startGroupAt(client, options.groupId, [...open.values()]);
  const consumer = client.kafka.consumer({ groupId: options.groupId, maxWaitTimeInMs: 200, maxBytesPerPartition: 8 << 20 });
  let read = 0;

  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [...new Set([...open.values()].map((r) => r.topic))], fromBeginning: false });
    await new Promise<void>((resolve, reject) => {
      consumer.on(consumer.events.CRASH, (event) => {
        if (!event.payload.restart) reject(event.payload.error);
      });
      consumer
        .run({
          autoCommit: false,
          partitionsConsumedConcurrently: 3,
          eachBatch: async ({ batch, heartbeat }) => {
            const range = open.get(`${batch.topic}:${batch.partition}`);
            if (!range) return;
            const messages = batch.messages
              .filter((m) => Number(m.offset) >= range.from && Number(m.offset) < range.to)
              .map((m) => toIncoming(batch.topic, batch.partition, m));
            if (messages.length > 0) {
              await options.handle({
                topic: batch.topic,
                partition: batch.partition,
                firstOffset: messages[0]!.offset,
                lastOffset: messages[messages.length - 1]!.offset,
                messages,
                heartbeat,
              });
            }
            read += messages.length;
            const next = Math.min(Number(batch.lastOffset()) + 1, range.to);
            await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: String(next) }]);
            options.onProgress?.(read, total);
            if (next >= range.to) open.delete(`${batch.topic}:${batch.partition}`);
            if (open.size === 0) resolve();
          },
        })
        .catch(reject);
    });
  } catch (error) {
    throw toKafkaError(error, 'read offset ranges');
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }

  if (options.deleteGroupWhenDone) {
    const admin = await client.admin();
    await admin.deleteGroups([options.groupId]).catch(() => undefined);
  }
  return read;
}

async function startGroupAt(client: KafkaClient, groupId: string, ranges: PartitionRange[]): Promise<void> {
  const admin = await client.admin();
  try {
    for (const topic of new Set(ranges.map((r) => r.topic))) {
      const partitions = ranges.filter((r) => r.topic === topic).map((r) => ({ partition: r.partition, offset: String(r.from) }));
      await admin.setOffsets({ groupId, topic, partitions });
    }
  } catch (error) {
    throw toKafkaError(error, 'set replay group offsets');
  }
}

function toIncoming(
  topic: string,
  partition: number,
  message: { offset: string; key: Buffer | null; value: Buffer | null; headers?: Record<string, unknown>; timestamp: string },
): IncomingMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value !== undefined && value !== null) headers[name] = Buffer.isBuffer(value) ? value.toString() : String(value);
  }
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key ? message.key.toString() : null,
    value: message.value,
    headers,
    timestamp: Number(message.timestamp),
  };
}
