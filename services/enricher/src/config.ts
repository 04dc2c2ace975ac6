import { z } from 'zod';
import { faultConfig, infraConfig, loadConfig } from '@staystream/config';

export const enricherConfig = {
  ...infraConfig,
  ...faultConfig,
  ENRICHER_GROUP_ID: z.string().min(1).default('staystream-enricher'),
  /** How long a processed event id is remembered for duplicate detection, in seconds. */
  DEDUP_TTL_SECONDS: z.coerce.number().int().min(60).default(30 * 24 * 3600),
  /** The currency every report uses; amounts in others are kept as they are, flagged. */
  REPORTING_CURRENCY: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code').default('EUR'),
  /**
   * Most bytes fetched per partition for one batch. Identity resolution costs a few Redis round
   * trips per guest, so batches stay small enough to finish well within the session timeout.
   */
  ENRICHER_MAX_BATCH_BYTES: z.coerce.number().int().min(1024).default(256 * 1024),
  ENRICHER_OPS_PORT: z.coerce.number().int().min(0).max(65535).default(8082),
  SHUTDOWN_DEADLINE_MS: z.coerce.number().int().min(100).default(20_000),
};

export type EnricherConfig = ReturnType<typeof loadEnricherConfig>;

export function loadEnricherConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(enricherConfig, env);
}
