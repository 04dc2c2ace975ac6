import { Kafka, logLevel, type Admin } from 'kafkajs';
import type { Logger } from '@staystream/logger';

export interface KafkaOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  /** Connection timeout per broker in ms. */
  connectionTimeoutMs?: number;
  /** How long a request may take before it counts as failed, in ms. */
  requestTimeoutMs?: number;
}

/** The Kafka handle every service shares: one kafkajs client plus a lazily connected admin. */
export interface KafkaClient {
  readonly kafka: Kafka;
  readonly logger: Logger;
  admin(): Promise<Admin>;
  disconnect(): Promise<void>;
}

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

export function createKafka(options: KafkaOptions): KafkaClient {
  const logger = options.logger.child({ module: 'kafka' });
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    connectionTimeout: options.connectionTimeoutMs ?? 3_000,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 5_000 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry) => {
      // NOTE: retries are bounded on purpose, so a caller hears of a broker outage instead of
      // waiting forever; a retried event keeps its id and the enricher drops the duplicate.
      const bounded = entry.log.message.startsWith('Limiting retries for the idempotent producer');
      const level = bounded ? 'debug' : (LEVELS[entry.level] ?? 'info');
      const { message, ...fields } = entry.log;
      logger[level]({ kafkaNamespace: entry.namespace, ...fields }, message);
    },
  });

  let admin: Admin | undefined;

  return {
    kafka,
    logger,
    async admin() {
      if (!admin) {
        admin = kafka.admin();
        await admin.connect();
      }
      return admin;
    },
    async disconnect() {
      await admin?.disconnect();
      admin = undefined;
    },
  };
}
