import { ensureTopics, type KafkaClient } from '@staystream/kafka';
import type { Codecs } from '@staystream/avro';
import { TOPICS, topicName, type TopicKey } from '@staystream/schemas';

/** Partitions per topic on a fresh cluster; more partitions let more workers share a group. */
export const TOPIC_PARTITIONS = 3;

const COMPACTED: readonly TopicKey[] = ['customers', 'properties'];
const COMPACT: Record<string, string> = { 'cleanup.policy': 'compact' };

/**
 * Creates every topic that is missing and registers every value schema (BACKWARD).
 * Safe to call from each service at start-up: existing topics and schemas are kept.
 */
export async function setupTopics(kafka: KafkaClient, codecs: Codecs, prefix: string): Promise<void> {
  const keys = Object.keys(TOPICS) as TopicKey[];

  await ensureTopics(
    kafka,
    keys.map((key) => ({
      topic: topicName(key, prefix),
      partitions: TOPIC_PARTITIONS,
      config: COMPACTED.includes(key) ? COMPACT : {},
    })),
  );

  for (const key of keys) {
    await codecs.register(topicName(key, prefix), TOPICS[key].schema);
  }
}
