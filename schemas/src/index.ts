export {
  CustomerSchema,
  DeadLetterSchema,
  EnrichedFeedbackSchema,
  EnrichedReservationSchema,
  EnrichedStaySchema,
  FeedbackEventSchema,
  PropertyRecordSchema,
  ReservationEventSchema,
  StayEventSchema,
  StayNightSchema,
} from './generated/schemas';
export type {
  Customer,
  DeadLetter,
  EnrichedFeedback,
  EnrichedReservation,
  EnrichedStay,
  Envelope,
  FeedbackEvent,
  GuestRef,
  PropertyRecord,
  ReservationEvent,
  StayEvent,
  StayNight,
} from './generated/types';
export { ENRICHED_TOPIC_KEYS, RAW_TOPIC_KEYS, TOPICS, topicName, valueSubject } from './topics';
export type { RawTopicKey, TopicKey } from './topics';
