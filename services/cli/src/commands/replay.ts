import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { Presets, SingleBar } from 'cli-progress';
import { StaystreamError } from '@staystream/errors';
import { createKafka, offsetsForTime, topicEndOffsets, type KafkaClient, type PartitionRange } from '@staystream/kafka';
import type { Logger } from '@staystream/logger';
import { topicName, type RawTopicKey } from '@staystream/schemas';
import type { CliConfig } from '../config';
import { toTable } from '../format';
import { repoRoot } from './infra';
import { lagByGroup } from './status';

export interface ReplayOptions {
  /** Comma-separated raw topics: reservations, stays, feedback (all by default). */
  topics?: string;
  from?: string;
  to?: string;
  property?: string;
  id?: string;
  dryRun: boolean;
  progress: boolean;
  /** Wait until the sink has loaded what the replay produced. */
  waitForSink: boolean;
  json: boolean;
}

export interface ReplayPlan {
  replayId: string;
  groupId: string;
  propertyId: string | null;
  ranges: PartitionRange[];
  events: number;
}

export interface ReplaySummary {
  plan: ReplayPlan;
  read: number;
  skipped: number;
  events: number;
  duplicates: number;
  deadLetters: number;
  outputs: number;
  replayMs: number;
  sinkCaughtUpMs: number | null;
}

const RAW_TOPICS: Record<string, RawTopicKey> = {
  reservations: 'rawReservations',
  stays: 'rawStays',
  feedback: 'rawFeedback',
};

type Position = { kind: 'beginning' } | { kind: 'end' } | { kind: 'offset'; offset: number } | { kind: 'time'; ms: number };

/** Reads a --from / --to value: an offset, an ISO time, "beginning" or "end". */
export function parsePosition(option: 'from' | 'to', text: string | undefined): Position {
  if (text === undefined) return { kind: option === 'from' ? 'beginning' : 'end' };
  const value = text.trim().toLowerCase();
  if (value === 'beginning' || value === 'earliest') return { kind: 'beginning' };
  if (value === 'end' || value === 'latest' || value === 'now') return { kind: 'end' };
  if (/^\d+$/.test(value)) return { kind: 'offset', offset: Number(value) };
  const ms = Date.parse(text);
  if (/^\d{4}-\d{2}-\d{2}/.test(value) && Number.isFinite(ms)) return { kind: 'time', ms };
  throw new StaystreamError(
    'replay_option_invalid',
    `--${option}=${text}: expected an offset (1200), an ISO time (2026-01-10T09:00:00Z), "beginning" or "end"`,
  );
}

/** The chosen raw topics' keys; an unknown name is an error naming the accepted ones. */
export function parseTopics(text: string | undefined): RawTopicKey[] {
  if (!text) return Object.values(RAW_TOPICS);
  return text.split(',').map((name) => {
    const key = RAW_TOPICS[name.trim()];
    if (!key) {
      throw new StaystreamError('replay_option_invalid', `--topics: unknown topic "${name}"; expected ${Object.keys(RAW_TOPICS).join(', ')}`);
    }
    return key;
  });
}

/** Offset ranges per partition of the chosen raw topics, resolved against the broker now. */
export async function planReplay(config: CliConfig, kafka: KafkaClient, options: ReplayOptions): Promise<ReplayPlan> {
  const from = parsePosition('from', options.from);
  const to = parsePosition('to', options.to);
  const replayId = options.id ?? randomBytes(4).toString('hex');
  const scoped = `staystream-replay-${replayId}`;
  const ranges: PartitionRange[] = [];

  for (const key of parseTopics(options.topics)) {
    const topic = topicName(key, config.TOPIC_PREFIX);
    const bounds = await topicEndOffsets(kafka, topic);
    const starts = await resolve(kafka, topic, from, bounds);
    const ends = await resolve(kafka, topic, to, bounds);
    for (const { partition } of bounds) {
      const start = starts.get(partition)!;
      ranges.push({ topic, partition, from: start, to: Math.max(start, ends.get(partition)!) });
    }
  }
  return {
    replayId,
    groupId: config.TOPIC_PREFIX ? `${scoped}.${config.TOPIC_PREFIX}` : scoped,
    propertyId: options.property ?? null,
    ranges,
    events: ranges.reduce((sum, r) => sum + r.to - r.from, 0),
  };
}

async function resolve(
  kafka: KafkaClient,
  topic: string,
  position: Position,
  bounds: { partition: number; low: number; high: number }[],
): Promise<Map<number, number>> {
  const clamp = (p: { low: number; high: number }, offset: number) => Math.min(Math.max(offset, p.low), p.high);
  if (position.kind !== 'time') {
    return new Map(
      bounds.map((p) => [
        p.partition,
        position.kind === 'beginning' ? p.low : position.kind === 'end' ? p.high : clamp(p, position.offset),
      ]),
    );
  }
  const byTime = await offsetsForTime(kafka, topic, position.ms);
  return new Map(bounds.map((p) => [p.partition, clamp(p, byTime.find((o) => o.partition === p.partition)?.offset ?? p.high)]));
}

/**
 * Replays raw topics through the enricher's logic with a consumer group of its own; the sink
 * loads what it produces. The enricher's replay worker runs as a child process (services do
 * not import each other) and reports progress as JSON lines.
 */
export async function runReplay(config: CliConfig, logger: Logger, options: ReplayOptions): Promise<ReplaySummary | ReplayPlan> {
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS.split(','), clientId: 'staystream-replay', logger });
  let plan: ReplayPlan;
  try {
    plan = await planReplay(config, kafka, options);
  } finally {
    await kafka.disconnect();
  }
  if (options.dryRun) return plan;

  const started = Date.now();
  const outcome = await runWorker(config, plan, options.progress);
  const replayMs = Date.now() - started;
  const sinkCaughtUpMs = options.waitForSink ? await waitForSink(config, logger, started) : null;
  return { plan, ...outcome, replayMs, sinkCaughtUpMs };
}

type WorkerOutcome = Pick<ReplaySummary, 'read' | 'skipped' | 'events' | 'duplicates' | 'deadLetters' | 'outputs'>;

async function runWorker(config: CliConfig, plan: ReplayPlan, showProgress: boolean): Promise<WorkerOutcome> {
  const worker = path.join(repoRoot(config), 'services', 'enricher', 'dist', 'replay-main.js');
  const bar = showProgress
    ? new SingleBar({ format: 'replay |{bar}| {percentage}% | {value}/{total} events | ETA {eta_formatted}', etaBuffer: 50, hideCursor: true }, Presets.shades_classic)
    : null;
  bar?.start(plan.events, 0);

  const child = spawn(process.execPath, [worker, JSON.stringify(plan)], {
    env: {
      ...process.env,
      KAFKA_BROKERS: config.KAFKA_BROKERS,
      SCHEMA_REGISTRY_URL: config.SCHEMA_REGISTRY_URL,
      REDIS_URL: config.REDIS_URL,
      TOPIC_PREFIX: config.TOPIC_PREFIX,
      LOG_LEVEL: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let outcome: WorkerOutcome | null = null;
  let failure = '';
  for await (const line of readline.createInterface({ input: child.stdout! })) {
    const message = JSON.parse(line) as { type: string; read?: number; message?: string } & WorkerOutcome;
    if (message.type === 'progress') bar?.update(message.read ?? 0);
    else if (message.type === 'outcome') outcome = message;
    else if (message.type === 'error') failure = message.message ?? 'unknown error';
  }
  const code = await new Promise<number>((done) => child.once('close', (c) => done(c ?? 1)));
  bar?.update(outcome?.read ?? 0);
  bar?.stop();
  if (code !== 0 || !outcome) {
    throw new StaystreamError('replay_failed', `the replay worker failed (exit ${code}): ${failure || 'no outcome reported'}; run the same command with --id ${plan.replayId} to resume`);
  }
  return outcome;
}

/** Waits until the sink's group has no lag left on the enriched topics; returns the time since start. */
async function waitForSink(config: CliConfig, logger: Logger, started: number): Promise<number> {
  const deadline = Date.now() + 30 * 60_000;
  while (Date.now() < deadline) {
    const groups = await lagByGroup(config, logger);
    const sink = groups.find((g) => g.group.startsWith('staystream-sink'));
    if (sink && sink.lag === 0) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new StaystreamError('replay_sink_behind', 'the sink did not catch up within 30 minutes; see `staystream status`');
}

export async function replayCommand(config: CliConfig, logger: Logger, options: ReplayOptions): Promise<number> {
  const result = await runReplay(config, logger, options);
  if (options.json) {
    console.log(JSON.stringify(result, null, 2));
    return 0;
  }
  if ('ranges' in result) {
    printPlan(result, true);
    return 0;
  }
  printPlan(result.plan, false);
  printSummary(result);
  return 0;
}

function printPlan(plan: ReplayPlan, dryRun: boolean): void {
  const rows = plan.ranges.map((r) => ({ topic: r.topic, partition: r.partition, from: r.from, to: r.to, events: r.to - r.from }));
  console.log(toTable(rows));
  const filter = plan.propertyId ? `, of which only property ${plan.propertyId} is re-derived` : '';
  const verb = dryRun ? 'would replay' : 'replayed';
  console.log(`\n${verb} ${plan.events} events${filter} with consumer group ${plan.groupId}`);
}

function printSummary(s: ReplaySummary): void {
  const seconds = s.replayMs / 1000;
  console.log(`read         ${s.read} events in ${seconds.toFixed(1)} s (${Math.round(s.read / Math.max(seconds, 0.001))} events/s)`);
  console.log(`re-derived   ${s.events - s.duplicates} events into ${s.outputs} records, ${s.deadLetters} dead letters`);
  if (s.skipped > 0) console.log(`skipped      ${s.skipped} events of other properties`);
  if (s.sinkCaughtUpMs !== null) console.log(`sink loaded  everything ${(s.sinkCaughtUpMs / 1000).toFixed(1)} s after the start`);
}
