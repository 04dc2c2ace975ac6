import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { GuestRecord } from '../model';
import type { IdentityOptionsInput } from '../options';
import type { BatchStats } from '../resolve/batch';
import { resolveAll } from '../resolve/batch';
import type { GuestCsv } from './csv';
import { parseGuestCsv } from './csv';
import type { ClusterMetrics } from './metrics';
import { clusterMetrics } from './metrics';
import type { Truth } from './truth';
import { isFebrlIdPattern, truthFromColumn, truthFromFebrlIds, truthFromPairs } from './truth';

export interface EvaluationResult extends ClusterMetrics {
  /** Wall time of `resolveAll` alone, in milliseconds. */
  resolveMs: number;
  recordsPerSecond: number;
  /** CPU time (user + system) of the process during `resolveAll`: fairer on a busy machine. */
  cpuMs: number;
  recordsPerCpuSecond: number;
  stats: BatchStats;
}

export interface RunEvaluationOptions {
  csvPath: string;
  /** A column of the CSV (`cluster`, or the febrl id column `rec_id`) or a labelled-pairs file. */
  truth: string;
  idColumn?: string;
  /** Read national-id columns as identifiers (off: see `GuestCsvOptions.useSensitiveIds`). */
  useSensitiveIds?: boolean;
  options?: IdentityOptionsInput;
}

export interface DatasetEvaluation extends EvaluationResult {
  dataset: string;
  /** How the truth was read: `column:cluster`, `febrl-id:rec_id` or `pairs:<file>`. */
  truthSource: string;
}

/** Resolves the records in order and scores the clustering against the truth. */
export async function evaluate(
  records: readonly GuestRecord[],
  truth: Truth,
  options?: IdentityOptionsInput,
): Promise<EvaluationResult> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const resolution = await resolveAll(records, options);
  const resolveMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);

  const cpuMs = (cpu.user + cpu.system) / 1000;
  const metrics = clusterMetrics(resolution.assignments, truth);
  return {
    ...metrics,
    resolveMs,
    recordsPerSecond: perSecond(records.length, resolveMs),
    cpuMs,
    recordsPerCpuSecond: perSecond(records.length, cpuMs),
    stats: resolution.stats,
  };
}

function perSecond(count: number, milliseconds: number): number {
  return milliseconds > 0 ? (count / milliseconds) * 1000 : Infinity;
}

/** Loads a CSV, derives the truth, evaluates: what `staystream identity evaluate` runs. */
export async function runEvaluation(run: RunEvaluationOptions): Promise<DatasetEvaluation> {
  const text = await readFile(run.csvPath, 'utf8');
  const truthColumn = columnTruth(text, run.truth);
  const csv = parseGuestCsv(text, {
    ...(run.idColumn === undefined ? {} : { idColumn: run.idColumn }),
    excludeColumns: truthColumn === undefined ? [] : [truthColumn],
    useSensitiveIds: run.useSensitiveIds ?? false,
  });

  const { truth, truthSource } = await readTruth(csv, run.truth, truthColumn);
  const result = await evaluate(csv.records, truth, run.options);
  return { dataset: basename(run.csvPath), truthSource, ...result };
}

/** The truth spec as a canonical column name when the CSV header has it. */
function columnTruth(text: string, spec: string): string | undefined {
  const header = (text.split(/\r?\n/, 1)[0] ?? '').split(',');
  const canonical = spec
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_');
  const columns = header.map((name) =>
    name
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_'),
  );
  return columns.includes(canonical) ? canonical : undefined;
}

async function readTruth(
  csv: GuestCsv,
  spec: string,
  column: string | undefined,
): Promise<{ truth: Truth; truthSource: string }> {
  const ids = csv.records.map((record) => record.recordId);
  if (column === csv.idColumn && isFebrlIdPattern(ids)) {
    return { truth: truthFromFebrlIds(ids), truthSource: `febrl-id:${column}` };
  }
  if (column !== undefined) {
    return {
      truth: truthFromColumn(csv.rows, csv.idColumn, column),
      truthSource: `column:${column}`,
    };
  }
  if (!existsSync(spec)) {
    throw new RangeError(`truth "${spec}" is neither a column of the CSV nor a pairs file`);
  }

  const pairs = await readFile(spec, 'utf8');
  return { truth: truthFromPairs(pairs, ids), truthSource: `pairs:${basename(spec)}` };
}
