import * as fs from 'node:fs';
import * as path from 'node:path';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { StaystreamError } from '@staystream/errors';
import type { Logger } from '@staystream/logger';
import { refusalOf } from './statements';

export interface ClickHouseOptions {
  /** A ClickHouse server URL; when absent the embedded chDB store in dataDir is used. */
  url?: string;
  /** Folder of the embedded store (chDB locks it: one process owns it). */
  dataDir: string;
  database: string;
  logger: Logger;
}

export type QueryParams = Record<string, unknown>;

export interface QueryOptions {
  /**
   * For SQL that comes from outside (the query endpoint, the CLI's `query`): a text of more
   * than one statement, or one that reaches outside the database (files, URLs, other servers,
   * programs), or one that does not start as a read (SELECT, WITH, SHOW, DESCRIBE, EXPLAIN,
   * EXISTS), is refused before it runs, and a server runs it with `readonly = 1`.
   * @defaultValue false
   */
  readOnly?: boolean;
}

/** A small typed face over @clickhouse/client: parameters only, errors translated once. */
export interface ClickHouse {
  readonly database: string;
  readonly embedded: boolean;
  query<T>(sql: string, params?: QueryParams, options?: QueryOptions): Promise<T[]>;
  command(sql: string, params?: QueryParams): Promise<void>;
  insert(table: string, rows: object[], dedupToken?: string): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

const DATABASE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function createClickHouse(options: ClickHouseOptions): ClickHouse {
  if (!DATABASE_NAME.test(options.database)) {
    throw new StaystreamError('config_invalid', `CLICKHOUSE_DATABASE=${options.database}: expected letters, digits, underscore`);
  }
  const embedded = !options.url;
  const client = embedded ? embeddedClient(options.dataDir) : createClient({ url: options.url });
  const logger = options.logger.child({ module: 'clickhouse' });

  const run = async <T>(what: string, action: () => Promise<T>): Promise<T> => {
    try {
      return await action();
    } catch (error) {
      throw toClickHouseError(error, what);
    }
  };

  return {
    database: options.database,
    embedded,
    query: <T>(sql: string, params?: QueryParams, queryOptions: QueryOptions = {}) => {
      const refused = queryOptions.readOnly ? refusalOf(sql) : undefined;
      if (refused) return Promise.reject(new StaystreamError('query_invalid', refused));
      // A server takes `readonly` per request; chDB would keep it for every later query.
      const settings = queryOptions.readOnly && !embedded ? { clickhouse_settings: { readonly: '1' as const } } : {};
      return run('query', async () => {
        const result = await client.query({ query: sql, query_params: params, format: 'JSONEachRow', ...settings });
        return (await result.json()) as T[];
      });
    },
    command: (sql, params) =>
      run('command', async () => {
        await client.command({ query: sql, query_params: params });
      }),
    insert: (table, rows, dedupToken) =>
      run(`insert into ${table}`, async () => {
        if (rows.length === 0) return;
        const started = Date.now();
        await client.insert({
          table: `${options.database}.${table}`,
          values: rows,
          format: 'JSONEachRow',
          clickhouse_settings: {
            ...(dedupToken ? { insert_deduplication_token: dedupToken } : {}),
            date_time_input_format: 'best_effort',
          },
        });
        logger.debug({ table, rows: rows.length, durationMs: Date.now() - started }, 'rows inserted');
      }),
    ping: async () => {
      try {
        const result = await client.query({ query: 'SELECT 1', format: 'JSONEachRow' });
        await result.json();
        return true;
      } catch {
        return false;
      }
    },
    close: () => client.close(),
  };
}

function embeddedClient(dataDir: string): ClickHouseClient {
  // Loaded lazily so that a server deployment never loads the native engine.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createChdbConnection } = require('chdb/connection') as typeof import('chdb/connection');
  const dir = path.resolve(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  return createClient({ connection: createChdbConnection({ path: dir }) } as Parameters<typeof createClient>[0]);
}

function toClickHouseError(error: unknown, what: string): StaystreamError {
  const text = error instanceof Error ? error.message : String(error);
  const retriable = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up|TOO_MANY_PARTS|TIMEOUT/i.test(text);
  return new StaystreamError('clickhouse_failed', `ClickHouse ${what} failed: ${text}`, { retriable, cause: error });
}
