import type { Redis } from '@staystream/queue';

/** The processed-event memory the batch processor consults before enriching. */
export interface SeenSet {
  seen(eventIds: string[]): Promise<Set<string>>;
  mark(eventIds: string[]): Promise<void>;
}

/**
 * Remembers processed event ids in Redis for a window. An id is marked only after the
 * event's outputs were acknowledged, so a crash in between re-processes it: the sink's
 * idempotent tables absorb that repeat, while nothing is ever lost.
 */
export class EventDedup implements SeenSet {
  constructor(
    private readonly redis: Redis,
    private readonly namespace: string,
    private readonly ttlSeconds: number,
  ) {}

  async seen(eventIds: string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const flags = await this.redis.mget(...eventIds.map((id) => this.key(id)));
    return new Set(eventIds.filter((_, i) => flags[i] !== null));
  }

  async mark(eventIds: string[]): Promise<void> {
    if (eventIds.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const id of eventIds) pipeline.set(this.key(id), '1', 'EX', this.ttlSeconds);
    await pipeline.exec();
  }

  private key(eventId: string): string {
    return `${this.namespace}:seen:${eventId}`;
  }
}

/**
 * A replay re-derives the outputs of events that were processed before: it reports nothing
 * as seen (so every event is enriched again, into identical records with identical versions)
 * and still marks what it processed.
 */
export class ReplaySeenSet implements SeenSet {
  constructor(private readonly inner: SeenSet) {}

  async seen(): Promise<Set<string>> {
    return new Set();
  }

  mark(eventIds: string[]): Promise<void> {
    return this.inner.mark(eventIds);
  }
}
