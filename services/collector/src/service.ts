import type { FastifyInstance } from 'fastify';
import { createProducer, type Producer } from '@staystream/kafka';
import { readiness } from '@staystream/metrics';
import {
  createQueue,
  createRedis,
  createWorker,
  queuePrefix,
  WaitingError,
  type ImportJob,
  type ImportJobResult,
  type Job,
  type Redis,
} from '@staystream/queue';
import { createRuntime, type Runtime } from '@staystream/runtime';
import { DEVELOPMENT_PEPPER, SourceRegistry } from '@staystream/sources';
import type { Worker } from 'bullmq';
import type { CollectorConfig } from './config';
import { buildHttpServer } from './http';
import { runImport } from './import';
import { Publisher } from './publisher';
import { syntheticGuestOptions } from './synthetic-guests';

export interface Collector {
  readonly runtime: Runtime;
  readonly url: string;
  readonly publisher: Publisher;
  stop(): Promise<void>;
}

/** Starts the collector: topics and schemas, the producer, the HTTP API and the import worker. */
export async function startCollector(config: CollectorConfig, runtime = createRuntime({ service: 'collector', config })): Promise<Collector> {
  const { logger } = runtime;
  await runtime.setup();
  const producer: Producer = await createProducer(runtime.kafka);
  const publisher = new Publisher(runtime, producer);

  const redis: Redis = createRedis(config.REDIS_URL);
  const requests: Redis = createRedis(config.REDIS_URL, { failFast: true });
  const stopping = new AbortController();
  const running = new Set<Promise<unknown>>();
  const importJob = (job: Job<ImportJob>, token?: string) => {
    const run = runImportJob(runtime, publisher, producer, config, stopping.signal, job, token);
    running.add(run);
    return run.finally(() => running.delete(run));
  };
  const worker: Worker = createWorker('imports', redis, importJob, {
    concurrency: config.IMPORT_WORKER_CONCURRENCY,
    prefix: queuePrefix(config.TOPIC_PREFIX),
  });
  worker.on('failed', (job, error) => logger.error({ jobId: job?.id, err: error }, 'import failed'));
  // NOTE: without a listener an 'error' event (Redis gone) would end the process.
  worker.on('error', (error) => logger.warn({ err: error }, 'import worker cannot reach Redis'));

  const app: FastifyInstance = await buildHttpServer({
    config,
    runtime,
    publisher,
    producer,
    sources: sourceRegistry(runtime, config, requests),
    redis: requests,
    ready: () =>
      readiness({
        kafka: () => runtime.kafka.admin().then((admin) => admin.describeCluster()).then(() => true),
        registry: () => fetch(`${config.SCHEMA_REGISTRY_URL}/subjects`).then((r) => r.ok),
        redis: () => requests.ping().then((r) => r === 'PONG'),
      }),
  });
  const url = await app.listen({ host: config.COLLECTOR_HOST, port: config.COLLECTOR_PORT });
  logger.info({ url }, 'collector listening');

  return {
    runtime,
    url,
    publisher,
    async stop() {
      // 1. Stop intake: no new requests, and the running import stops at its next batch.
      logger.info('stopping intake');
      stopping.abort();
      const closing = app.close();
      const workerClosing = worker.close();

      // 2. Drain: requests in flight are answered, the import publishes what it read.
      await Promise.all([closing, ...[...running].map((run) => run.catch(() => undefined))]);
      await workerClosed(workerClosing, runtime);
      logger.info('intake drained');

      // 3. Disconnect: every accepted event was acknowledged by Kafka before it was answered.
      await producer.disconnect();
      await Promise.all([redis.quit().catch(() => undefined), requests.quit().catch(() => undefined)]);
      await runtime.close();
      logger.info('disconnected');
    },
  };
}

/**
 * Runs one import job. On shutdown the import stops at a batch boundary; the job keeps its
 * checkpoint and goes back to the queue, so the next collector resumes where it stopped.
 */
async function runImportJob(
  runtime: Runtime,
  publisher: Publisher,
  producer: Producer,
  config: CollectorConfig,
  signal: AbortSignal,
  job: Job<ImportJob>,
  token?: string,
): Promise<ImportJobResult> {
  const checkpoint = job.data.checkpoint;
  runtime.logger.info({ jobId: job.id, source: job.data.source, rows: checkpoint?.read ?? 0 }, checkpoint ? 'import resumed' : 'import started');

  const outcome = await runImport(runtime, publisher, producer, {
    file: job.data.file,
    adapter: job.data.format || undefined,
    adapterOptions: {
      ...(job.data.propertiesFile ? { bookingReviews: { hotelsFile: job.data.propertiesFile } } : {}),
      ...(job.data.syntheticGuests
        ? { hotelBookings: syntheticGuestOptions(job.data.syntheticGuests.seed, job.data.syntheticGuests.truthFile) }
        : {}),
    },
    batchRows: config.IMPORT_BATCH_ROWS,
    limit: job.data.limit,
    resume: checkpoint,
    signal,
    onProgress: (progress) => job.updateProgress(progress as unknown as object),
  });
  if (outcome.done) return outcome.result;

  await job.updateData({ ...job.data, checkpoint: outcome.checkpoint });
  await job.moveToWait(token);
  runtime.logger.info({ jobId: job.id, rows: outcome.checkpoint.read }, 'import paused for shutdown');
  throw new WaitingError();
}

/** How long a worker with nothing running may take to let go of Redis. */
const WORKER_CLOSE_MS = 5_000;

/**
 * Waits for the import worker to close once its imports paused. BullMQ's close can wait forever on a
 * connection that lost its Redis (taskforcesh/bullmq#4656); nothing is left to save then.
 */
async function workerClosed(closing: Promise<void>, runtime: Runtime): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), WORKER_CLOSE_MS);
  });
  const outcome = await Promise.race([closing.then(() => 'closed' as const), timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') runtime.logger.warn({ durationMs: WORKER_CLOSE_MS }, 'import worker did not close; going on');
}

function sourceRegistry(runtime: Runtime, config: CollectorConfig, redis: Redis): SourceRegistry | null {
  if (config.COLLECTOR_AUTH === 'off') {
    runtime.logger.warn({ reason: 'COLLECTOR_AUTH=off' }, 'requests are not authenticated');
    return null;
  }
  if (config.SOURCE_KEY_PEPPER === DEVELOPMENT_PEPPER) {
    runtime.logger.warn({ reason: 'SOURCE_KEY_PEPPER unset' }, 'API keys are hashed with the public development pepper');
  }
  return new SourceRegistry(redis, config.TOPIC_PREFIX, config.SOURCE_KEY_PEPPER);
}

export { createQueue };
