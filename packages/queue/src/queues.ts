import { Queue, UnrecoverableError, Worker, type Job, type Processor } from 'bullmq';
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
  /** Where an import stopped by a shutdown resumes: the rows before it are published. */
  checkpoint?: ImportCheckpoint;
  /**
   * Give the rows seeded synthetic guests (hotel-bookings files carry none) and write which
   * person each guest record is to `truthFile`, to score identity resolution against.
   */
  syntheticGuests?: { seed: string; truthFile: string };
}

/** The counts of the rows an interrupted import has published so far. */
export interface ImportCheckpoint {
  read: number;
  accepted: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
  durationMs: number;
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

/** Where a daily grading run is: its current step and, while writing, rows done of total. */
export interface GradingJobProgress {
  asOf: string;
  step: 'checking' | 'features' | 'grading' | 'writing grades' | 'writing history' | 'committing' | 'publishing';
  done?: number;
  total?: number;
}

/** The summary of one daily grading run. */
export interface GradingJobResult {
  asOf: string;
  /** The day's revision in force after the run; a re-run that changes nothing keeps it. */
  revision: number;
  runSeq: number;
  /** True when the day was already graded with the same facts: nothing was written. */
  unchanged: boolean;
  customers: number;
  tiers: Record<string, number>;
  changes: number;
  historyUpserts: number;
  historyDeletes: number;
  /** Whether the thresholds and states went to the live path (only for the latest day). */
  publishedLive: boolean;
  thresholdsVersion: string;
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

/** Thrown by a processor when another attempt cannot succeed: the job fails without retries. */
export { UnrecoverableError };
