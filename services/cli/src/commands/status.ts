import { consumerLag, createKafka, listTopics, type PartitionLag } from '@staystream/kafka';
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

/** The lag of each group over the namespace's topics that exist (none before the first start). */
export async function lagByGroup(config: CliConfig, logger: Logger): Promise<GroupLag[]> {
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS.split(','), clientId: 'staystream-status', logger });
  try {
    const existing = new Set(await listTopics(kafka));
    const result: GroupLag[] = [];
    for (const { group, topics } of groupsOf(config)) {
      const present = topics.filter((topic) => existing.has(topic));
      const partitions = present.length > 0 ? await consumerLag(kafka, group, present) : [];
      result.push({ group, lag: partitions.reduce((sum, p) => sum + p.lag, 0), partitions });
    }
    if (result.every((g) => g.partitions.length === 0)) warnEmptyNamespace(config, existing);
    return result;
  } finally {
    await kafka.disconnect();
  }
}

/** Names the namespaces that do have topics, since a forgotten TOPIC_PREFIX is the usual cause. */
function warnEmptyNamespace(config: CliConfig, existing: Set<string>): void {
  const raw = topicName('rawReservations', undefined);
  const namespaces = [...existing]
    .filter((topic) => topic === raw || (topic.startsWith('staystream.') && topic.endsWith('.raw.reservations')))
    .map((topic) => (topic === raw ? '(none)' : topic.slice('staystream.'.length, -'.raw.reservations'.length)));
  // The main job's namespace first; test runs leave many of their own behind.
  namespaces.sort((a, b) => Number(b === 'demo') - Number(a === 'demo') || a.localeCompare(b));
  const shown = namespaces.slice(0, 5).join(', ') + (namespaces.length > 5 ? ` and ${namespaces.length - 5} more` : '');
  const here = config.TOPIC_PREFIX || '(none)';
  const found = namespaces.length > 0 ? `namespaces with topics: ${shown}` : 'no namespace has topics yet';
  console.error(`note: TOPIC_PREFIX ${here} has no topics (${found}); export TOPIC_PREFIX to pick one`);
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
