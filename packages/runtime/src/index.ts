export { createRuntime } from './runtime';
export type { Runtime, RuntimeOptions } from './runtime';
export { setupTopics, TOPIC_PARTITIONS } from './topics';
export { MAX_DEAD_LETTER_PAYLOAD_CHARS, buildDeadLetter } from './dead-letter';
export type { DeadLetterInput } from './dead-letter';
export { onShutdown } from './shutdown';
export { Faults } from './faults';
export type { FaultSettings } from './faults';
