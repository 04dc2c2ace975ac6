export { createRedis } from './redis';
export type { Redis } from './redis';
export { createQueue, createWorker, queuePrefix, QUEUES } from './queues';
export type { ImportJob, ImportJobProgress, ImportJobResult, JobPayloads, QueueName } from './queues';
