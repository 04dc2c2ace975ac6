import {
  gradeState,
  liveKeys,
  type Grade,
  type GradingConfig,
  type LiveSnapshot,
  type Thresholds,
} from '@staystream/grading';
import type { Redis } from '@staystream/queue';

const FIELDS_PER_WRITE = 1_000;

/**
 * Hands a daily run to the live path: every guest's hysteresis state goes to a new hash named
 * after the run, then the snapshot (thresholds, settings, that hash) replaces the old one in
 * one write, and the old hash is dropped. The live path therefore always reads one run's
 * thresholds with the same run's states.
 */
export class LivePublisher {
  private readonly keys;

  constructor(
    private readonly redis: Redis,
    namespace: string,
  ) {
    this.keys = liveKeys(namespace);
  }

  async publish(
    run: { thresholds: Thresholds; config: GradingConfig; runSeq: number },
    grades: readonly Grade[],
  ): Promise<void> {
    const stateKey = this.keys.state(run.runSeq);
    await this.redis.del(stateKey);
    for (let start = 0; start < grades.length; start += FIELDS_PER_WRITE) {
      const fields: Record<string, string> = {};
      for (const grade of grades.slice(start, start + FIELDS_PER_WRITE)) {
        fields[grade.customerId] = JSON.stringify(gradeState(grade));
      }
      await this.redis.hset(stateKey, fields);
    }

    const previous = await this.snapshot();
    const snapshot: LiveSnapshot = { ...run, stateKey };
    await this.redis.set(this.keys.snapshot, JSON.stringify(snapshot));
    if (previous !== null && previous.stateKey !== stateKey) {
      await this.redis.del(previous.stateKey);
    }
  }

  async snapshot(): Promise<LiveSnapshot | null> {
    const text = await this.redis.get(this.keys.snapshot);
    return text === null ? null : (JSON.parse(text) as LiveSnapshot);
  }
}
