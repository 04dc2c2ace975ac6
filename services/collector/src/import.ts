import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { parse } from 'csv-parse';
import {
  createAdapter,
  detectAdapter,
  parseEvent,
  parseProperty,
  type AdapterOptions,
  type BatchAdapter,
  type RawEvent,
} from '@staystream/domain';
import { StaystreamError, type FieldIssue } from '@staystream/errors';
import type { ImportCheckpoint, ImportJobProgress, ImportJobResult } from '@staystream/queue';
import type { Runtime } from '@staystream/runtime';
import type { Producer } from '@staystream/kafka';
import { guardCardData } from './card-guard';
import type { Publisher, Rejection } from './publisher';

export interface ImportOptions {
  file: string;
  /** An adapter name; detected from the header when absent. */
  adapter?: string;
  adapterOptions?: AdapterOptions;
  batchRows: number;
  /** Stop after this many rows; 0 reads the whole file. */
  limit?: number;
  /** Where an earlier, interrupted run of this import stopped. */
  resume?: ImportCheckpoint;
  /** Aborted on shutdown: the import stops at the next batch boundary, all it read published. */
  signal?: AbortSignal;
  onProgress?(progress: ImportJobProgress): void | Promise<void>;
}

/** Either the import finished, or it stopped early with a checkpoint to resume from. */
export type ImportOutcome = { done: true; result: ImportJobResult } | { done: false; checkpoint: ImportCheckpoint };

/**
 * Streams a batch export through the same validation, card-data guard and producer as the
 * HTTP API. The file is never held in memory: rows are read, mapped and produced a batch at
 * a time. A resumed import skips the rows its checkpoint counts as published.
 */
export async function runImport(
  runtime: Runtime,
  publisher: Publisher,
  producer: Producer,
  options: ImportOptions,
): Promise<ImportOutcome> {
  const started = Date.now() - (options.resume?.durationMs ?? 0);
  const bytesTotal = fs.statSync(options.file).size;
  const run = new ImportRun(runtime, publisher, options, bytesTotal);

  const source = fs.createReadStream(options.file);
  source.on('data', (chunk) => (run.progress.bytesRead += chunk.length));
  const text = options.file.endsWith('.gz') ? source.pipe(zlib.createGunzip()) : source;
  const rows = text.pipe(parse({ columns: true, skip_empty_lines: true, trim: true, bom: true }));

  let adapter: BatchAdapter | undefined;
  let rowNumber = 0;
  try {
    for await (const row of rows as AsyncIterable<Record<string, string>>) {
      if (!adapter) {
        adapter = chooseAdapter(Object.keys(row), options);
        await publishProperties(runtime, producer, adapter);
      }

      rowNumber += 1;
      if (rowNumber <= run.skipRows) continue;
      run.take(adapter, row, rowNumber);

      if (rowNumber % options.batchRows === 0) {
        await run.flush();
        if (options.signal?.aborted) return { done: false, checkpoint: run.checkpoint(started) };
      }
      if (options.limit && rowNumber >= options.limit) break;
    }
  } finally {
    source.destroy();
  }

  if (!adapter) throw new StaystreamError('import_empty', `${options.file} has no rows`);
  await run.flush();
  runtime.logger.info({ source: adapter.name, count: run.progress.read, durationMs: Date.now() - started }, 'import finished');
  return { done: true, result: { ...run.checkpoint(started), bytesRead: bytesTotal, bytesTotal } };
}

/** The counts and the pending batch of one run of an import. */
class ImportRun {
  readonly progress: ImportJobProgress;
  readonly rejectedByReason: Record<string, number>;
  readonly skipRows: number;
  private events: RawEvent[] = [];
  private rejections: Rejection[] = [];
  private scrubbed = 0;

  constructor(
    private readonly runtime: Runtime,
    private readonly publisher: Publisher,
    private readonly options: ImportOptions,
    bytesTotal: number,
  ) {
    const resume = options.resume;
    this.skipRows = resume?.read ?? 0;
    this.progress = { read: this.skipRows, accepted: resume?.accepted ?? 0, rejected: resume?.rejected ?? 0, bytesRead: 0, bytesTotal };
    this.rejectedByReason = { ...(resume?.rejectedByReason ?? {}) };
  }

  /** Card data is removed from the row first, so neither its events nor its dead letter hold any. */
  take(adapter: BatchAdapter, original: Record<string, string>, rowNumber: number): void {
    const guarded = guardCardData(original);
    const row = guarded.value;
    if (guarded.fields.length > 0) this.scrubbed += 1;

    this.progress.read += 1;
    const outcome = mapRow(adapter, row, rowNumber);
    if (outcome.ok) {
      if (guarded.fields.length > 0) outcome.events.forEach((e) => (e.record.envelope.card_data_scrubbed = true));
      this.events.push(...outcome.events);
      this.progress.accepted += 1;
      return;
    }

    this.progress.rejected += 1;
    const reason = reasonOf(outcome.issues);
    this.rejectedByReason[reason] = (this.rejectedByReason[reason] ?? 0) + 1;
    this.rejections.push({
      eventType: adapter.eventType ?? 'reservation',
      issues: outcome.issues,
      payload: JSON.stringify({ row: rowNumber, ...row }),
      sourceSystem: adapter.sourceSystem,
      propertyId: adapter.propertyIdOf(row),
      reasonCode: outcome.issues[0]?.code ?? 'invalid',
    });
  }

  async flush(): Promise<void> {
    await this.publisher.publish(this.events, this.rejections);
    this.events = [];
    this.rejections = [];
    this.reportScrubbed();
    await this.options.onProgress?.({ ...this.progress });
  }

  checkpoint(started: number): ImportCheckpoint {
    const { read, accepted, rejected } = this.progress;
    return { read, accepted, rejected, rejectedByReason: { ...this.rejectedByReason }, durationMs: Date.now() - started };
  }

  /** One warning per batch that held card data: how many rows, never the data. */
  private reportScrubbed(): void {
    if (this.scrubbed === 0) return;
    this.runtime.logger.warn({ count: this.scrubbed, reason: 'card_data' }, 'card data removed before publishing');
    this.runtime.metrics.cardDataScrubbed.inc({ path: 'import' }, this.scrubbed);
    this.scrubbed = 0;
  }
}

function chooseAdapter(columns: string[], options: ImportOptions): BatchAdapter {
  const adapter = options.adapter
    ? createAdapter(options.adapter, options.adapterOptions)
    : detectAdapter(columns, options.adapterOptions);
  if (!adapter) {
    throw new StaystreamError(
      'import_unknown_format',
      options.adapter
        ? `unknown adapter ${options.adapter}`
        : `no adapter reads a file with the columns ${columns.slice(0, 8).join(', ')}...`,
    );
  }
  const missing = adapter.requiredColumns.filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    throw new StaystreamError('import_missing_columns', `${adapter.name} needs the columns ${missing.join(', ')}`);
  }
  return adapter;
}

type RowOutcome = { ok: true; events: RawEvent[] } | { ok: false; issues: FieldIssue[] };

/** A row is accepted or rejected as a whole: all its events, or none of them. */
function mapRow(adapter: BatchAdapter, row: Record<string, string>, rowNumber: number): RowOutcome {
  const mapped = adapter.mapRow(row, rowNumber);
  if (!mapped.ok) return mapped;

  const receivedAt = Date.now();
  const events: RawEvent[] = [];
  for (const event of mapped.events) {
    const parsed = parseEvent(event.type, event.input, receivedAt);
    if (!parsed.ok) return parsed;
    events.push(parsed.value);
  }
  return { ok: true, events };
}

async function publishProperties(runtime: Runtime, producer: Producer, adapter: BatchAdapter): Promise<void> {
  const topic = runtime.topic('properties');
  const messages = [];
  for (const input of adapter.properties()) {
    const parsed = parseProperty(input, Date.now());
    if (!parsed.ok) throw new StaystreamError('adapter_property_invalid', `${adapter.name}: ${reasonOf(parsed.issues)}`);
    messages.push({
      key: `${parsed.value.tenant_id}:${parsed.value.property_id}`,
      value: await runtime.codecs.encode(topic, parsed.value),
    });
  }
  await producer.send(topic, messages);
}

export function reasonOf(issues: FieldIssue[]): string {
  return issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
}
