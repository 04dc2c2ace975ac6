import { createHash } from 'node:crypto';
import type { DeadLetterStage, FieldIssue } from '@staystream/errors';
import type { DeadLetter } from '@staystream/schemas';

export interface DeadLetterInput {
  stage: DeadLetterStage;
  reasonCode: string;
  reason: string;
  issues?: FieldIssue[];
  payload: Buffer | string;
  eventId?: string | null;
  eventType?: string | null;
  sourceSystem?: string | null;
  propertyId?: string | null;
  schemaSubject?: string | null;
  schemaVersion?: number | null;
  topic?: string | null;
  partition?: number | null;
  offset?: string | null;
  failedAt?: number;
}

/**
 * The most of an original payload a dead letter keeps, in characters. A Kafka message is at
 * most 1 MiB by default; a dead letter must always fit, or the failure could not be kept at all.
 */
export const MAX_DEAD_LETTER_PAYLOAD_CHARS = 512 * 1024;

/**
 * One typed failure record. Its id is derived from where the event came from (topic,
 * partition, offset) or from its content, so a retried failure yields the same record.
 */
export function buildDeadLetter(input: DeadLetterInput): DeadLetter {
  const payload = Buffer.isBuffer(input.payload) ? input.payload.toString('base64') : input.payload;
  const origin =
    input.topic != null && input.partition != null && input.offset != null
      ? `${input.topic}|${input.partition}|${input.offset}`
      : `${input.sourceSystem ?? ''}|${input.eventType ?? ''}|${payload}`;
  const truncated = payload.length > MAX_DEAD_LETTER_PAYLOAD_CHARS;

  return {
    dlq_id: createHash('sha256').update(`${input.stage}|${origin}`).digest('hex').slice(0, 32),
    stage: input.stage,
    reason_code: input.reasonCode,
    reason: truncated ? `${input.reason} (payload kept truncated: the first ${MAX_DEAD_LETTER_PAYLOAD_CHARS} of ${payload.length} characters)` : input.reason,
    issues: JSON.stringify(input.issues ?? []),
    event_id: input.eventId ?? null,
    event_type: input.eventType ?? null,
    source_system: input.sourceSystem ?? null,
    property_id: input.propertyId ?? null,
    schema_subject: input.schemaSubject ?? null,
    schema_version: input.schemaVersion ?? null,
    topic: input.topic ?? null,
    partition: input.partition ?? null,
    offset: input.offset ?? null,
    payload: truncated ? payload.slice(0, MAX_DEAD_LETTER_PAYLOAD_CHARS) : payload,
    failed_at: input.failedAt ?? Date.now(),
  };
}
