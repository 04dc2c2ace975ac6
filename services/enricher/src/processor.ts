import type { IncomingBatch, IncomingMessage, OutgoingMessage, Producer } from '@staystream/kafka';
import { buildDeadLetter, Faults, type Runtime } from '@staystream/runtime';
import type {
  DeadLetter,
  FeedbackEvent,
  PropertyRecord,
  ReservationEvent,
  StayEvent,
  TopicKey,
} from '@staystream/schemas';
import type { SeenSet } from './dedup';
import type { LiveGrading } from './grading';
import type { IdentityStep } from './identity';
import { runInLanes } from './lanes';
import type { PropertyDirectory } from './properties';
import { emptyEnriched, enrichFeedback, enrichReservation, enrichStay, type Enriched } from './steps/enrich';

type RawRecord = ReservationEvent | StayEvent | FeedbackEvent;

/** Events enriched at once within a batch; see laneOf for what may not overlap. */
const IDENTITY_LANES = 8;
const HEARTBEAT_EVERY_MS = 2_000;

/**
 * Events whose guests could be one person share a lane and keep their order: the lane is the
 * folded family name of the first named guest (a typo in it only costs a retry in the store,
 * which refuses a commit another worker's new record made stale). Events naming nobody, and
 * every event of one reservation, go by the reservation.
 */
function laneOf(item: { record: RawRecord }): string {
  const guest = item.record.guests.find((g) => g.family_name);
  const family = guest?.family_name?.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z]/g, '');
  if (family) return `family:${family}`;
  const e = item.record.envelope;
  return `entity:${e.property_id}:${e.source_entity_id}`;
}

/** What one batch became: how many events, duplicates dropped, dead letters, output records. */
export interface BatchOutcome {
  events: number;
  duplicates: number;
  deadLetters: number;
  outputs: number;
}

interface Decoded {
  message: IncomingMessage;
  record: RawRecord;
}

/**
 * Turns one batch of one raw partition into enriched records: decode, drop duplicates,
 * enrich, produce everything (dead letters included) in one acknowledged send, then
 * remember the processed ids. The caller commits the offsets after this resolves.
 */
export class BatchProcessor {
  constructor(
    private readonly runtime: Runtime,
    private readonly producer: Producer,
    private readonly dedup: SeenSet,
    private readonly properties: PropertyDirectory,
    private readonly faults?: Faults,
    private readonly identity?: IdentityStep,
    private readonly grading?: LiveGrading,
  ) {}

  async handle(batch: IncomingBatch): Promise<BatchOutcome> {
    const started = Date.now();
    const deadLetters: DeadLetter[] = [];
    const decoded = await this.decodeAll(batch, deadLetters);

    const fresh = await this.dropDuplicates(decoded, batch.topic);
    const out = emptyEnriched();
    const resolved: [string, string][] = [];
    // Long batches keep the consumer's group membership alive while guests are resolved.
    let beat = Date.now();
    await runInLanes(fresh, laneOf, IDENTITY_LANES, async (item) => {
      await this.enrichOne(item, out, deadLetters, resolved);
      if (Date.now() - beat > HEARTBEAT_EVERY_MS) {
        beat = Date.now();
        await batch.heartbeat();
      }
    });

    await this.producer.sendMany(this.outgoing(out, deadLetters));
    await this.identity?.remember(resolved);
    await this.grading?.afterEnrich(out);
    this.faults?.kill('enricher:after-produce-before-commit');
    await this.dedup.mark(fresh.map((item) => item.record.envelope.event_id));

    this.record(batch, out, deadLetters, Date.now() - started);
    return {
      events: batch.messages.length,
      duplicates: decoded.length - fresh.length,
      deadLetters: deadLetters.length,
      outputs: Object.values(out).reduce((sum, rows) => sum + rows.length, 0),
    };
  }

  private async decodeAll(batch: IncomingBatch, deadLetters: DeadLetter[]): Promise<Decoded[]> {
    const decoded: Decoded[] = [];
    const propertiesTopic = this.runtime.topic('properties');

    for (const message of batch.messages) {
      if (!message.value) continue; // a tombstone carries nothing to enrich
      try {
        const { record } = await this.runtime.codecs.decode<RawRecord | PropertyRecord>(message.value);
        if (message.topic === propertiesTopic) {
          await this.properties.remember(record as PropertyRecord);
        } else {
          decoded.push({ message, record: record as RawRecord });
        }
      } catch (error) {
        deadLetters.push(this.failure('decode', 'undecodable', error, message));
      }
    }
    return decoded;
  }

  private async dropDuplicates(decoded: Decoded[], topic: string): Promise<Decoded[]> {
    const seen = await this.dedup.seen([...new Set(decoded.map((d) => d.record.envelope.event_id))]);
    const fresh: Decoded[] = [];

    for (const item of decoded) {
      const id = item.record.envelope.event_id;
      if (seen.has(id)) {
        this.runtime.metrics.eventsDuplicate.inc({ topic });
        continue;
      }
      seen.add(id);
      fresh.push(item);
    }
    return fresh;
  }

  private async enrichOne(
    item: Decoded,
    out: Enriched,
    deadLetters: DeadLetter[],
    resolved: [string, string][],
  ): Promise<void> {
    const envelope = item.record.envelope;
    try {
      const property = await this.properties.contextOf(envelope.tenant_id, envelope.property_id, envelope.property_timezone);
      const identity = await this.resolveIdentity(item.record);
      if (identity) resolved.push(...identity.resolved);
      switch (envelope.event_type) {
        case 'reservation':
          return enrichReservation(item.record as ReservationEvent, property, out, identity);
        case 'stay':
          return enrichStay(item.record as StayEvent, out, identity);
        case 'feedback':
          return enrichFeedback(item.record as FeedbackEvent, property, out, identity);
        default:
          throw new Error(`unknown event_type ${envelope.event_type}`);
      }
    } catch (error) {
      deadLetters.push(this.failure('enrich', 'enrichment_failed', error, item.message, item.record));
    }
  }

  /** Resolves the event's guests to a customer; null when the event names nobody. */
  private async resolveIdentity(record: RawRecord) {
    if (!this.identity || record.guests.length === 0) return null;
    const e = record.envelope;
    const reservationId = 'reservation_id' in record ? record.reservation_id : null;
    const country = await this.properties.countryOf(e.tenant_id, e.property_id);
    return this.identity.resolve(e, reservationId, record.guests, country);
  }

  private failure(
    stage: 'decode' | 'enrich',
    reasonCode: string,
    error: unknown,
    message: IncomingMessage,
    record?: RawRecord,
  ): DeadLetter {
    const schemaId = message.value && message.value.length >= 5 ? message.value.readInt32BE(1) : null;
    return buildDeadLetter({
      stage,
      reasonCode: error instanceof Error && 'code' in error ? String(error.code) : reasonCode,
      reason: error instanceof Error ? error.message : String(error),
      payload: message.value ?? Buffer.alloc(0),
      eventId: record?.envelope.event_id ?? message.headers['event-id'] ?? null,
      eventType: record?.envelope.event_type ?? message.headers['event-type'] ?? null,
      sourceSystem: record?.envelope.source_system ?? message.headers.source ?? null,
      propertyId: record?.envelope.property_id ?? null,
      schemaSubject: `${message.topic}-value`,
      schemaVersion: schemaId,
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
    });
  }

  private outgoing(out: Enriched, deadLetters: DeadLetter[]): { topic: string; messages: OutgoingMessage[] }[] {
    const plan: [TopicKey, { key: string; value: object }[]][] = [
      ['reservations', out.reservations.map((r) => ({ key: `${r.tenant_id}:${r.property_id}:${r.reservation_id}`, value: r }))],
      ['stays', out.stays.map((s) => ({ key: `${s.tenant_id}:${s.property_id}:${s.reservation_id}`, value: s }))],
      ['stayNights', out.stayNights.map((n) => ({ key: `${n.tenant_id}:${n.property_id}:${n.reservation_id}`, value: n }))],
      ['feedback', out.feedback.map((f) => ({ key: `${f.tenant_id}:${f.property_id}:${f.feedback_id}`, value: f }))],
      ['customers', out.customers.map((c) => ({ key: `${c.tenant_id}:${c.customer_id}`, value: c }))],
      ['deadLetter', deadLetters.map((d) => ({ key: d.dlq_id, value: d }))],
      ['customerRecords', out.customerRecords.map((r) => ({ key: `${r.tenant_id}:${r.record_id}`, value: r }))],
      ['identityChanges', out.identityChanges.map((c) => ({ key: c.change_id, value: c }))],
      ['customerAliases', out.customerAliases.map((a) => ({ key: `${a.tenant_id}:${a.alias_id}`, value: a }))],
    ];

    return plan.map(([key, items]) => {
      const topic = this.runtime.topic(key);
      return { topic, messages: items.map((item) => ({ key: item.key, value: this.encodeSync(topic, item.value) })) };
    });
  }

  private encodeSync(topic: string, value: object): Buffer {
    return this.runtime.codecs.encodeSync(topic, value);
  }

  private record(batch: IncomingBatch, out: Enriched, deadLetters: DeadLetter[], durationMs: number): void {
    const { metrics, logger } = this.runtime;
    metrics.batchSize.observe({ stage: 'enrich' }, batch.messages.length);
    metrics.batchDurationMs.observe({ stage: 'enrich' }, durationMs);
    metrics.eventsIn.inc({ topic: batch.topic, type: 'raw' }, batch.messages.length);
    for (const [key, rows] of Object.entries(out)) metrics.eventsOut.inc({ topic: this.runtime.topic(key as keyof Enriched) }, rows.length);
    for (const d of deadLetters) {
      metrics.deadLetters.inc({ stage: d.stage, reason: d.reason_code });
      metrics.eventsRejected.inc({ stage: d.stage, reason: d.reason_code });
    }
    logger.debug({ topic: batch.topic, partition: batch.partition, rows: batch.messages.length, durationMs }, 'batch enriched');
  }
}
