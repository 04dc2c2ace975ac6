import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fingerprint, loadCliConfig, openStore, reconcile, type Fingerprint, type Reconciliation } from '@staystream/cli';
import { createKafka, createProducer } from '@staystream/kafka';
import { createLogger } from '@staystream/logger';
import { pollUntil, uniqueName } from '@staystream/testing';
import type { FaultInput } from './input';

export const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
/** The data directory the in-process tests use (see ../pipeline.ts); never a child's store. */
const TEST_DATA_DIR = path.join(ROOT, '.staystream', 'test-clickhouse');
const logger = createLogger({ service: 'fault-test', level: 'warn' });

/**
 * A restarted service joins its group only once the killed member's session (30 s) has timed
 * out; the rest is headroom for a busy machine.
 */
const START_TIMEOUT_MS = 120_000;

export type ServiceName = 'sink' | 'enricher' | 'collector';

const PORT_KEY: Record<ServiceName, string> = { sink: 'SINK_PORT', enricher: 'ENRICHER_OPS_PORT', collector: 'COLLECTOR_PORT' };

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The dead-letter columns that name the run's own topics (each run has its own namespace). */
const NAMESPACE_COLUMNS = ['dlq_id', 'topic', 'schema_subject'];

/**
 * TODO(#3): the golden row of a customer (`customers`) is rebuilt by whichever event touches
 * the customer last, and events of different topics are not replayed in their first order, so
 * a re-derived golden row can differ from the first one (identity links, facts and aliases do
 * not). Remove once golden rows are derived from `customer_records` alone.
 */
const KNOWN_NONDETERMINISTIC = ['customers.version'];
const isOrderDependent = (table: string) => table === 'customers';

/**
 * The KPI rollups are refreshed on a timer from the base tables (refreshable views), so their
 * content depends on when the last refresh ran; the base tables they are computed from are
 * fingerprinted instead. TODO(#5): compare them too after a forced refresh; one run of the
 * replay test hung in that refresh on the embedded store, so it is left out until that is
 * understood.
 */
const isRollup = (table: string) => table.startsWith('kpi_');

/**
 * Identity rows are versioned by the time the collector received their event, and every run
 * receives its input anew: equal within a run and its replays, different between two runs.
 */
const RECEIVED_AT_VERSIONS = [
  'customer_records.version',
  'customer_aliases.version',
  'identity_changes.version',
  'identity_changes.occurred_at',
];

/**
 * One namespace with the three services as real child processes (`node services/<name>/dist/main.js`),
 * its own topics, groups, Redis keys, ClickHouse database and data directory.
 */
export class ProcessPipeline {
  readonly namespace: string;
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  private readonly children = new Map<ServiceName, ChildProcess>();
  private readonly ports = new Map<ServiceName, number>();

  constructor(label: string, overrides: NodeJS.ProcessEnv = {}) {
    this.namespace = uniqueName(label);
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `staystream-${label}-`));
    this.env = {
      ...process.env,
      TOPIC_PREFIX: this.namespace,
      CLICKHOUSE_DATABASE: this.namespace,
      STAYSTREAM_DATA_DIR: path.join(this.dir, 'clickhouse'),
      // Each service's log is a file in the run's folder, quoted when a start fails.
      LOG_LEVEL: 'info',
      // The test posts as a client of a closed network: no per-source keys.
      COLLECTOR_AUTH: 'off',
      SINK_MAX_BATCH_ROWS: '64',
      SINK_MAX_WAIT_MS: '200',
      ...overrides,
    };
  }

  async start(name: ServiceName, extra: NodeJS.ProcessEnv = {}): Promise<void> {
    const port = this.ports.get(name) ?? (await freePort());
    this.ports.set(name, port);
    const log = fs.openSync(path.join(this.dir, `${name}.log`), 'a');
    const child = spawn(process.execPath, [path.join(ROOT, 'services', name, 'dist', 'main.js')], {
      env: { ...this.env, [PORT_KEY[name]]: String(port), ...extra },
      stdio: ['ignore', log, log],
    });
    fs.closeSync(log);
    this.children.set(name, child);
    const exited = () => child.exitCode !== null || child.signalCode !== null;
    const ready = await pollUntil(
      async () => (exited() ? { ok: false, detail: 'exited' } : await this.readiness(name)),
      (answer) => answer.ok || exited(),
      { what: `${name} ready`, timeoutMs: START_TIMEOUT_MS },
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${name} log:\n${this.logTail(name)}`);
    });
    if (!ready.ok) throw new Error(`${name} exited while starting:\n${this.logTail(name)}`);
  }

  /** The service's readiness answer; a refused connection (still starting) reads as not ready. */
  private async readiness(name: ServiceName): Promise<{ ok: boolean; detail: string }> {
    try {
      const response = await fetch(`${this.url(name)}/health/ready`, { signal: AbortSignal.timeout(5_000) });
      return { ok: response.ok, detail: await response.text() };
    } catch (error) {
      return { ok: false, detail: String(error) };
    }
  }

  async startAll(faulty: Partial<Record<ServiceName, NodeJS.ProcessEnv>> = {}): Promise<void> {
    await this.start('sink', faulty.sink);
    await Promise.all([this.start('enricher', faulty.enricher), this.start('collector', faulty.collector)]);
  }

  url(name: ServiceName): string {
    return `http://127.0.0.1:${this.ports.get(name)}`;
  }

  /** Resolves when the service's process has ended (by a fault point's SIGKILL, for one). */
  async exited(name: ServiceName, timeoutMs = 60_000): Promise<NodeJS.Signals | number> {
    const child = this.children.get(name)!;
    if (child.exitCode !== null || child.signalCode !== null) return child.signalCode ?? child.exitCode!;
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} still running after ${timeoutMs} ms`)), timeoutMs);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        resolve(signal ?? code ?? 0);
      });
    });
  }

  async kill9(name: ServiceName): Promise<void> {
    this.children.get(name)?.kill('SIGKILL');
    await this.exited(name);
  }

  /**
   * Stops the services for good and removes the run's folder (its store and logs), unless
   * STAYSTREAM_KEEP_TEST_DIRS=1 asks to keep it for a look.
   */
  async stop(): Promise<void> {
    for (const name of ['collector', 'enricher', 'sink'] as const) {
      const child = this.children.get(name);
      if (!child || child.exitCode !== null || child.signalCode !== null) continue;
      child.kill('SIGTERM');
      await this.exited(name, 30_000).catch(() => child.kill('SIGKILL'));
    }
    if (process.env.STAYSTREAM_KEEP_TEST_DIRS !== '1') fs.rmSync(this.dir, { recursive: true, force: true });
  }

  logTail(name: ServiceName): string {
    const file = path.join(this.dir, `${name}.log`);
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').slice(-15).join('\n') : '(no log)';
  }

  /**
   * The CLI's view of this namespace. NOTE: its data directory is the one the in-process
   * tests use, never the sink child's: should the sink not answer, a fallback must not lock
   * the child's store.
   */
  cliConfig() {
    return loadCliConfig({
      ...this.env,
      STAYSTREAM_DATA_DIR: TEST_DATA_DIR,
      SINK_URL: this.url('sink'),
      COLLECTOR_URL: this.url('collector'),
    });
  }

  /** Posts like a real client: a request that fails (a broker restart) is sent again. */
  async post(type: string, body: unknown): Promise<Record<string, unknown>> {
    return await pollUntil(
      async () => {
        const response = await fetch(`${this.url('collector')}/v1/events/${type}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      },
      // An intake answer (even 400 for a batch of only bad events) ends the retries.
      (r) => r.status < 500 && 'accepted' in r.body,
      { what: `the collector accepting ${type}`, timeoutMs: 120_000, intervalMs: 500 },
    ).then((r) => r.body);
  }

  async postProperties(properties: object[]): Promise<void> {
    for (const property of properties) {
      await pollUntil(
        () => fetch(`${this.url('collector')}/v1/properties`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(property),
        }).then((r) => r.status),
        (status) => status < 300,
        { what: 'the collector accepting a property', timeoutMs: 60_000, intervalMs: 500 },
      );
    }
  }

  /** Bytes no schema decodes, produced straight to the raw reservations topic. */
  async producePoison(): Promise<void> {
    const kafka = createKafka({ brokers: String(this.env.KAFKA_BROKERS).split(','), clientId: 'fault-poison', logger });
    const producer = await createProducer(kafka);
    try {
      await producer.send(`staystream.${this.namespace}.raw.reservations`, [
        { key: 'poison', value: Buffer.from('poison: not the Confluent wire format') },
      ]);
    } finally {
      await producer.disconnect();
      await kafka.disconnect();
    }
  }

  async loadedEvents(): Promise<number> {
    const store = await openStore(this.cliConfig(), logger);
    try {
      const [row] = await store.query<{ n: string }>(
        `SELECT count() AS n FROM {db:Identifier}.event_ledger FINAL WHERE outcome = 'loaded'`,
        { db: this.namespace },
      );
      return Number(row?.n ?? 0);
    } finally {
      await store.close();
    }
  }

  async waitUntilLoaded(events: number, timeoutMs = 120_000): Promise<void> {
    await pollUntil(() => this.loadedEvents(), (n) => n === events, { what: `${events} loaded events`, timeoutMs, intervalMs: 250 });
  }

  async reconcile(): Promise<Reconciliation> {
    return await reconcile(this.cliConfig(), logger);
  }

  /** The fingerprint of every base table but the order-dependent golden rows. */
  async fingerprint(): Promise<Fingerprint> {
    const store = await openStore(this.cliConfig(), logger);
    try {
      const exclude = [...NAMESPACE_COLUMNS, ...KNOWN_NONDETERMINISTIC, ...RECEIVED_AT_VERSIONS];
      return await fingerprint(store, { exclude, skipTables: (table) => isRollup(table) || isOrderDependent(table) });
    } finally {
      await store.close();
    }
  }

  /** Waits until the poison message's dead letter is in ClickHouse. */
  async waitForDeadLetters(count: number): Promise<void> {
    const store = await openStore(this.cliConfig(), logger);
    try {
      await pollUntil(
        () => store.query<{ n: string }>(`SELECT count() AS n FROM {db:Identifier}.dead_letters FINAL`, { db: this.namespace }),
        (rows) => Number(rows[0]?.n) >= count,
        { what: `${count} dead letters`, timeoutMs: 60_000 },
      );
    } finally {
      await store.close();
    }
  }
}

/** Sends the whole input through the collector, the poison message first. */
export async function feed(pipeline: ProcessPipeline, input: FaultInput, between?: (index: number) => Promise<void>): Promise<void> {
  await pipeline.producePoison();
  await pipeline.postProperties(input.properties);
  for (const [index, batch] of input.batches.entries()) {
    await between?.(index);
    await pipeline.post(batch.type, batch.events);
  }
}

/** Runs a script of this repository with bash; fails with its output when it fails. */
export function runScript(script: string, args: string[]): void {
  const result = spawnSync('bash', [path.join(ROOT, 'scripts', script), ...args], { encoding: 'utf8', timeout: 180_000 });
  if (result.status !== 0) throw new Error(`${script} ${args.join(' ')} failed:\n${result.stderr}\n${result.stdout}`);
}
