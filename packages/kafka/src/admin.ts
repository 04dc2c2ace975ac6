import type { KafkaClient } from './client';
import { toKafkaError } from './errors';

export interface TopicSpec {
  topic: string;
  partitions: number;
  config?: Record<string, string>;
}

/** Creates the topics that do not exist yet; existing ones are left as they are. */
export async function ensureTopics(client: KafkaClient, specs: TopicSpec[]): Promise<string[]> {
  const admin = await client.admin();

  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((spec) => !existing.has(spec.topic));
    if (missing.length === 0) return [];

    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((spec) => ({
        topic: spec.topic,
        numPartitions: spec.partitions,
        replicationFactor: 1,
        configEntries: Object.entries(spec.config ?? {}).map(([name, value]) => ({ name, value })),
      })),
    });
    return missing.map((spec) => spec.topic);
  } catch (error) {
    throw toKafkaError(error, 'create topics');
  }
}

/** Every topic of the cluster. */
export async function listTopics(client: KafkaClient): Promise<string[]> {
  const admin = await client.admin();
  try {
    return await admin.listTopics();
  } catch (error) {
    throw toKafkaError(error, 'list topics');
  }
}

export interface PartitionLag {
  topic: string;
  partition: number;
  committed: number;
  end: number;
  lag: number;
}

/** How far a consumer group is behind the end of each partition of its topics. */
export async function consumerLag(
  client: KafkaClient,
  groupId: string,
  topics: string[],
): Promise<PartitionLag[]> {
  const admin = await client.admin();

  try {
    const committed = await admin.fetchOffsets({ groupId, topics });
    const lags: PartitionLag[] = [];
    for (const entry of committed) {
      const ends = await admin.fetchTopicOffsets(entry.topic);
      for (const partition of entry.partitions) {
        const end = Number(ends.find((e) => e.partition === partition.partition)?.high ?? 0);
        const done = Number(partition.offset) < 0 ? 0 : Number(partition.offset);
        lags.push({ topic: entry.topic, partition: partition.partition, committed: done, end, lag: end - done });
      }
    }
    return lags;
  } catch (error) {
    throw toKafkaError(error, 'fetch consumer lag');
  }
}

export async function topicEndOffsets(
  client: KafkaClient,
  topic: string,
): Promise<{ partition: number; low: number; high: number }[]> {
  const admin = await client.admin();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.map((o) => ({ partition: o.partition, low: Number(o.low), high: Number(o.high) }));
  } catch (error) {
    throw toKafkaError(error, 'fetch topic offsets');
  }
}

/** The first offset per partition at or after a time (ms), or the end offset when none is. */
export async function offsetsForTime(
  client: KafkaClient,
  topic: string,
  timestampMs: number,
): Promise<{ partition: number; offset: number }[]> {
  const admin = await client.admin();
  try {
    const offsets = await admin.fetchTopicOffsetsByTimestamp(topic, timestampMs);
    return offsets.map((o) => ({ partition: o.partition, offset: Number(o.offset) }));
  } catch (error) {
    throw toKafkaError(error, 'fetch offsets by time');
  }
}
