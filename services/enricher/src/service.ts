import { createProducer, runBatchConsumer, type BatchConsumer } from '@staystream/kafka';
import { startOpsServer } from '@staystream/metrics';
import { createRedis } from '@staystream/queue';
import { createRuntime, Faults, type Runtime } from '@staystream/runtime';
import type { EnricherConfig } from './config';
import { EventDedup } from './dedup';
import { LiveGrading } from './grading';
import { IdentityStep } from './identity';
import { BatchProcessor } from './processor';
import { PropertyDirectory } from './properties';

export interface Enricher {
  readonly runtime: Runtime;
  stop(): Promise<void>;
}

/** Starts the enricher: one consumer group over the raw topics and the properties topic. */
export async function startEnricher(
  config: EnricherConfig,
  runtime = createRuntime({ service: 'enricher', config }),
): Promise<Enricher> {
  const { logger } = runtime;
  const redis = createRedis(config.REDIS_URL);
  const namespace = `staystream:${config.TOPIC_PREFIX || 'main'}`;

  // Live at once, ready only once the consumer runs: a restart waits for the dead member's
  // session to time out before the group admits it.
  let consumer: BatchConsumer | null = null;
  const ops = await startOpsServer({
    port: config.ENRICHER_OPS_PORT,
    registry: runtime.metrics.registry,
    checks: {
      consumer: async () => consumer !== null,
      kafka: () => runtime.kafka.admin().then((a) => a.describeCluster()).then(() => true),
      registry: () => fetch(`${config.SCHEMA_REGISTRY_URL}/subjects`).then((r) => r.ok),
      redis: () => redis.ping().then((r) => r === 'PONG'),
    },
  });
  logger.info({ port: ops.port }, 'ops server listening');

  await runtime.setup();
  const producer = await createProducer(runtime.kafka);
  const processor = new BatchProcessor(
    runtime,
    producer,
    new EventDedup(redis, namespace, config.DEDUP_TTL_SECONDS),
    new PropertyDirectory(redis, namespace),
    new Faults(config, logger),
    new IdentityStep(redis, namespace),
    new LiveGrading(runtime, producer, redis, namespace, config.REPORTING_CURRENCY),
  );

  consumer = await runBatchConsumer(runtime.kafka, {
    groupId: groupId(config),
    maxBytesPerPartition: config.ENRICHER_MAX_BATCH_BYTES,
    lagGauge: runtime.metrics.consumerLag,
    topics: ['properties', 'rawReservations', 'rawStays', 'rawFeedback'].map((k) => runtime.topic(k as never)),
    handle: async (batch) => {
      await processor.handle(batch);
    },
    onCrash: (error) => {
      logger.fatal({ err: error }, 'enricher consumer stopped; exiting so a supervisor restarts it');
      process.exit(1);
    },
  });

  const running = consumer;
  logger.info({ groupId: groupId(config), port: ops.port }, 'enricher running');

  return {
    runtime,
    async stop() {
      // The consumer finishes its batch, commits it, and leaves the group.
      logger.info({ groupId: groupId(config) }, 'stopping intake');
      await running.stop();
      logger.info('intake drained');
      await producer.disconnect();
      await ops.close();
      await redis.quit().catch(() => undefined);
      await runtime.close();
      logger.info('disconnected');
    },
  };
}

export function groupId(config: EnricherConfig): string {
  return config.TOPIC_PREFIX ? `${config.ENRICHER_GROUP_ID}.${config.TOPIC_PREFIX}` : config.ENRICHER_GROUP_ID;
}
