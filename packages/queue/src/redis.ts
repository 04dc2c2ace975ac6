import IORedis, { type Redis } from 'ioredis';

export type { Redis };

/**
 * A Redis connection. BullMQ workers need maxRetriesPerRequest null; the same settings suit
 * the enricher's state, which must wait out a Redis restart rather than fail a batch.
 */
export function createRedis(url: string, options: { lazy?: boolean } = {}): Redis {
  return new IORedis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    lazyConnect: options.lazy ?? false,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
}
