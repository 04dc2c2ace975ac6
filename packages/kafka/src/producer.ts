import { CompressionTypes, Partitioners, type Producer as KafkaProducer } from 'kafkajs';
import type { KafkaClient } from './client';
import { toKafkaError } from './errors';

export interface OutgoingMessage {
  key: string;
  value: Buffer;
  headers?: Record<string, string>;
}

/** An idempotent producer whose send resolves only once all in-sync replicas hold the batch. */
export interface Producer {
  send(topic: string, messages: OutgoingMessage[]): Promise<void>;
  sendMany(batches: { topic: string; messages: OutgoingMessage[] }[]): Promise<void>;
  disconnect(): Promise<void>;
}

/**
 * Splits a send into requests whose record batches stay below the broker's message size
 * limit (1 MiB by default). Requests go out in order, so per-key order is kept.
 */
export function requests(
  batches: { topic: string; messages: OutgoingMessage[] }[],
  maxBytes: number,
): { topic: string; messages: OutgoingMessage[] }[][] {
  const out: { topic: string; messages: OutgoingMessage[] }[][] = [];
  let current: { topic: string; messages: OutgoingMessage[] }[] = [];
  let bytes = 0;

  for (const batch of batches) {
    let slice: OutgoingMessage[] = [];
    for (const message of batch.messages) {
      const size = message.value.length + message.key.length + 64;
      if (bytes + size > maxBytes && bytes > 0) {
        if (slice.length > 0) current.push({ topic: batch.topic, messages: slice });
        out.push(current);
        current = [];
        slice = [];
        bytes = 0;
      }
      slice.push(message);
      bytes += size;
    }
    if (slice.length > 0) current.push({ topic: batch.topic, messages: slice });
  }
  if (current.length > 0) out.push(current);
  return out;
}

export async function createProducer(client: KafkaClient, maxRequestBytes = 768 * 1024): Promise<Producer> {
  const producer: KafkaProducer = client.kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
  });

  try {
    await producer.connect();
  } catch (error) {
    throw toKafkaError(error, 'producer connect');
  }

  const sendMany = async (batches: { topic: string; messages: OutgoingMessage[] }[]) => {
    for (const topicMessages of requests(batches, maxRequestBytes)) {
      try {
        await producer.sendBatch({ topicMessages, acks: -1, compression: CompressionTypes.None });
      } catch (error) {
        throw toKafkaError(error, 'produce');
      }
    }
  };

  return {
    send: (topic, messages) => sendMany([{ topic, messages }]),
    sendMany,
    disconnect: () => producer.disconnect(),
  };
}
