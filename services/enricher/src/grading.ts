import {
  gradeCustomer,
  gradeRecord,
  gradeState,
  liveKeys,
  type Grade,
  type GradeState,
  type LiveSnapshot,
  type StayFact,
  type StayStatus,
} from '@staystream/grading';
import type { Producer } from '@staystream/kafka';
import type { Redis } from '@staystream/queue';
import type { Runtime } from '@staystream/runtime';
import type { EnrichedReservation } from '@staystream/schemas';
import type { Enriched } from './steps/enrich';

/** Why an event's guest was not graded live; each is counted, none is an error of the event. */
export type LiveSkipReason =
  | 'no_thresholds'
  | 'foreign_currency'
  | 'no_completed_stay'
  | 'grading_failed';

export interface LiveOutcome {
  graded: number;
  skipped: Partial<Record<LiveSkipReason, number>>;
}

/**
 * Stores a fact unless the stored one of the same reservation is newer, so the latest
 * version wins whatever order events arrive in. Values are `<version>|<fact JSON>`.
 */
const PUT_IF_NEWER = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current then
  local stored = tonumber(string.match(current, '^(%d+)|'))
  if stored and stored > tonumber(ARGV[2]) then return 0 end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. ARGV[3])
return 1`;

const DAY_MS = 86_400_000;

/**
 * LIVE grading: after a batch is enriched, every guest whose reservations changed is graded
 * again with the thresholds of the last daily run (see the sink's grading job), and the grade
 * goes to the customer-grades topic, which the sink loads into customer_grades (source live).
 *
 * Facts: each guest's reservations are kept in Redis, latest version per reservation, the
 * same facts the daily job reads from stay_facts. State: the last daily run's state of each
 * guest, carried forward by the live grades. Without a daily run there are no thresholds:
 * guests are skipped (counted as no_thresholds) but their facts are kept.
 *
 * The date a live grade is as of is the newest event date of the guest's batch, at least the
 * day after the thresholds and never before the guest's previous grade: replaying the same
 * events against the same daily run gives the same grades.
 */
export class LiveGrading {
  private readonly keys;
  private readonly skipped: Partial<Record<LiveSkipReason, number>> = {};

  constructor(
    private readonly runtime: Runtime,
    private readonly producer: Producer,
    private readonly redis: Redis,
    namespace: string,
    private readonly reportingCurrency: string,
  ) {
    this.keys = liveKeys(namespace);
  }

  /** Skips since start, by reason. */
  skipCounts(): Readonly<Partial<Record<LiveSkipReason, number>>> {
    return { ...this.skipped };
  }

  async afterEnrich(out: Enriched): Promise<LiveOutcome> {
    const outcome: LiveOutcome = { graded: 0, skipped: {} };
    const snapshot = await this.snapshot();
    const currency = snapshot?.config.reportingCurrency ?? this.reportingCurrency;

    // 1. Keep the facts; amounts in another currency cannot be graded (no FX table yet).
    const reservations = out.reservations.filter((reservation) => {
      const convertible = reservation.currency === currency;
      if (!convertible) this.skip(outcome, 'foreign_currency');
      return convertible;
    });
    if (reservations.length === 0) {
      return outcome;
    }
    await this.storeFacts(reservations);

    // 2. Grade every guest touched by the batch.
    const eventDates = newestEventDates(reservations);
    if (snapshot === null) {
      for (let i = 0; i < eventDates.size; i += 1) this.skip(outcome, 'no_thresholds');
      return outcome;
    }
    const grades = await this.gradeAll(eventDates, snapshot, outcome);

    // 3. Remember the live states, then publish the grades.
    await this.saveStates(snapshot, grades.map((entry) => entry.grade));
    await this.publish(grades);
    outcome.graded = grades.length;
    this.runtime.metrics.eventsOut.inc({ topic: this.runtime.topic('customerGrades') }, grades.length);
    return outcome;
  }

  private async snapshot(): Promise<LiveSnapshot | null> {
    const text = await this.redis.get(this.keys.snapshot);
    return text === null ? null : (JSON.parse(text) as LiveSnapshot);
  }

  private async storeFacts(reservations: readonly EnrichedReservation[]): Promise<void> {
    const pipeline = this.redis.pipeline();
    for (const reservation of reservations) {
      const fact = stayFact(reservation);
      const key = this.keys.facts(fact.customerId);
      pipeline.eval(PUT_IF_NEWER, 1, key, fact.reservationId, fact.version, JSON.stringify(fact));
    }
    await exec(pipeline);
  }

  private async gradeAll(
    eventDates: ReadonlyMap<string, string>,
    snapshot: LiveSnapshot,
    outcome: LiveOutcome,
  ): Promise<{ grade: Grade; version: number }[]> {
    const customers = [...eventDates.keys()].sort();
    const pipeline = this.redis.pipeline();
    for (const customerId of customers) {
      pipeline.hvals(this.keys.facts(customerId));
      pipeline.hget(snapshot.stateKey, customerId);
    }
    const replies = await exec(pipeline);

    const grades: { grade: Grade; version: number }[] = [];
    customers.forEach((customerId, i) => {
      const stays = (replies[2 * i] as string[]).map(parseStoredFact);
      const stateText = replies[2 * i + 1] as string | null;
      const previous = stateText === null ? undefined : (JSON.parse(stateText) as GradeState);
      const asOf = liveAsOf(eventDates.get(customerId)!, snapshot, previous);

      try {
        const grade = gradeCustomer({ customerId, stays }, asOf, snapshot.thresholds, snapshot.config, previous);
        if (grade === null) {
          this.skip(outcome, 'no_completed_stay');
          return;
        }
        grades.push({ grade, version: Math.max(...stays.map((stay) => stay.version)) });
      } catch (error) {
        this.skip(outcome, 'grading_failed');
        this.runtime.logger.warn({ err: error, reason: 'grading_failed' }, 'live grade skipped');
      }
    });
    return grades;
  }

  private async saveStates(snapshot: LiveSnapshot, grades: readonly Grade[]): Promise<void> {
    if (grades.length === 0) return;
    const fields: Record<string, string> = {};
    for (const grade of grades) fields[grade.customerId] = JSON.stringify(gradeState(grade));
    await this.redis.hset(snapshot.stateKey, fields);
  }

  private async publish(grades: readonly { grade: Grade; version: number }[]): Promise<void> {
    if (grades.length === 0) return;
    const topic = this.runtime.topic('customerGrades');
    const messages = grades.map(({ grade, version }) => ({
      key: grade.customerId,
      value: this.runtime.codecs.encodeSync(
        topic,
        gradeRecord(grade, { revision: 0, runFingerprint: '', version }),
      ),
    }));
    await this.producer.send(topic, messages);
  }

  private skip(outcome: LiveOutcome, reason: LiveSkipReason): void {
    outcome.skipped[reason] = (outcome.skipped[reason] ?? 0) + 1;
    this.skipped[reason] = (this.skipped[reason] ?? 0) + 1;
    this.runtime.metrics.gradingSkipped.inc({ reason });
  }
}

/** The fact grading reads, as the stay_facts view makes it from the reservations table. */
export function stayFact(reservation: EnrichedReservation): StayFact {
  return {
    customerId: reservation.customer_id,
    reservationId: `${reservation.property_id}:${reservation.reservation_id}`,
    departureDate: reservation.departure_date,
    roomNights: reservation.nights,
    revenue: reservation.room_revenue,
    status: reservation.status as StayStatus,
    version: reservation.version,
  };
}

/** Each touched guest with the UTC date of their newest event in the batch. */
export function newestEventDates(
  reservations: readonly EnrichedReservation[],
): Map<string, string> {
  const dates = new Map<string, string>();
  for (const reservation of reservations) {
    const date = new Date(reservation.occurred_at).toISOString().slice(0, 10);
    const current = dates.get(reservation.customer_id);
    if (current === undefined || date > current) dates.set(reservation.customer_id, date);
  }
  return dates;
}

/**
 * The event date, moved to the day after the thresholds' run if earlier, and to the guest's
 * previous grade if that is later (a daily grade's own day belongs to the daily run).
 */
export function liveAsOf(
  eventDate: string,
  snapshot: Pick<LiveSnapshot, 'thresholds'>,
  previous?: GradeState,
): string {
  const candidates = [eventDate, addDays(snapshot.thresholds.asOf, 1)];
  if (previous !== undefined) {
    candidates.push(previous.source === 'daily' ? addDays(previous.asOf, 1) : previous.asOf);
  }
  return candidates.sort()[candidates.length - 1]!;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function parseStoredFact(value: string): StayFact {
  return JSON.parse(value.slice(value.indexOf('|') + 1)) as StayFact;
}

/** Runs a pipeline and fails on the first command that failed. */
async function exec(pipeline: ReturnType<Redis['pipeline']>): Promise<unknown[]> {
  const results = (await pipeline.exec()) ?? [];
  return results.map(([error, reply]) => {
    if (error) throw error;
    return reply;
  });
}
