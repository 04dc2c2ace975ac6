import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runReplay, type Fingerprint } from '@staystream/cli';
import { createLogger } from '@staystream/logger';
import { pollUntil } from '@staystream/testing';
import { feed, freePort, ProcessPipeline, ROOT, runScript, type ServiceName } from './faults/harness';
import { faultInput } from './faults/input';

/**
 * Promises 1, 2, 5 and 6 under faults (issue #5): each scenario runs the same input through
 * real service processes in a namespace of its own, causes one fault, and then requires a
 * balanced reconciliation and the fingerprint of a clean run.
 */
const input = faultInput();
const poisonAndRejected = 3;
const recoveryMs: Record<string, number> = {};

async function settle(pipeline: ProcessPipeline): Promise<Fingerprint> {
  await pipeline.waitUntilLoaded(input.accepted);
  await pipeline.waitForDeadLetters(poisonAndRejected);
  const accounts = await pollUntil(() => pipeline.reconcile(), (r) => r.balanced, { what: 'a balanced reconciliation', timeoutMs: 60_000, intervalMs: 1_000 });
  expect(accounts.sources.reduce((sum, s) => sum + s.pending, 0)).toBe(0);
  return await pipeline.fingerprint();
}

describe('delivery guarantees under faults (#5)', () => {
  let clean: ProcessPipeline;
  let expected: Fingerprint;

  beforeAll(async () => {
    clean = new ProcessPipeline('fault_clean');
    await clean.startAll();
    await feed(clean, input);
    expected = await settle(clean);
  });

  afterAll(async () => {
    await clean?.stop();
    process.stderr.write(`fault recovery times (ms, fault to everything loaded): ${JSON.stringify(recoveryMs)}\n`);
  });

  it('loads every accepted event of the clean run and keeps the poison message as a dead letter', () => {
    const table = (name: string) => expected.tables.find((t) => t.table === name)?.rows;

    expect(table('reservations')).toBe(240);
    expect(table('dead_letters')).toBe(poisonAndRejected);
  });

  it('leaves the fingerprint unchanged when the whole input is replayed twice', async () => {
    const config = { ...clean.cliConfig(), STAYSTREAM_ROOT: ROOT };
    const logger = createLogger({ service: 'fault-test', level: 'warn' });

    for (const round of [1, 2]) {
      const summary = await runReplay(config, logger, { dryRun: false, progress: false, waitForSink: true, json: false, id: `twice-${round}` });
      expect('read' in summary && summary.read).toBe(input.accepted + 1);
      if ('read' in summary) process.stderr.write(`replay ${round}: ${summary.read} events in ${summary.replayMs} ms, sink caught up after ${summary.sinkCaughtUpMs} ms\n`);
      expect(await clean.fingerprint()).toEqual(expected);
    }
  });

  it.each<[string, ServiceName, string]>([
    ['the enricher is killed after producing, before committing', 'enricher', 'enricher:after-produce-before-commit'],
    ['the sink is killed after inserting, before committing', 'sink', 'sink:after-insert-before-commit'],
  ])('recovers with nothing lost or doubled when %s', async (label, service, point) => {
    const pipeline = new ProcessPipeline(`fault_${service}`);
    try {
      await pipeline.startAll({ [service]: { STAYSTREAM_FAULT: point, STAYSTREAM_FAULT_AT_BATCH: '3' } });
      const feeding = feed(pipeline, input);

      expect(await pipeline.exited(service)).toBe('SIGKILL');
      const killedAt = Date.now();
      await pipeline.start(service);
      await feeding;

      expect(await settle(pipeline)).toEqual(expected);
      recoveryMs[label] = Date.now() - killedAt;
    } finally {
      await pipeline.stop();
    }
  });

  it('recovers when a ClickHouse insert fails', async () => {
    const pipeline = new ProcessPipeline('fault_insert');
    try {
      await pipeline.startAll({ sink: { STAYSTREAM_FAULT: 'sink:insert-fails', STAYSTREAM_FAULT_AT_BATCH: '2' } });
      await feed(pipeline, input);
      const fedAt = Date.now();

      expect(await settle(pipeline)).toEqual(expected);
      recoveryMs['insert fails'] = Date.now() - fedAt;
    } finally {
      await pipeline.stop();
    }
  });

  it('recovers when Redis is killed and restarted mid-stream', async () => {
    const redis = await PrivateRedis.start();
    const pipeline = new ProcessPipeline('fault_redis', { REDIS_URL: redis.url });
    let restartedAt = 0;
    try {
      await pipeline.startAll();
      await feed(pipeline, input, async (index) => {
        if (index !== 4) return;
        await redis.restart();
        restartedAt = Date.now();
      });

      expect(await settle(pipeline)).toEqual(expected);
      recoveryMs['redis restart'] = Date.now() - restartedAt;
    } finally {
      await pipeline.stop();
      await redis.stop();
    }
  });

  it('recovers when the Kafka broker is killed and restarted mid-stream', async () => {
    const broker = await PrivateBroker.start();
    const pipeline = new ProcessPipeline('fault_broker', { KAFKA_BROKERS: broker.address });
    let restartedAt = 0;
    try {
      await pipeline.startAll();
      await feed(pipeline, input, async (index) => {
        if (index !== 4) return;
        broker.restart();
        restartedAt = Date.now();
      });

      expect(await settle(pipeline)).toEqual(expected);
      recoveryMs['broker restart'] = Date.now() - restartedAt;
    } finally {
      await pipeline.stop();
      broker.stop();
    }
  });
});

/** A fresh folder under the project's run directory (which a clone without infra lacks). */
function scratchDir(prefix: string): string {
  const parent = path.join(ROOT, '.staystream');
  fs.mkdirSync(parent, { recursive: true });
  return fs.mkdtempSync(path.join(parent, prefix));
}

/** A redis-server of the test's own, on a free port, with its own append-only file. */
class PrivateRedis {
  private child: ChildProcess | null = null;

  private constructor(
    private readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<PrivateRedis> {
    const dir = scratchDir('fault-redis-');
    const redis = new PrivateRedis(await freePort(), dir);
    await redis.launch();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.launch();
  }

  async stop(): Promise<void> {
    await this.kill();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private async launch(): Promise<void> {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--save', ''], {
      stdio: 'ignore',
    });
    await pollUntil(() => ping(this.port), (ok) => ok, { what: 'the private redis-server', timeoutMs: 20_000, intervalMs: 100 });
  }

  private async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await gone;
  }
}

async function ping(port: number): Promise<boolean> {
  const net = await import('node:net');
  return await new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
  });
}

/** A single-node Kafka of the test's own (scripts/fault-broker.sh); the shared broker is never touched. */
class PrivateBroker {
  private constructor(
    private readonly dir: string,
    private readonly port: number,
    private readonly controllerPort: number,
  ) {}

  static async start(): Promise<PrivateBroker> {
    const dir = scratchDir('fault-kafka-');
    const broker = new PrivateBroker(dir, await freePort(), await freePort());
    broker.run('start');
    return broker;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  restart(): void {
    this.run('kill');
    this.run('start');
  }

  stop(): void {
    this.run('kill');
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private run(action: 'start' | 'kill'): void {
    runScript('fault-broker.sh', [action, this.dir, String(this.port), String(this.controllerPort)]);
  }
}
