import { createClickHouse, migrate, type ClickHouse } from '@staystream/clickhouse';
import { StaystreamError } from '@staystream/errors';
import type { Logger } from '@staystream/logger';
import type { CliConfig } from './config';

/** Runs read queries: through the sink while it owns the store, directly when it does not. */
export interface Store {
  readonly via: 'sink' | 'embedded' | 'server';
  readonly database: string;
  query<T = Record<string, unknown>>(sql: string, params?: Record<string, unknown>): Promise<T[]>;
  close(): Promise<void>;
}

export async function openStore(config: CliConfig, logger: Logger): Promise<Store> {
  const database = config.CLICKHOUSE_DATABASE;
  if (!config.CLICKHOUSE_URL && (await sinkAnswers(config.SINK_URL))) {
    return {
      via: 'sink',
      database,
      query: (sql, params) => querySink(config.SINK_URL, sql, params),
      close: async () => undefined,
    };
  }

  const clickhouse: ClickHouse = createClickHouse({
    url: config.CLICKHOUSE_URL,
    dataDir: config.STAYSTREAM_DATA_DIR,
    database,
    logger,
  });
  await migrate(clickhouse);
  return {
    via: clickhouse.embedded ? 'embedded' : 'server',
    database,
    // The CLI only reads here, and `query` runs whatever it is given: read-only, as on the sink.
    query: (sql, params) => clickhouse.query(sql, params, { readOnly: true }),
    close: () => clickhouse.close(),
  };
}

async function sinkAnswers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(1_000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function querySink<T>(url: string, sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const response = await fetch(`${url}/v1/query`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ sql, params }),
  });
  const body = (await response.json()) as { rows?: T[]; error?: string };
  if (!response.ok || !body.rows) {
    throw new StaystreamError('query_failed', body.error ?? `the sink answered ${response.status}`);
  }
  return body.rows;
}
