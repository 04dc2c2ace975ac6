import { z } from 'zod';
import { faultConfig, infraConfig, loadConfig } from '@staystream/config';
import { gradingConfig } from './grading/config';

export const sinkConfig = {
  ...infraConfig,
  ...faultConfig,
  ...gradingConfig,
  SINK_GROUP_ID: z.string().min(1).default('staystream-sink'),
  CLICKHOUSE_DATABASE: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected letters, digits, underscore').default('staystream'),
  /** Most rows in one insert; batches are split at offsets that are multiples of this. */
  SINK_MAX_BATCH_ROWS: z.coerce.number().int().min(1).default(50_000),
  /** Most bytes fetched per partition for one batch. */
  SINK_MAX_BATCH_BYTES: z.coerce.number().int().min(1024).default(8 * 1024 * 1024),
  /** How long the broker may wait to fill a batch, in ms. */
  SINK_MAX_WAIT_MS: z.coerce.number().int().min(10).default(1_000),
  SINK_HOST: z.string().default('127.0.0.1'),
  /** The port of the query endpoint, metrics and health. */
  SINK_PORT: z.coerce.number().int().min(0).max(65535).default(8083),
  SHUTDOWN_DEADLINE_MS: z.coerce.number().int().min(100).default(20_000),
};

export type SinkConfig = ReturnType<typeof loadSinkConfig>;

export function loadSinkConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(sinkConfig, env);
}
