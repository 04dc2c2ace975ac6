import IORedis, { type Redis } from 'ioredis';

export type { Redis };

/**
 * A Redis connection. BullMQ workers need maxRetriesPerRequest null; the same settings suit
 * the enricher's state, which must wait out a Redis restart rather than fail a batch.
 * A fail-fast connection gives up on a command after one reconnect attempt or two seconds.
 */
export function createRedis(url: string, options: { lazy?: boolean; failFast?: boolean } = {}): Redis {
  return new IORedis(url, {
    // failFast: for request paths and health checks, which must answer while Redis is away.
    maxRetriesPerRequest: options.failFast ? 1 : null,
    ...(options.failFast ? { commandTimeout: 2_000 } : {}),
    enableReadyCheck: true,
    lazyConnect: options.lazy ?? false,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
}
