import * as path from 'node:path';
import { loadCliConfig, withSources } from '@staystream/cli';
import { createClickHouse, migrate, type ClickHouse } from '@staystream/clickhouse';
import { loadCollectorConfig, startCollector, type Collector } from '@staystream/collector';
import { loadEnricherConfig, startEnricher, type Enricher } from '@staystream/enricher';
import { createLogger } from '@staystream/logger';
import { loadSinkConfig, startSink, type Sink } from '@staystream/sink';
import { pollUntil, uniqueName } from '@staystream/testing';

/** One isolated pipeline: its own topics, consumer groups, Redis keys, queue and database. */
export interface TestPipeline {
  env: NodeJS.ProcessEnv;
  collector: Collector;
  enricher: Enricher;
  sink: Sink;
  db: string;
  /** A key of the source `e2e`, allowed every property and event type. */
  apiKey: string;
  /** Posts with the pipeline's key unless `headers` brings its own (or `{}` for none). */
  post(type: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: Record<string, any> }>;
  rows<T = Record<string, any>>(sql: string, params?: Record<string, unknown>): Promise<T[]>;
  waitForLedger(eventIds: string[]): Promise<void>;
  stop(): Promise<void>;
}

/**
 * chDB allows one data directory per process, so every test file of a run shares this one
 * (STAYSTREAM_TEST_DATA_DIR moves it, for two runs side by side).
 */
export const TEST_DATA_DIR =
  process.env.STAYSTREAM_TEST_DATA_DIR ?? path.resolve(__dirname, '..', '..', '..', '.staystream', 'test-clickhouse');

/** A migrated database of its own in the run's embedded store, with no pipeline around it. */
export async function openTestDatabase(label: string): Promise<ClickHouse> {
  const clickhouse = createClickHouse({
    dataDir: TEST_DATA_DIR,
    database: uniqueName(label),
    logger: createLogger({ service: 'test', level: 'warn' }),
  });
  await migrate(clickhouse);
  return clickhouse;
}

/** `overrides` adds or replaces environment settings (limits, a private REDIS_URL...). */
export async function startPipeline(label: string, overrides: NodeJS.ProcessEnv = {}): Promise<TestPipeline> {
  const namespace = uniqueName(label);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TOPIC_PREFIX: namespace,
    CLICKHOUSE_DATABASE: namespace,
    STAYSTREAM_DATA_DIR: TEST_DATA_DIR,
    COLLECTOR_PORT: '0',
    SINK_PORT: '0',
    ENRICHER_OPS_PORT: '0',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ...overrides,
  };

  // Services started before a failing one are stopped, so no consumer outlives the test file.
  const started: { stop(): Promise<void> }[] = [];
  const start = async <T extends { stop(): Promise<void> }>(service: Promise<T>): Promise<T> => {
    try {
      const running = await service;
      started.unshift(running);
      return running;
    } catch (error) {
      for (const other of started) await other.stop().catch(() => undefined);
      throw error;
    }
  };
  const sink = await start(startSink(loadSinkConfig(env)));
  const enricher = await start(startEnricher(loadEnricherConfig(env)));
  const collector = await start(startCollector(loadCollectorConfig(env)));
  const db = namespace;
  // The same code path as `staystream sources add e2e --properties '*'`.
  const { apiKey } = await withSources(loadCliConfig(env), (registry) => registry.add({ id: 'e2e', properties: ['*'] }));

  const rows = <T>(sql: string, params?: Record<string, unknown>) => sink.clickhouse.query<T>(sql, params);

  return {
    env: { ...env, SINK_URL: sink.url, COLLECTOR_URL: collector.url, COLLECTOR_API_KEY: apiKey },
    collector,
    enricher,
    sink,
    db,
    apiKey,
    rows,
    async post(type, body, headers = { Authorization: `Bearer ${apiKey}` }) {
      const response = await fetch(`${collector.url}/v1/events/${type}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, any> };
    },
    async waitForLedger(eventIds) {
      await pollUntil(
        () => rows<{ n: string }>(`SELECT count() AS n FROM ${db}.event_ledger FINAL WHERE event_id IN {ids:Array(String)}`, { ids: eventIds }),
        (result) => Number(result[0]?.n) === eventIds.length,
        { what: `ledger entries for ${eventIds.length} events`, timeoutMs: 90_000 },
      );
    },
    async stop() {
      await collector.stop();
      await enricher.stop();
      await sink.stop();
    },
  };
}
