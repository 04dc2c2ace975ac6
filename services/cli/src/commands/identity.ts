import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import {
  RedisIdentityStore,
  clusterMetrics,
  createIdentityResolver,
  decodeLinkReason,
  encodeLinkReason,
  formatEvaluation,
  linkReasonsKey,
  runEvaluation,
  type BirthDateVeto,
} from '@staystream/identity';
import { createProducer } from '@staystream/kafka';
import type { Logger } from '@staystream/logger';
import { createRedis } from '@staystream/queue';
import { createRuntime } from '@staystream/runtime';
import type { CustomerRecord, IdentityChange } from '@staystream/schemas';
import type { CliConfig } from '../config';
import { formatRows, toTable, type OutputFormat } from '../format';
import { openStore } from '../store';

/** Where the enricher keeps a tenant's identity graph (see services/enricher/src/service.ts). */
export function identityNamespace(config: CliConfig, tenant: string): string {
  return `staystream:${config.TOPIC_PREFIX || 'main'}:identity:${tenant}`;
}

export interface EvaluateOptions {
  truth: string;
  idColumn?: string;
  birthDateVeto?: BirthDateVeto;
  json?: boolean;
}

/** Runs the enricher's own resolver over a labelled file, without Kafka, and prints its figures. */
export async function identityEvaluateCommand(csvPath: string, options: EvaluateOptions): Promise<number> {
  const result = await runEvaluation({
    csvPath,
    truth: options.truth,
    ...(options.idColumn ? { idColumn: options.idColumn } : {}),
    ...(options.birthDateVeto ? { options: { birthDateVeto: options.birthDateVeto } } : {}),
  });
  console.log(options.json ? JSON.stringify(result, null, 2) : formatEvaluation(result));
  return 0;
}

export async function identityProposalsCommand(config: CliConfig, tenant: string, format: OutputFormat): Promise<number> {
  const redis = createRedis(config.REDIS_URL);
  try {
    const store = new RedisIdentityStore(redis, identityNamespace(config, tenant));
    const proposals = await store.listProposals();
    console.log(formatRows(proposals.map((p) => ({ ...p, weight: Math.round(p.weight * 100) / 100 })), format));
    return 0;
  } finally {
    redis.disconnect();
  }
}

export interface SplitOptions {
  tenant: string;
  reason: string;
  actor: string;
}

/**
 * Moves records out of a customer into a new one, for good: the resolver never links the two
 * sides again. The split is published as an identity change and the moved records are
 * re-pointed, so analytics follow it.
 */
export async function identitySplitCommand(
  config: CliConfig,
  logger: Logger,
  customerId: string,
  recordIds: string[],
  options: SplitOptions,
): Promise<number> {
  const redis = createRedis(config.REDIS_URL);
  const runtime = createRuntime({ service: 'cli', config, logger });
  try {
    const store = new RedisIdentityStore(redis, identityNamespace(config, options.tenant));
    const resolver = createIdentityResolver({ store });
    const result = await resolver.split(customerId, recordIds, { actor: options.actor, reason: options.reason });
    if (!result.ok) {
      console.error(`split refused: ${result.reason}`);
      return 1;
    }

    await runtime.setup();
    const producer = await createProducer(runtime.kafka);
    const at = Date.parse(result.event.at);
    const change: IdentityChange = {
      change_id: createHash('sha256').update(`split\u001f${customerId}\u001f${result.event.newCustomerId}`).digest('hex').slice(0, 32),
      tenant_id: options.tenant,
      kind: 'split',
      customer_id: customerId,
      other_customer_id: result.event.newCustomerId,
      rule: 'operator',
      score: null,
      record_ids: result.event.recordIds,
      actor: options.actor,
      reason: options.reason,
      occurred_at: at,
      version: at,
    };
    // Each moved record keeps its source and role, and "split" as the reason it is where it is
    // should it be resolved again later.
    const reasonsKey = linkReasonsKey(identityNamespace(config, options.tenant));
    const before = await redis.hmget(reasonsKey, ...result.event.recordIds);
    const moved: CustomerRecord[] = result.event.recordIds.map((recordId, i) => {
      const origin = decodeLinkReason(before[i]);
      return {
        tenant_id: options.tenant, record_id: recordId, customer_id: result.event.newCustomerId,
        source_system: origin?.source_system ?? '', role: origin?.role ?? '', rule: 'split', score: null, linked_to: '', version: at,
      };
    });
    await redis.hset(reasonsKey, Object.fromEntries(moved.map((r) => [r.record_id, encodeLinkReason(r)])));
    const changes = runtime.topic('identityChanges');
    const records = runtime.topic('customerRecords');
    await producer.sendMany([
      { topic: changes, messages: [{ key: change.change_id, value: runtime.codecs.encodeSync(changes, change) }] },
      { topic: records, messages: moved.map((r) => ({ key: `${r.tenant_id}:${r.record_id}`, value: runtime.codecs.encodeSync(records, r) })) },
    ]);
    await producer.disconnect();

    console.log(`split ${customerId}: ${result.event.recordIds.length} records moved to ${result.event.newCustomerId}`);
    return 0;
  } finally {
    redis.disconnect();
    await runtime.close();
  }
}

/** A customer: the golden record, each source record and why it was linked, and its changes. */
export async function customersShowCommand(config: CliConfig, logger: Logger, customerId: string, tenant: string): Promise<number> {
  const redis = createRedis(config.REDIS_URL);
  const store = await openStore(config, logger);
  try {
    const resolver = createIdentityResolver({ store: new RedisIdentityStore(redis, identityNamespace(config, tenant)) });
    const golden = await resolver.golden(customerId);
    if (!golden) {
      console.error(`no customer ${customerId} in tenant ${tenant}`);
      return 1;
    }

    const db = store.database;
    const links = await store.query(
      `SELECT record_id, source_system, role, rule, round(ifNull(score, 0), 1) AS score, linked_to
       FROM ${db}.customer_records FINAL WHERE record_id IN {ids:Array(String)} ORDER BY record_id`,
      { ids: golden.recordIds },
    );
    const changes = await store.query(
      `SELECT kind, customer_id, other_customer_id, rule, round(ifNull(score, 0), 1) AS score, toString(occurred_at) AS at
       FROM ${db}.identity_changes FINAL WHERE customer_id = {id:String} OR other_customer_id = {id:String} ORDER BY occurred_at`,
      { id: golden.customerId },
    );

    console.log(`customer ${golden.customerId}${golden.customerId === customerId ? '' : ` (merged from ${customerId})`}`);
    console.log(`  name      ${golden.name ? `${golden.name.value.given} ${golden.name.value.family}` : '-'}  (from ${golden.name?.sourceRecordIds.join(', ') ?? '-'})`);
    console.log(`  e-mail    ${golden.email?.value ?? '-'}  (from ${golden.email?.sourceRecordIds.join(', ') ?? '-'})`);
    console.log(`  phone     ${golden.phone?.value ?? '-'}  (from ${golden.phone?.sourceRecordIds.join(', ') ?? '-'})`);
    console.log(`  birth     ${golden.birthDate?.value ?? '-'}`);
    console.log(`\nsource records and why each was linked:\n${toTable(links)}`);
    if (changes.length > 0) console.log(`\nmerges and splits:\n${toTable(changes)}`);
    return 0;
  } finally {
    redis.disconnect();
    await store.close();
  }
}

/**
 * Scores the pipeline's customers against known persons: each guest record's customer (from
 * customer_records, merges and splits applied) against its true person, pairwise and B-cubed.
 */
export async function identityScoreCommand(config: CliConfig, logger: Logger, truthFile: string, json: boolean): Promise<number> {
  const truth = new Map<string, string>();
  for (const line of fs.readFileSync(truthFile, 'utf8').split('\n').slice(1)) {
    const comma = line.lastIndexOf(',');
    if (comma > 0) truth.set(line.slice(0, comma), line.slice(comma + 1).trim());
  }

  const store = await openStore(config, logger);
  try {
    const rows = await store.query<{ record_id: string; customer_id: string }>(
      `SELECT record_id, argMax(customer_id, version) AS customer_id FROM ${store.database}.customer_records GROUP BY record_id`,
    );
    const predicted = new Map(rows.map((row) => [row.record_id, row.customer_id]));
    const metrics = clusterMetrics(predicted, truth);

    if (json) {
      console.log(JSON.stringify(metrics, null, 2));
      return 0;
    }
    const pct = (value: number) => value.toFixed(4);
    console.log(`guest records scored ${metrics.counts.records} of ${truth.size} in the truth (others were rejected or named nobody)`);
    console.log(`persons ${metrics.counts.truthClusters}, customers ${metrics.counts.predictedClusters}`);
    console.log(`pairwise  precision ${pct(metrics.pairwise.precision)}  recall ${pct(metrics.pairwise.recall)}  F1 ${pct(metrics.pairwise.f1)}`);
    console.log(`B-cubed   precision ${pct(metrics.bcubed.precision)}  recall ${pct(metrics.bcubed.recall)}  F1 ${pct(metrics.bcubed.f1)}`);
    return 0;
  } finally {
    await store.close();
  }
}
