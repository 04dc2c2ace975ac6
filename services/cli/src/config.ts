import { z } from 'zod';
import { infraConfig, loadConfig } from '@staystream/config';
import { sourceKeyConfig } from '@staystream/sources';

export const cliConfig = {
  ...infraConfig,
  ...sourceKeyConfig,
  /** The key the CLI presents when it posts to the collector (a source's key, see `sources add`). */
  COLLECTOR_API_KEY: z.string().optional(),
  CLICKHOUSE_DATABASE: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected letters, digits, underscore').default('staystream'),
  /** The sink's query endpoint; used while the sink owns the embedded store. */
  SINK_URL: z.string().url().default('http://127.0.0.1:8083'),
  STAYSTREAM_ROOT: z.string().optional(),
  /** The collector, where `dlq replay` re-submits rejected events. */
  COLLECTOR_URL: z.string().url().default('http://127.0.0.1:8081'),
};

export type CliConfig = ReturnType<typeof loadCliConfig>;

export function loadCliConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(cliConfig, env);
}
