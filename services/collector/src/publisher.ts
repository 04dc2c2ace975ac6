import type { FieldIssue } from '@staystream/errors';
import type { OutgoingMessage, Producer } from '@staystream/kafka';
import type { RawEvent } from '@staystream/domain';
import { buildDeadLetter, type Runtime } from '@staystream/runtime';
import type { TopicKey } from '@staystream/schemas';

/** An input the collector refused, kept with its reason on the dead-letter topic. */
export interface Rejection {
  eventType: string;
  issues: FieldIssue[];
  payload: string;
  sourceSystem?: string | null;
  propertyId?: string | null;
  eventId?: string | null;
  reasonCode?: string;
}

const TOPIC_OF: Record<RawEvent['type'], TopicKey> = {
  reservation: 'rawReservations',
  stay: 'rawStays',
  feedback: 'rawFeedback',
};

/**
 * Encodes accepted events and rejections and produces them in one idempotent send that
 * resolves only after every in-sync replica acknowledged it.
 */
export class Publisher {
  constructor(
    private readonly runtime: Runtime,
    private readonly producer: Producer,
  ) {}

  async publish(events: RawEvent[], rejections: Rejection[]): Promise<void> {
    const started = Date.now();
    const batches = new Map<string, OutgoingMessage[]>();
    const add = (topic: string, message: OutgoingMessage) => {
      const list = batches.get(topic) ?? [];
      list.push(message);
      batches.set(topic, list);
    };

    for (const event of events) {
      const topic = this.runtime.topic(TOPIC_OF[event.type]);
      const envelope = event.record.envelope;
      add(topic, {
        key: event.key,
        value: await this.runtime.codecs.encode(topic, event.record),
        headers: { 'event-id': envelope.event_id, source: envelope.source_system, 'event-type': event.type },
      });
    }

    const dlqTopic = this.runtime.topic('deadLetter');
    for (const rejection of rejections) {
      const record = buildDeadLetter({
        stage: 'validate',
        reasonCode: rejection.reasonCode ?? 'validation_failed',
        reason: rejection.issues.map((i) => `${i.field}: ${i.message}`).join('; '),
        issues: rejection.issues,
        payload: rejection.payload,
        eventType: rejection.eventType,
        eventId: rejection.eventId ?? null,
        sourceSystem: rejection.sourceSystem ?? null,
        propertyId: rejection.propertyId ?? null,
      });
      add(dlqTopic, {
        key: record.dlq_id,
        value: await this.runtime.codecs.encode(dlqTopic, record),
        headers: { source: rejection.sourceSystem ?? '', stage: 'validate' },
      });
      this.runtime.metrics.eventsRejected.inc({ stage: 'validate', reason: reasonLabel(rejection) });
      this.runtime.metrics.deadLetters.inc({ stage: 'validate', reason: reasonLabel(rejection) });
    }

    await this.producer.sendMany([...batches].map(([topic, messages]) => ({ topic, messages })));

    const { metrics } = this.runtime;
    for (const event of events) metrics.eventsIn.inc({ topic: this.runtime.topic(TOPIC_OF[event.type]), type: event.type });
    for (const [topic, messages] of batches) metrics.eventsOut.inc({ topic }, messages.length);
    metrics.batchSize.observe({ stage: 'publish' }, events.length + rejections.length);
    metrics.batchDurationMs.observe({ stage: 'publish' }, Date.now() - started);
  }
}

/** Bounded label values: the first issue's field and code, never the value itself. */
function reasonLabel(rejection: Rejection): string {
  const first = rejection.issues[0];
  return first ? `${first.field}:${first.code}` : (rejection.reasonCode ?? 'unknown');
}
