import { KafkaJSError } from 'kafkajs';
import { StaystreamError } from '@staystream/errors';

/** Translates kafkajs errors once, here; code above this package never reads their strings. */
export function toKafkaError(error: unknown, action: string): StaystreamError {
  if (error instanceof StaystreamError) return error;

  if (error instanceof KafkaJSError) {
    return new StaystreamError('kafka_unavailable', `Kafka ${action} failed: ${error.message}`, {
      retriable: error.retriable,
      cause: error,
    });
  }

  const message = error instanceof Error ? error.message : String(error);
  return new StaystreamError('kafka_failed', `Kafka ${action} failed: ${message}`, { cause: error });
}
