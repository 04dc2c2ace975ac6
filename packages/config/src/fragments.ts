import { z } from 'zod';

const url = (what: string) => z.string().url({ message: `expected the ${what} URL` });

/** Where the shared infrastructure lives; defaults match scripts/infra.sh. */
export const infraConfig = {
  KAFKA_BROKERS: z
    .string()
    .regex(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, 'expected host:port[,host:port...]')
    .default('127.0.0.1:19092'),
  SCHEMA_REGISTRY_URL: url('schema registry').default('http://127.0.0.1:18081/apis/ccompat/v7'),
  REDIS_URL: url('Redis').default('redis://127.0.0.1:16379'),
  /** A ClickHouse server; unset means the embedded chDB store in STAYSTREAM_DATA_DIR. */
  CLICKHOUSE_URL: url('ClickHouse').optional(),
  STAYSTREAM_DATA_DIR: z.string().min(1).default('.staystream/clickhouse'),
  TOPIC_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9._-]*$/, 'expected letters, digits, dot, underscore or dash')
    .default(''),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
};

export type InfraConfig = z.infer<z.ZodObject<typeof infraConfig>>;

/**
 * Test-only fault injection: the named point kills the process (or fails an insert) once,
 * on the Nth batch that reaches it. Unset in production. See packages/runtime faults.ts.
 */
export const FAULT_POINTS = [
  'enricher:after-produce-before-commit',
  'sink:after-insert-before-commit',
  'sink:insert-fails',
] as const;

export type FaultPoint = (typeof FAULT_POINTS)[number];

export const faultConfig = {
  STAYSTREAM_FAULT: z.enum(FAULT_POINTS).optional(),
  /** Which batch reaching the fault point triggers it (1 = the first). */
  STAYSTREAM_FAULT_AT_BATCH: z.coerce.number().int().min(1).default(1),
};
