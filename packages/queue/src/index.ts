export { createRedis } from './redis';
export type { Redis } from './redis';
export { createQueue, createWorker, queuePrefix, QUEUES, UnrecoverableError } from './queues';
export type { GradingJobProgress, GradingJobResult } from './queues';
export type { ImportJob, ImportJobProgress, ImportJobResult, JobPayloads, QueueName } from './queues';
