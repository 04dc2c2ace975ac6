import { randomUUID } from 'node:crypto';
import type { KafkaClient } from './client';
import type { IncomingMessage } from './consumer';
import { topicEndOffsets } from './admin';
import { toKafkaError } from './errors';

export interface ScanOptions {
  topics: string[];
  /** Called for every message up to the end offsets seen when the scan started. */
  onMessage(message: IncomingMessage): void;
  /** Called after each batch with the messages seen so far and the total to read. */
  onProgress?(seen: number, total: number): void;
}

/**
 * Reads topics from their beginning up to the end offsets of the moment the scan starts,
 * with a throw-away consumer group that commits nothing. Used by reconcile and dry runs.
 */
export async function scanTopics(client: KafkaClient, options: ScanOptions): Promise<number> {
  const remaining = new Map<string, number>();
  let total = 0;
  for (const topic of options.topics) {
    for (const p of await topicEndOffsets(client, topic)) {
      if (p.high > p.low) {
        remaining.set(`${topic}:${p.partition}`, p.high);
        total += p.high - p.low;
      }
    }
  }
  if (remaining.size === 0) return 0;

  const groupId = `staystream-scan-${randomUUID()}`;
  const consumer = client.kafka.consumer({ groupId, maxWaitTimeInMs: 200, maxBytesPerPartition: 8 << 20 });
  let seen = 0;

  try {
    await consumer.connect();
    await consumer.subscribe({ topics: options.topics, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer.on(consumer.events.CRASH, (event) => reject(event.payload.error));
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            const key = `${batch.topic}:${batch.partition}`;
            const end = remaining.get(key);
            if (end === undefined) return;
            for (const message of batch.messages) {
              if (Number(message.offset) >= end) break;
              seen += 1;
              options.onMessage({
                topic: batch.topic,
                partition: batch.partition,
                offset: message.offset,
                key: message.key ? message.key.toString() : null,
                value: message.value,
                headers: Object.fromEntries(
                  Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
                ),
                timestamp: Number(message.timestamp),
              });
            }
            if (Number(batch.lastOffset()) >= end - 1) remaining.delete(key);
            options.onProgress?.(seen, total);
            if (remaining.size === 0) resolve();
          },
        })
        .catch(reject);
    });
  } catch (error) {
    throw toKafkaError(error, 'scan');
  } finally {
    await consumer.disconnect().catch(() => undefined);
    const admin = await client.admin();
    await admin.deleteGroups([groupId]).catch(() => undefined);
  }
  return seen;
}
