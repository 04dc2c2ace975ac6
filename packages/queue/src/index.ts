export { createRedis } from './redis';
export type { Redis } from './redis';
export { createQueue, createWorker, queuePrefix, QUEUES, UnrecoverableError } from './queues';
export { WaitingError } from 'bullmq';
export type { Job } from './queues';
export type { ImportCheckpoint, ImportJob, ImportJobProgress, ImportJobResult, JobPayloads, QueueName } from './queues';
export type { GradingJobProgress, GradingJobResult } from './queues';
