import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { loadCliConfig, reconcile, runImportCommand } from '@staystream/cli';
import { createLogger } from '@staystream/logger';
import { createQueue, createRedis, queuePrefix, type ImportJob, type ImportJobResult } from '@staystream/queue';
import { pollUntil, uniqueName } from '@staystream/testing';
import { freePort, REPO_ROOT, spawnService, terminate, type ServiceProcess } from './processes';

const ROWS = 20_000;

/** The header and the first rows of the bundled export. */
function sampleFile(rows: number): string {
  const bundled = path.join(REPO_ROOT, 'data', 'hotel_bookings', 'hotel_bookings.csv.gz');
  const lines = zlib.gunzipSync(fs.readFileSync(bundled)).toString('utf8').split('\n');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'staystream-')), 'bookings.csv');
  fs.writeFileSync(file, lines.slice(0, rows + 1).join('\n') + '\n');
  return file;
}

async function sinkQuery<T>(url: string, sql: string): Promise<T[]> {
  const response = await fetch(`${url}/v1/query`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sql }) });
  return ((await response.json()) as { rows: T[] }).rows;
}

async function ready(url: string): Promise<boolean> {
  return fetch(`${url}/health/ready`).then((r) => r.ok, () => false);
}

describe('SIGTERM during a busy import', () => {
  const namespace = uniqueName('it_sigterm');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'staystream-sigterm-'));
  const running: ServiceProcess[] = [];
  let env: NodeJS.ProcessEnv;
  const urls: Record<string, string> = {};

  const start = async (name: 'collector' | 'enricher' | 'sink') => {
    const service = spawnService(name, env);
    running.push(service);
    await pollUntil(() => ready(urls[name]!), Boolean, { what: `${name} ready`, timeoutMs: 60_000 });
    return service;
  };

  beforeAll(async () => {
    const [collector, enricher, sink] = [await freePort(), await freePort(), await freePort()];
    env = {
      ...process.env,
      TOPIC_PREFIX: namespace,
      CLICKHOUSE_DATABASE: namespace,
      STAYSTREAM_DATA_DIR: dataDir,
      COLLECTOR_PORT: String(collector),
      ENRICHER_OPS_PORT: String(enricher),
      SINK_PORT: String(sink),
      SINK_URL: `http://127.0.0.1:${sink}`,
      IMPORT_BATCH_ROWS: '500',
      SHUTDOWN_DEADLINE_MS: '20000',
      LOG_LEVEL: 'info',
    };
    urls.collector = `http://127.0.0.1:${collector}`;
    urls.enricher = `http://127.0.0.1:${enricher}`;
    urls.sink = `http://127.0.0.1:${sink}`;
  });

  afterAll(async () => {
    for (const service of running) await terminate(service);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops the collector and the enricher with 0, resumes after a restart, and loses nothing', async () => {
    await start('sink');
    let enricher = await start('enricher');
    let collector = await start('collector');

    const config = loadCliConfig(env);
    await runImportCommand(config, sampleFile(ROWS), { wait: false, progress: false });
    const redis = createRedis(config.REDIS_URL);
    const queue = createQueue('imports', redis, queuePrefix(namespace));
    try {
      const job = async () => (await queue.getJobs(['active', 'waiting', 'completed', 'failed']))[0];
      await pollUntil(job, (j) => Number((j?.progress as { read?: number })?.read) >= 2_000, { what: 'an import under way', intervalMs: 20 });

      const exits = await Promise.all([terminate(collector), terminate(enricher)]);
      expect(exits).toEqual([0, 0]);
      expect(collector.log()).toContain('import paused for shutdown');
      const paused = (await job())!;
      const checkpoint = (paused.data as ImportJob).checkpoint!;
      expect(await paused.getState()).toBe('waiting');
      expect(checkpoint.read).toBeGreaterThan(0);
      expect(checkpoint.read).toBeLessThan(ROWS);

      enricher = await start('enricher');
      collector = await start('collector');
      const done = await pollUntil(job, (j) => j?.finishedOn !== undefined, { what: 'the resumed import to finish', timeoutMs: 120_000 });
      const summary = done!.returnvalue as ImportJobResult;
      expect(collector.log()).toContain('import resumed');
      expect(summary.read).toBe(ROWS);
      expect(summary.accepted + summary.rejected).toBe(ROWS);

      const logger = createLogger({ service: 'test', level: 'warn' });
      const result = await pollUntil(() => reconcile(config, logger), (r) => r.balanced, {
        what: 'a balanced reconciliation',
        timeoutMs: 150_000,
        intervalMs: 2_000,
      });
      const source = result.sources.find((s) => s.source === 'hotel-booking-demand')!;
      expect(source.pending).toBe(0);
      expect(source.accepted).toBe(source.loaded + source.rejected);
      const [count] = await sinkQuery<{ n: string }>(urls.sink!, `SELECT count() AS n FROM ${namespace}.reservations FINAL`);
      expect(Number(count!.n)).toBe(summary.accepted);
    } finally {
      await queue.close();
      await redis.quit();
    }
  });
});
