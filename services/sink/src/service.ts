import { createClickHouse, migrate, type ClickHouse } from '@staystream/clickhouse';
import { createProducer, runBatchConsumer, type BatchConsumer, type Producer } from '@staystream/kafka';
import { readiness } from '@staystream/metrics';
import { createRuntime, Faults, type Runtime } from '@staystream/runtime';
import type { SinkConfig } from './config';
import { startGrading, type GradingHooks } from './grading';
import { BatchJournal } from './journal';
import { BatchLoader } from './loader';
import { buildQueryServer } from './query-server';

export interface Sink {
  readonly runtime: Runtime;
  readonly clickhouse: ClickHouse;
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts the sink: migrations, one consumer group over the enriched topics, the query server. */
export async function startSink(
  config: SinkConfig,
  runtime = createRuntime({ service: 'sink', config }),
  gradingHooks?: GradingHooks,
): Promise<Sink> {
  const { logger } = runtime;
  const clickhouse = createClickHouse({
    url: config.CLICKHOUSE_URL,
    dataDir: config.STAYSTREAM_DATA_DIR,
    database: config.CLICKHOUSE_DATABASE,
    logger,
  });
  await migrate(clickhouse);
  logger.info({ database: clickhouse.database }, 'migrations applied');

  // The server answers before the consumer has joined its group (a restart waits for the
  // dead member's session to time out): live at once, ready only once the consumer runs.
  let intake: Intake | null = null;
  const app = buildQueryServer(runtime, clickhouse, () =>
    readiness({
      consumer: async () => intake !== null,
      kafka: () => runtime.kafka.admin().then((a) => a.describeCluster()).then(() => true),
      registry: () => fetch(`${config.SCHEMA_REGISTRY_URL}/subjects`).then((r) => r.ok),
      clickhouse: () => clickhouse.ping(),
    }),
  );
  const url = await app.listen({ host: config.SINK_HOST, port: config.SINK_PORT });
  logger.info({ url }, 'query server listening');

  intake = await startIntake(config, runtime, clickhouse).catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  const { producer, consumer } = intake;

  const grading = await startGrading({ config, clickhouse, logger, hooks: gradingHooks });
  logger.info({ url, groupId: groupId(config), embedded: clickhouse.embedded }, 'sink running');

  return {
    runtime,
    clickhouse,
    url,
    async stop() {
      // The consumer finishes its insert, commits it, and leaves the group.
      logger.info({ groupId: groupId(config) }, 'stopping intake');
      await grading.stop();
      await consumer.stop();
      logger.info('intake drained');
      await app.close();
      await producer.disconnect();
      await clickhouse.close();
      await runtime.close();
      logger.info('disconnected');
    },
  };
}

export function groupId(config: SinkConfig): string {
  return config.TOPIC_PREFIX ? `${config.SINK_GROUP_ID}.${config.TOPIC_PREFIX}` : config.SINK_GROUP_ID;
}

interface Intake {
  producer: Producer;
  consumer: BatchConsumer;
}

/** Topics and schemas, then the consumer group that loads the enriched topics. */
async function startIntake(config: SinkConfig, runtime: Runtime, clickhouse: ClickHouse): Promise<Intake> {
  const { logger } = runtime;
  await runtime.setup();

  const producer = await createProducer(runtime.kafka);
  const loader = new BatchLoader(
    runtime,
    clickhouse,
    producer,
    config.SINK_MAX_BATCH_ROWS,
    new BatchJournal(clickhouse),
    new Faults(config, logger),
  );
  const consumer = await runBatchConsumer(runtime.kafka, {
    groupId: groupId(config),
    lagGauge: runtime.metrics.consumerLag,
    topics: loader.topics(),
    maxBytesPerPartition: config.SINK_MAX_BATCH_BYTES,
    maxWaitTimeMs: config.SINK_MAX_WAIT_MS,
    handle: (batch) => loader.handle(batch),
    onCrash: (error) => {
      logger.fatal({ err: error }, 'sink consumer stopped; exiting so a supervisor restarts it');
      process.exit(1);
    },
  });
  return { producer, consumer };
}
