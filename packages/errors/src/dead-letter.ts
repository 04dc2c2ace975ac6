export const DEAD_LETTER_STAGES = [
  'collect',
  'decode',
  'validate',
  'enrich',
  'identity',
  'grade',
  'load',
] as const;

export type DeadLetterStage = (typeof DEAD_LETTER_STAGES)[number];

/** One failed event, typed: where it failed, why, and the original bytes to replay it from. */
export interface DeadLetter {
  dlqId: string;
  stage: DeadLetterStage;
  reasonCode: string;
  reason: string;
  /** JSON list of field issues, when the failure was a validation. */
  issues: string;
  eventId: string | null;
  eventType: string | null;
  sourceSystem: string | null;
  propertyId: string | null;
  schemaSubject: string | null;
  schemaVersion: number | null;
  topic: string | null;
  partition: number | null;
  offset: string | null;
  /** The original payload, base64 for bytes, as received otherwise. */
  payload: string;
  failedAt: number;
}
