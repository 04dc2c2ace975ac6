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
import type { ImportJobProgress, ImportJobResult } from '@staystream/queue';
import type { Runtime } from '@staystream/runtime';
import type { Producer } from '@staystream/kafka';
import type { Publisher, Rejection } from './publisher';

export interface ImportOptions {
  file: string;
  /** An adapter name; detected from the header when absent. */
  adapter?: string;
  adapterOptions?: AdapterOptions;
  batchRows: number;
  /** Stop after this many rows; 0 reads the whole file. */
  limit?: number;
  onProgress?(progress: ImportJobProgress): void | Promise<void>;
}

/**
 * Streams a batch export through the same validation and producer as the HTTP API.
 * The file is never held in memory: rows are read, mapped and produced a batch at a time.
 */
export async function runImport(
  runtime: Runtime,
  publisher: Publisher,
  producer: Producer,
  options: ImportOptions,
): Promise<ImportJobResult> {
  const started = Date.now();
  const bytesTotal = fs.statSync(options.file).size;
  const progress: ImportJobProgress = { read: 0, accepted: 0, rejected: 0, bytesRead: 0, bytesTotal };
  const rejectedByReason: Record<string, number> = {};

  const source = fs.createReadStream(options.file);
  source.on('data', (chunk) => (progress.bytesRead += chunk.length));
  const text = options.file.endsWith('.gz') ? source.pipe(zlib.createGunzip()) : source;
  const rows = text.pipe(parse({ columns: true, skip_empty_lines: true, trim: true, bom: true }));

  let adapter: BatchAdapter | undefined;
  let events: RawEvent[] = [];
  let rejections: Rejection[] = [];

  const flush = async () => {
    await publisher.publish(events, rejections);
    events = [];
    rejections = [];
    await options.onProgress?.({ ...progress });
  };

  for await (const row of rows as AsyncIterable<Record<string, string>>) {
    if (!adapter) {
      adapter = chooseAdapter(Object.keys(row), options);
      await publishProperties(runtime, producer, adapter);
    }

    progress.read += 1;
    const outcome = mapRow(adapter, row, progress.read);
    if (outcome.ok) {
      events.push(...outcome.events);
      progress.accepted += 1;
    } else {
      progress.rejected += 1;
      const reason = reasonOf(outcome.issues);
      rejectedByReason[reason] = (rejectedByReason[reason] ?? 0) + 1;
      rejections.push({
        eventType: adapter.eventType ?? 'reservation',
        issues: outcome.issues,
        payload: JSON.stringify({ row: progress.read, ...row }),
        sourceSystem: adapter.sourceSystem,
        propertyId: adapter.propertyIdOf(row),
        reasonCode: outcome.issues[0]?.code ?? 'invalid',
      });
    }

    if (progress.read % options.batchRows === 0) await flush();
    if (options.limit && progress.read >= options.limit) break;
  }

  if (!adapter) throw new StaystreamError('import_empty', `${options.file} has no rows`);
  await flush();
  runtime.logger.info({ source: adapter.name, count: progress.read, durationMs: Date.now() - started }, 'import finished');
  return { ...progress, bytesRead: bytesTotal, rejectedByReason, durationMs: Date.now() - started };
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
