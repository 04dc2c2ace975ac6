import { z } from 'zod';
import { infraConfig, loadConfig } from '@staystream/config';
import { sourceKeyConfig } from '@staystream/sources';

export const collectorConfig = {
  ...infraConfig,
  ...sourceKeyConfig,
  /** `required`: every /v1 request needs a source's API key; `off` for closed networks only. */
  COLLECTOR_AUTH: z.enum(['required', 'off']).default('required'),
  /** Requests one source (or, with auth off, one client address) may make per window. */
  COLLECTOR_RATE_LIMIT_REQUESTS: z.coerce.number().int().min(1).default(600),
  COLLECTOR_RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(100).default(60_000),
  COLLECTOR_HOST: z.string().default('127.0.0.1'),
  COLLECTOR_PORT: z.coerce.number().int().min(0).max(65535).default(8081),
  /** Largest request body accepted, in bytes. */
  COLLECTOR_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(5 * 1024 * 1024),
  /** Most events one request may carry. */
  COLLECTOR_MAX_EVENTS_PER_REQUEST: z.coerce.number().int().min(1).default(5_000),
  /** Rows read from a batch file before they are produced together. */
  IMPORT_BATCH_ROWS: z.coerce.number().int().min(1).max(100_000).default(2_000),
  IMPORT_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  SHUTDOWN_DEADLINE_MS: z.coerce.number().int().min(100).default(20_000),
};

export type CollectorConfig = ReturnType<typeof loadCollectorConfig>;

export function loadCollectorConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(collectorConfig, env);
}
