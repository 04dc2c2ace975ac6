import { CompressionTypes, type Producer as KafkaProducer } from 'kafkajs';
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

export async function createProducer(client: KafkaClient): Promise<Producer> {
  const producer: KafkaProducer = client.kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });

  try {
    await producer.connect();
  } catch (error) {
    throw toKafkaError(error, 'producer connect');
  }

  const sendMany = async (batches: { topic: string; messages: OutgoingMessage[] }[]) => {
    const topicMessages = batches
      .filter((batch) => batch.messages.length > 0)
      .map((batch) => ({ topic: batch.topic, messages: batch.messages }));
    if (topicMessages.length === 0) return;

    try {
      await producer.sendBatch({ topicMessages, acks: -1, compression: CompressionTypes.None });
    } catch (error) {
      throw toKafkaError(error, 'produce');
    }
  };

  return {
    send: (topic, messages) => sendMany([{ topic, messages }]),
    sendMany,
    disconnect: () => producer.disconnect(),
  };
}
