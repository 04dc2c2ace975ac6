import { createRedis } from '@staystream/queue';
import { SCOPED_EVENT_TYPES, SourceRegistry, type ScopedEventType, type Source } from '@staystream/sources';
import type { CliConfig } from '../config';
import { toTable } from '../format';

export interface AddSourceOptions {
  properties: string;
  types?: string;
  json?: boolean;
}

/**
 * Runs one action on this namespace's source registry with a short-lived Redis connection.
 * The e2e tests and scripts use the same function the `sources` command does.
 */
export async function withSources<T>(config: CliConfig, action: (registry: SourceRegistry) => Promise<T>): Promise<T> {
  const redis = createRedis(config.REDIS_URL, { failFast: true });
  try {
    return await action(new SourceRegistry(redis, config.TOPIC_PREFIX, config.SOURCE_KEY_PEPPER));
  } finally {
    await redis.quit().catch(() => undefined);
  }
}

/** Creates a source and prints its key once; only its hash is kept. */
export async function addSourceCommand(config: CliConfig, id: string, options: AddSourceOptions): Promise<number> {
  const eventTypes = options.types ? (splitList(options.types) as ScopedEventType[]) : [...SCOPED_EVENT_TYPES];
  const { source, apiKey } = await withSources(config, (registry) =>
    registry.add({ id, properties: splitList(options.properties), eventTypes }),
  );

  if (options.json) {
    console.log(JSON.stringify({ ...source, apiKey }));
    return 0;
  }
  console.log(`source ${source.id}: ${source.eventTypes.join(', ')} for ${source.properties.join(', ')}`);
  console.log(`API key (shown once, store it now): ${apiKey}`);
  return 0;
}

export async function listSourcesCommand(config: CliConfig, json: boolean): Promise<number> {
  const sources = await withSources(config, (registry) => registry.list());
  console.log(json ? JSON.stringify(sources) : toTable(sources.map(row)));
  return 0;
}

export async function revokeSourceCommand(config: CliConfig, id: string): Promise<number> {
  const source = await withSources(config, (registry) => registry.revoke(id));
  console.log(`source ${source.id} revoked; its key is refused from now on`);
  return 0;
}

function row(source: Source): Record<string, unknown> {
  return {
    source: source.id,
    key: `${source.keyHint}…`,
    properties: source.properties.join(','),
    types: source.eventTypes.join(','),
    created: new Date(source.createdAt).toISOString(),
    revoked: source.revokedAt ? new Date(source.revokedAt).toISOString() : '',
  };
}

function splitList(text: string): string[] {
  return text.split(',').map((item) => item.trim()).filter(Boolean);
}
