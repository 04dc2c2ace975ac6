import { createClickHouse } from '@staystream/clickhouse';
import { createKafka } from '@staystream/kafka';
import type { Logger } from '@staystream/logger';
import { createRedis } from '@staystream/queue';
import { TOPICS, topicName, type TopicKey } from '@staystream/schemas';
import type { CliConfig } from '../config';
import { groupsOf } from './status';

/**
 * Deletes one namespace's pipeline state: its topics, consumer groups, Redis keys and
 * ClickHouse database. The services must be stopped (the embedded store is locked otherwise).
 */
export async function resetCommand(config: CliConfig, logger: Logger): Promise<number> {
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS.split(','), clientId: 'staystream-reset', logger });
  try {
    const admin = await kafka.admin();
    const wanted = (Object.keys(TOPICS) as TopicKey[]).map((k) => topicName(k, config.TOPIC_PREFIX));
    const existing = new Set(await admin.listTopics());
    const topics = wanted.filter((t) => existing.has(t));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
    const groups = groupsOf(config).map((g) => g.group);
    await admin.deleteGroups(groups).catch(() => undefined);
    console.error(`deleted ${topics.length} topics and the groups ${groups.join(', ')}`);
  } finally {
    await kafka.disconnect();
  }

  const redis = createRedis(config.REDIS_URL);
  try {
    // The identity graph's keys carry a Redis Cluster hash tag: {staystream:<namespace>:identity:…}.
    const namespace = `staystream:${config.TOPIC_PREFIX || 'main'}:`;
    const patterns = [`${namespace}*`, `{${namespace}*`];
    let deleted = 0;
    for (const pattern of patterns) {
      for await (const keys of redis.scanStream({ match: pattern, count: 1000 }) as AsyncIterable<string[]>) {
        if (keys.length > 0) deleted += await redis.del(...keys);
      }
    }
    console.error(`deleted ${deleted} Redis keys matching ${patterns.join(' and ')}`);
  } finally {
    await redis.quit().catch(() => undefined);
  }

  const clickhouse = createClickHouse({
    url: config.CLICKHOUSE_URL,
    dataDir: config.STAYSTREAM_DATA_DIR,
    database: config.CLICKHOUSE_DATABASE,
    logger,
  });
  try {
    await clickhouse.command(`DROP DATABASE IF EXISTS ${config.CLICKHOUSE_DATABASE} SYNC`);
    console.error(`dropped ClickHouse database ${config.CLICKHOUSE_DATABASE}`);
  } finally {
    await clickhouse.close();
  }
  return 0;
}
