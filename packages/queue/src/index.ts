export { createRedis } from './redis';
export type { Redis } from './redis';
export { createQueue, createWorker, QUEUES } from './queues';
export type { ImportJob, ImportJobProgress, ImportJobResult, JobPayloads, QueueName } from './queues';
