import {
  CustomerAliasSchema,
  CustomerRecordSchema,
  CustomerGradeSchema,
  CustomerSchema,
  DeadLetterSchema,
  EnrichedFeedbackSchema,
  EnrichedReservationSchema,
  EnrichedStaySchema,
  FeedbackEventSchema,
  IdentityChangeSchema,
  PropertyRecordSchema,
  ReservationEventSchema,
  StayEventSchema,
  StayNightSchema,
} from './generated/schemas';

/**
 * Every topic of the pipeline with its value schema. Names are prefixed at run time
 * (`staystream.` plus an optional TOPIC_PREFIX, which tests use for isolation).
 */
export const TOPICS = {
  rawReservations: { suffix: 'raw.reservations', schema: ReservationEventSchema },
  rawStays: { suffix: 'raw.stays', schema: StayEventSchema },
  rawFeedback: { suffix: 'raw.feedback', schema: FeedbackEventSchema },
  properties: { suffix: 'properties', schema: PropertyRecordSchema },
  reservations: { suffix: 'enriched.reservations', schema: EnrichedReservationSchema },
  stays: { suffix: 'enriched.stays', schema: EnrichedStaySchema },
  stayNights: { suffix: 'enriched.stay-nights', schema: StayNightSchema },
  feedback: { suffix: 'enriched.feedback', schema: EnrichedFeedbackSchema },
  customers: { suffix: 'customers', schema: CustomerSchema },
  customerGrades: { suffix: 'customer-grades', schema: CustomerGradeSchema },
  deadLetter: { suffix: 'dead-letter', schema: DeadLetterSchema },
  identityChanges: { suffix: 'identity.changes', schema: IdentityChangeSchema },
  customerRecords: { suffix: 'identity.customer-records', schema: CustomerRecordSchema },
  customerAliases: { suffix: 'identity.customer-aliases', schema: CustomerAliasSchema },
} as const;

export type TopicKey = keyof typeof TOPICS;

export const RAW_TOPIC_KEYS = ['rawReservations', 'rawStays', 'rawFeedback'] as const;
export type RawTopicKey = (typeof RAW_TOPIC_KEYS)[number];

export const ENRICHED_TOPIC_KEYS = [
  'properties',
  'reservations',
  'stays',
  'stayNights',
  'feedback',
  'customers',
  'customerGrades',
  'deadLetter',
  'identityChanges',
  'customerRecords',
  'customerAliases',
] as const;

export function topicName(key: TopicKey, prefix = ''): string {
  const scope = prefix ? `staystream.${prefix}.` : 'staystream.';
  return `${scope}${TOPICS[key].suffix}`;
}

/** Confluent's TopicNameStrategy: the value subject of a topic. */
export function valueSubject(topic: string): string {
  return `${topic}-value`;
}
