import { createCodecs, type Codecs } from '@staystream/avro';
import type { InfraConfig } from '@staystream/config';
import { createKafka, type KafkaClient } from '@staystream/kafka';
import { createLogger, type Logger } from '@staystream/logger';
import { createMetrics, type Metrics } from '@staystream/metrics';
import { topicName, type TopicKey } from '@staystream/schemas';
import { setupTopics } from './topics';

export interface RuntimeOptions {
  service: string;
  config: InfraConfig;
  logger?: Logger;
}

/** The handles a service needs to talk to the pipeline, made once at start-up. */
export interface Runtime {
  readonly service: string;
  readonly config: InfraConfig;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly kafka: KafkaClient;
  readonly codecs: Codecs;
  topic(key: TopicKey): string;
  setup(): Promise<void>;
  close(): Promise<void>;
}

export function createRuntime(options: RuntimeOptions): Runtime {
  const { config, service } = options;
  const logger = options.logger ?? createLogger({ service, level: config.LOG_LEVEL });
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS.split(','), clientId: `staystream-${service}`, logger });
  const codecs = createCodecs({ registryUrl: config.SCHEMA_REGISTRY_URL, logger });

  return {
    service,
    config,
    logger,
    metrics: createMetrics(service),
    kafka,
    codecs,
    topic: (key) => topicName(key, config.TOPIC_PREFIX),
    setup: () => setupTopics(kafka, codecs, config.TOPIC_PREFIX),
    close: () => kafka.disconnect(),
  };
}
