import type { ClickHouse } from '@staystream/clickhouse';
import { isRetriable } from '@staystream/errors';
import type { IncomingBatch, IncomingMessage, Producer } from '@staystream/kafka';
import { buildDeadLetter, Faults, type Runtime } from '@staystream/runtime';
import type { DeadLetter } from '@staystream/schemas';
import { rangeToken, splitAtBoundaries } from './boundaries';
import type { BatchJournal } from './journal';
import { ledgerRow, TOPIC_TABLES, type LedgerRow, type SinkTopicKey } from './tables';

/**
 * Loads one batch of one partition: split it at fixed offsets (see boundaries.ts), journal
 * each chunk's range, insert its rows and ledger entries with a deduplication token made of
 * topic, partition and offset range, and only then let the consumer commit. A chunk inserted
 * twice (a crash between insert and commit) is cut out again identically and absorbed by the
 * token; past the token window, the ReplacingMergeTree versions absorb it.
 */
export class BatchLoader {
  private readonly keyOfTopic = new Map<string, SinkTopicKey>();

  constructor(
    private readonly runtime: Runtime,
    private readonly clickhouse: ClickHouse,
    private readonly producer: Producer,
    private readonly maxRows: number,
    private readonly journal: BatchJournal,
    private readonly faults: Faults,
  ) {
    for (const key of Object.keys(TOPIC_TABLES) as SinkTopicKey[]) {
      this.keyOfTopic.set(runtime.topic(key), key);
    }
  }

  topics(): string[] {
    return [...this.keyOfTopic.keys()];
  }

  async handle(batch: IncomingBatch): Promise<void> {
    const key = this.keyOfTopic.get(batch.topic);
    if (!key) throw new Error(`the sink does not load topic ${batch.topic}`);

    const { topic, partition } = batch;
    const pending = await this.journal.pending(topic, partition, batch.firstOffset);
    for (const chunk of splitAtBoundaries(batch.messages, this.maxRows, pending)) {
      const range = { first: BigInt(chunk[0]!.offset), last: BigInt(chunk[chunk.length - 1]!.offset) };
      await this.journal.begin(topic, partition, range);
      await this.loadChunk(key, topic, partition, chunk);
      this.journal.loaded(topic, partition, range);
      await batch.heartbeat();
    }
    this.faults.kill('sink:after-insert-before-commit');
  }

  private async loadChunk(key: SinkTopicKey, topic: string, partition: number, messages: IncomingMessage[]): Promise<void> {
    const started = Date.now();
    const { table } = TOPIC_TABLES[key];
    const rows: Record<string, unknown>[] = [];
    const deadLetters: DeadLetter[] = [];

    for (const message of messages) {
      if (!message.value) continue;
      try {
        rows.push((await this.runtime.codecs.decode<Record<string, unknown>>(message.value)).record);
      } catch (error) {
        if (isRetriable(error)) throw error;
        deadLetters.push(this.failure('decode', error, message));
      }
    }

    const range = rangeToken(topic, partition, messages);
    const loaded = await this.insert(table, rows, range, messages, deadLetters);
    const ledger = loaded.map((row) => ledgerRow(key, row, started)).filter((r): r is LedgerRow => r !== null);
    await this.clickhouse.insert('event_ledger', ledger, `ledger:${range}`);
    await this.sendDeadLetters(deadLetters);

    const durationMs = Date.now() - started;
    this.runtime.metrics.insertRows.inc({ table }, loaded.length);
    this.runtime.metrics.insertDurationMs.observe({ table }, durationMs);
    this.runtime.metrics.batchSize.observe({ stage: 'load' }, rows.length);
    this.runtime.logger.debug({ table, rows: loaded.length, durationMs, topic, partition }, 'batch loaded');
  }

  /**
   * Inserts all rows at once; when ClickHouse refuses the batch for a reason that a retry
   * cannot fix, inserts row by row so that only the offending rows go to the dead letters.
   */
  private async insert(
    table: string,
    rows: Record<string, unknown>[],
    range: string,
    messages: IncomingMessage[],
    deadLetters: DeadLetter[],
  ): Promise<Record<string, unknown>[]> {
    try {
      this.faults.fail('sink:insert-fails');
      await this.clickhouse.insert(table, rows, range);
      return rows;
    } catch (error) {
      if (isRetriable(error)) throw error;
      this.runtime.logger.warn({ table, rows: rows.length, err: error }, 'batch refused; loading row by row');
    }

    const loaded: Record<string, unknown>[] = [];
    for (const [i, row] of rows.entries()) {
      try {
        await this.clickhouse.insert(table, [row], `${range}#${i}`);
        loaded.push(row);
      } catch (error) {
        if (isRetriable(error)) throw error;
        deadLetters.push(this.failure('load', error, messages[i]!, row));
      }
    }
    return loaded;
  }

  private failure(stage: 'decode' | 'load', error: unknown, message: IncomingMessage, row?: Record<string, unknown>): DeadLetter {
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    return buildDeadLetter({
      stage,
      reasonCode: stage === 'load' ? 'insert_refused' : 'undecodable',
      reason: error instanceof Error ? error.message.slice(0, 2_000) : String(error),
      payload: message.value ?? Buffer.alloc(0),
      eventId: text(row?.event_id),
      sourceSystem: text(row?.source_system),
      propertyId: text(row?.property_id),
      schemaSubject: `${message.topic}-value`,
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
    });
  }

  private async sendDeadLetters(deadLetters: DeadLetter[]): Promise<void> {
    if (deadLetters.length === 0) return;
    const topic = this.runtime.topic('deadLetter');
    await this.producer.send(
      topic,
      deadLetters.map((d) => ({ key: d.dlq_id, value: this.runtime.codecs.encodeSync(topic, d) })),
    );
    for (const d of deadLetters) this.runtime.metrics.deadLetters.inc({ stage: d.stage, reason: d.reason_code });
  }
}
