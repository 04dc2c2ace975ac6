import type { FastifyInstance } from 'fastify';
import { createProducer, type Producer } from '@staystream/kafka';
import { createQueue, createRedis, createWorker, queuePrefix, type ImportJobResult, type Redis } from '@staystream/queue';
import { createRuntime, type Runtime } from '@staystream/runtime';
import type { Worker } from 'bullmq';
import type { CollectorConfig } from './config';
import { buildHttpServer } from './http';
import { runImport } from './import';
import { Publisher } from './publisher';

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
  const worker: Worker = createWorker('imports', redis, async (job): Promise<ImportJobResult> => {
    logger.info({ jobId: job.id, source: job.data.source }, 'import started');
    return runImport(runtime, publisher, producer, {
      file: job.data.file,
      adapter: job.data.format || undefined,
      adapterOptions: job.data.propertiesFile ? { bookingReviews: { hotelsFile: job.data.propertiesFile } } : undefined,
      batchRows: config.IMPORT_BATCH_ROWS,
      limit: job.data.limit,
      onProgress: (progress) => job.updateProgress(progress as unknown as object),
    });
  }, { concurrency: config.IMPORT_WORKER_CONCURRENCY, prefix: queuePrefix(config.TOPIC_PREFIX) });
  worker.on('failed', (job, error) => logger.error({ jobId: job?.id, err: error }, 'import failed'));

  const app: FastifyInstance = buildHttpServer({
    config,
    runtime,
    publisher,
    producer,
    ready: async () => ({
      kafka: await runtime.kafka.admin().then((admin) => admin.describeCluster()).then(() => true, () => false),
      registry: await fetch(`${config.SCHEMA_REGISTRY_URL}/subjects`).then((r) => r.ok, () => false),
      redis: await redis.ping().then((r) => r === 'PONG', () => false),
    }),
  });
  const url = await app.listen({ host: config.COLLECTOR_HOST, port: config.COLLECTOR_PORT });
  logger.info({ url }, 'collector listening');

  return {
    runtime,
    url,
    publisher,
    async stop() {
      logger.info('stopping intake');
      await app.close();
      await worker.close();
      await producer.disconnect();
      await redis.quit().catch(() => undefined);
      await runtime.close();
    },
  };
}

export { createQueue };
