import { consumerLag, createKafka, type PartitionLag } from '@staystream/kafka';
import type { Logger } from '@staystream/logger';
import { ENRICHED_TOPIC_KEYS, RAW_TOPIC_KEYS, topicName } from '@staystream/schemas';
import type { CliConfig } from '../config';
import { toTable } from '../format';
import { openStore } from '../store';

export interface GroupLag {
  group: string;
  lag: number;
  partitions: PartitionLag[];
}

export interface PipelineStatus {
  groups: GroupLag[];
  deadLetters: { stage: string; reason_code: string; count: number }[];
  lastEventByProperty: { property_id: string; last_event_at: string; reservations: number }[];
}

export function groupsOf(config: CliConfig): { group: string; topics: string[] }[] {
  const scoped = (name: string) => (config.TOPIC_PREFIX ? `${name}.${config.TOPIC_PREFIX}` : name);
  return [
    {
      group: scoped('staystream-enricher'),
      topics: ['properties' as const, ...RAW_TOPIC_KEYS].map((k) => topicName(k, config.TOPIC_PREFIX)),
    },
    { group: scoped('staystream-sink'), topics: ENRICHED_TOPIC_KEYS.map((k) => topicName(k, config.TOPIC_PREFIX)) },
  ];
}

export async function lagByGroup(config: CliConfig, logger: Logger): Promise<GroupLag[]> {
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS.split(','), clientId: 'staystream-status', logger });
  try {
    const result: GroupLag[] = [];
    for (const { group, topics } of groupsOf(config)) {
      const partitions = await consumerLag(kafka, group, topics);
      result.push({ group, lag: partitions.reduce((sum, p) => sum + p.lag, 0), partitions });
    }
    return result;
  } finally {
    await kafka.disconnect();
  }
}

export async function statusCommand(config: CliConfig, logger: Logger, options: { json: boolean; lagOnly: boolean }): Promise<number> {
  const groups = await lagByGroup(config, logger);
  const status: PipelineStatus = { groups, deadLetters: [], lastEventByProperty: [] };

  if (!options.lagOnly) {
    const store = await openStore(config, logger);
    try {
      const db = store.database;
      status.deadLetters = (await store.query<{ stage: string; reason_code: string; count: string }>(
        `SELECT stage, reason_code, count() AS count FROM ${db}.dead_letters FINAL GROUP BY stage, reason_code ORDER BY count DESC`,
      )).map((r) => ({ ...r, count: Number(r.count) }));
      status.lastEventByProperty = (await store.query<{ property_id: string; last_event_at: string; reservations: string }>(
        `SELECT property_id, toString(max(received_at)) AS last_event_at, count() AS reservations
         FROM ${db}.reservations FINAL GROUP BY property_id ORDER BY property_id`,
      )).map((r) => ({ ...r, reservations: Number(r.reservations) }));
    } finally {
      await store.close();
    }
  }

  if (options.json) {
    console.log(JSON.stringify(status, null, 2));
    return 0;
  }
  console.log(toTable(groups.map((g) => ({ group: g.group, lag: g.lag })) as Record<string, unknown>[]));
  console.log('\n' + toTable(groups.flatMap((g) => g.partitions.map((p) => ({ group: g.group, ...p }))) as unknown as Record<string, unknown>[]));
  if (!options.lagOnly) {
    console.log('\ndead letters by stage and reason:\n' + toTable(status.deadLetters as unknown as Record<string, unknown>[]));
    console.log('\nlast event per property:\n' + toTable(status.lastEventByProperty as unknown as Record<string, unknown>[]));
  }
  return 0;
}
