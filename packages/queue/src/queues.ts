import { Queue, Worker, type Job, type Processor } from 'bullmq';
import type { Redis } from 'ioredis';

export const QUEUES = {
  imports: 'staystream-imports',
  grading: 'staystream-grading',
} as const;

export type QueueName = keyof typeof QUEUES;

export interface ImportJob {
  file: string;
  format: string;
  source: string;
  /** Stop after this many rows (0 = all). */
  limit: number;
  /** The file of the properties the rows refer to, for adapters that need one (booking-reviews). */
  propertiesFile?: string;
}

export interface ImportJobProgress {
  read: number;
  accepted: number;
  rejected: number;
  bytesRead: number;
  bytesTotal: number;
}

export interface ImportJobResult extends ImportJobProgress {
  rejectedByReason: Record<string, number>;
  durationMs: number;
}

export interface JobPayloads {
  imports: ImportJob;
  grading: { asOf?: string };
}

/** BullMQ's key prefix for one pipeline namespace (TOPIC_PREFIX), so namespaces never share jobs. */
export function queuePrefix(namespace: string): string {
  return `staystream-${namespace || 'main'}`;
}

export function createQueue<N extends QueueName>(name: N, connection: Redis, prefix = queuePrefix('')) {
  return new Queue<JobPayloads[N]>(QUEUES[name], { connection, prefix });
}

export function createWorker<N extends QueueName>(
  name: N,
  connection: Redis,
  processor: Processor<JobPayloads[N]>,
  options: { concurrency?: number; prefix?: string } = {},
): Worker<JobPayloads[N]> {
  return new Worker<JobPayloads[N]>(QUEUES[name], processor, {
    connection,
    prefix: options.prefix ?? queuePrefix(''),
    concurrency: options.concurrency ?? 1,
  });
}

export type { Job };
