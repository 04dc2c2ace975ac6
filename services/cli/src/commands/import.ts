import * as fs from 'node:fs';
import * as path from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { createQueue, createRedis, queuePrefix, type ImportJobProgress, type ImportJobResult } from '@staystream/queue';
import { StaystreamError } from '@staystream/errors';
import type { CliConfig } from '../config';

export interface ImportCommandOptions {
  adapter?: string;
  limit?: number;
  wait: boolean;
  progress: boolean;
  json?: boolean;
  /** The file of the properties the rows refer to, for adapters that need one. */
  properties?: string;
  /** Seed of synthetic guests for files that carry none (hotel-bookings). */
  syntheticGuests?: string;
  /** Where the synthetic guests' true persons are written. */
  truthOut?: string;
}

/**
 * Queues a batch import for the collector's import worker (a BullMQ job) and, unless told
 * not to, follows its progress and prints the closing summary.
 */
export async function importCommand(config: CliConfig, file: string, options: ImportCommandOptions): Promise<number> {
  const result = await runImportCommand(config, file, options);
  if (!result) return 0;
  if (options.json) console.log(JSON.stringify(result));
  else printSummary(result);
  return 0;
}

/** Queues the import; with `wait`, follows it and returns its summary. */
export async function runImportCommand(
  config: CliConfig,
  file: string,
  options: ImportCommandOptions,
): Promise<ImportJobResult | null> {
  const absolute = path.resolve(file);
  if (!fs.existsSync(absolute)) throw new StaystreamError('import_file_missing', `${file}: no such file`);

  const redis = createRedis(config.REDIS_URL);
  const queue = createQueue('imports', redis, queuePrefix(config.TOPIC_PREFIX));
  try {
    const workers = await queue.getWorkers();
    if (workers.length === 0) {
      console.error('warning: no collector is running an import worker; the job waits until one starts');
    }

    const job = await queue.add('import', {
      file: absolute,
      format: options.adapter ?? '',
      source: path.basename(absolute),
      limit: options.limit ?? 0,
      ...(options.properties ? { propertiesFile: path.resolve(options.properties) } : {}),
      ...(options.syntheticGuests
        ? { syntheticGuests: { seed: options.syntheticGuests, truthFile: path.resolve(options.truthOut ?? 'synthetic-guests-truth.csv') } }
        : {}),
    }, { removeOnComplete: { age: 7 * 24 * 3600 }, removeOnFail: { age: 7 * 24 * 3600 }, attempts: 1 });
    console.error(`import queued as job ${job.id} (${path.basename(absolute)})`);
    if (!options.wait) return null;
    return await follow(config, job.id!, options.progress);
  } finally {
    await queue.close();
    await redis.quit().catch(() => undefined);
  }
}

async function follow(config: CliConfig, jobId: string, showProgress: boolean): Promise<ImportJobResult> {
  const connection = createRedis(config.REDIS_URL);
    const bar = showProgress
    ? new SingleBar({ format: 'import |{bar}| {percentage}% | {read} rows, {accepted} accepted, {rejected} rejected | ETA {eta_formatted}', hideCursor: true }, Presets.shades_classic)
    : null;
  bar?.start(100, 0, { read: 0, accepted: 0, rejected: 0 });

  const queue = createQueue('imports', connection, queuePrefix(config.TOPIC_PREFIX));
  try {
    return await new Promise<ImportJobResult>((resolve, reject) => {
      const check = async () => {
        const job = await queue.getJob(jobId);
        if (!job) return reject(new StaystreamError('import_job_missing', `job ${jobId} disappeared`));
        const state = await job.getState();
        const progress = job.progress as Partial<ImportJobProgress>;
        if (bar && progress && typeof progress === 'object' && progress.bytesTotal) {
          bar.update(Math.floor((100 * (progress.bytesRead ?? 0)) / progress.bytesTotal), progress);
        }
        if (state === 'completed') return resolve(job.returnvalue as ImportJobResult);
        if (state === 'failed') return reject(new StaystreamError('import_failed', `import failed: ${job.failedReason}`));
        setTimeout(() => void check().catch(reject), 500);
      };
      void check().catch(reject);
    });
  } finally {
    bar?.update(100);
    bar?.stop();
    await queue.close();
    await connection.quit().catch(() => undefined);
  }
}

function printSummary(result: ImportJobResult): void {
  const seconds = result.durationMs / 1000;
  console.log(`read      ${result.read} rows in ${seconds.toFixed(1)} s (${Math.round(result.read / seconds)} rows/s)`);
  console.log(`accepted  ${result.accepted}`);
  console.log(`rejected  ${result.rejected}`);
  for (const [reason, count] of Object.entries(result.rejectedByReason).sort((a, b) => b[1] - a[1])) {
    console.log(`  ${String(count).padStart(7)}  ${reason}`);
  }
}
