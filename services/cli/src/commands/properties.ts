import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { parse } from 'csv-parse';
import { propertyFromRow } from '@staystream/domain';
import { StaystreamError, type FieldIssue } from '@staystream/errors';
import type { CliConfig } from '../config';

/** Properties per request to the collector (it takes arrays). */
const BATCH = 500;

export interface PropertyRejection {
  /** The line of the file, the header being line 1. */
  line: number;
  propertyId: string | null;
  issues: FieldIssue[];
}

export interface PropertiesImportResult {
  read: number;
  accepted: number;
  rejected: PropertyRejection[];
}

/**
 * `staystream properties import <csv>`: reads a properties file (our columns, or the Booking.com
 * per-hotel file), posts the rows to the collector's POST /v1/properties in batches, and prints
 * each rejected row with its fields and reasons. Exits 1 when a row was rejected.
 */
export async function propertiesImportCommand(config: CliConfig, file: string, options: { json?: boolean }): Promise<number> {
  const result = await importProperties(config, file);
  if (options.json) {
    console.log(JSON.stringify(result));
  } else {
    console.log(`read      ${result.read} properties`);
    console.log(`accepted  ${result.accepted}`);
    console.log(`rejected  ${result.rejected.length}`);
    for (const rejection of result.rejected) {
      const reasons = rejection.issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
      console.log(`  line ${rejection.line}${rejection.propertyId ? ` (${rejection.propertyId})` : ''}: ${reasons}`);
    }
  }
  return result.rejected.length > 0 ? 1 : 0;
}

export async function importProperties(config: CliConfig, file: string): Promise<PropertiesImportResult> {
  if (!fs.existsSync(file)) throw new StaystreamError('import_file_missing', `${file}: no such file`);
  const result: PropertiesImportResult = { read: 0, accepted: 0, rejected: [] };
  let batch: { line: number; input: Record<string, unknown> }[] = [];

  for await (const row of readRows(file)) {
    result.read += 1;
    const mapped = propertyFromRow(row);
    if (mapped.ok) batch.push({ line: result.read + 1, input: mapped.input });
    else result.rejected.push({ line: result.read + 1, propertyId: row.property_id ?? row.id ?? null, issues: mapped.issues });

    if (batch.length === BATCH) {
      await post(config, batch, result);
      batch = [];
    }
  }
  if (batch.length > 0) await post(config, batch, result);
  result.rejected.sort((a, b) => a.line - b.line);
  return result;
}

/** The rows of a CSV file (gzipped when it ends in .gz), streamed. */
function readRows(file: string): AsyncIterable<Record<string, string>> {
  const source = fs.createReadStream(file);
  const text = file.endsWith('.gz') ? source.pipe(zlib.createGunzip()) : source;
  return text.pipe(parse({ columns: true, skip_empty_lines: true, bom: true }));
}

async function post(
  config: CliConfig,
  batch: { line: number; input: Record<string, unknown> }[],
  result: PropertiesImportResult,
): Promise<void> {
  const apiKey = (config as { COLLECTOR_API_KEY?: string }).COLLECTOR_API_KEY;
  const response = await fetch(`${config.COLLECTOR_URL}/v1/properties`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(apiKey ? { 'X-Api-Key': apiKey } : {}) },
    body: JSON.stringify(batch.map((item) => item.input)),
  }).catch((error: unknown) => {
    throw new StaystreamError('collector_unreachable', `the collector at ${config.COLLECTOR_URL} did not answer: ${String(error)}`, { retriable: true });
  });
  const body = (await response.json().catch(() => ({}))) as {
    accepted?: number;
    rejected?: { index: number; issues: FieldIssue[] }[];
    error?: string;
  };
  if (response.status === 401) {
    throw new StaystreamError('collector_refused', `the collector answered 401 (${body.error ?? 'no key'}): set COLLECTOR_API_KEY to a key from \`staystream sources add\``);
  }
  if (response.status !== 202 && response.status !== 400) {
    throw new StaystreamError('collector_refused', `the collector answered ${response.status}: ${body.error ?? 'no reason given'}`, {
      retriable: response.status === 503,
    });
  }

  result.accepted += body.accepted ?? 0;
  for (const rejection of body.rejected ?? []) {
    const item = batch[rejection.index];
    result.rejected.push({ line: item?.line ?? -1, propertyId: String(item?.input.property_id ?? '') || null, issues: rejection.issues });
  }
}
