import { createHash } from 'node:crypto';
import type {
  CommitResult,
  CustomerState,
  IdentifierObservation,
  IdentityStore,
  MergeProposal,
  ResolutionChange,
  SplitChange,
  StoredRecord,
} from './identity-store';
import { COMMIT_SCRIPT, GET_CUSTOMERS_SCRIPT, GET_RECORDS_SCRIPT, SPLIT_SCRIPT } from './redis-scripts';

/**
 * The few Redis commands the store needs, as ioredis offers them. Declared here so that this
 * package stays free of a client dependency; the enricher passes its ioredis connection.
 */
export interface RedisLike {
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  evalsha(sha: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  pipeline(): RedisPipelineLike;
  lrange(key: string, start: number, stop: number): Promise<string[]>;
  smembers(key: string): Promise<string[]>;
  get(key: string): Promise<string | null>;
}

export interface RedisPipelineLike {
  sadd(key: string, member: string): RedisPipelineLike;
  scard(key: string): RedisPipelineLike;
  lrange(key: string, start: number, stop: number): RedisPipelineLike;
  llen(key: string): RedisPipelineLike;
  exec(): Promise<[Error | null, unknown][] | null>;
}

/** Caps each blocking key's list, as the memory store does, so a hot key stays bounded. */
const MAX_INDEXED_PER_KEY = 1000;
const CONFLICT: CommitResult = { ok: false, reason: 'conflict' };

/**
 * The identity graph in Redis, shared by every enricher instance and persisted with Redis.
 * Keys live under `{namespace}:`; the braces make them one Redis Cluster hash slot.
 */
export class RedisIdentityStore implements IdentityStore {
  private readonly prefix: string;
  /**
   * The length of each blocking key's list when the resolver read its candidates. A commit
   * is refused when a list grew since: a record another worker added could be this guest.
   */
  private readonly indexLengths = new Map<string, { lengths: number[]; window: number }>();

  constructor(
    private readonly redis: RedisLike,
    namespace: string,
  ) {
    this.prefix = `{${namespace}}:`;
  }

  async observeNames(observations: readonly IdentifierObservation[]): Promise<number[]> {
    if (observations.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const { value, nameKey } of observations) {
      const key = `${this.prefix}nm:${value}`;
      if (nameKey !== undefined) pipeline.sadd(key, nameKey);
      pipeline.scard(key);
    }
    const replies = await exec(pipeline);

    const counts: number[] = [];
    let at = 0;
    for (const { nameKey } of observations) {
      at += nameKey !== undefined ? 2 : 1;
      counts.push(Number(replies[at - 1]));
    }
    return counts;
  }

  async findRecordIds(keys: readonly string[], limitPerKey: number): Promise<string[]> {
    if (keys.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const key of keys) {
      pipeline.lrange(`${this.prefix}blk:${key}`, 0, limitPerKey - 1);
      pipeline.llen(`${this.prefix}blk:${key}`);
    }
    const replies = await exec(pipeline);
    const lists = replies.filter((_, i) => i % 2 === 0) as string[][];
    // Growth past the read window cannot change what the resolver saw, so it is capped there.
    const lengths = replies.filter((_, i) => i % 2 === 1).map((n) => Math.min(Number(n), limitPerKey));
    this.indexLengths.set(signature(keys), { lengths, window: limitPerKey });
    return [...new Set(lists.flat())];
  }

  async getRecords(recordIds: readonly string[]): Promise<StoredRecord[]> {
    if (recordIds.length === 0) return [];
    const rows = (await this.run(GET_RECORDS_SCRIPT, recordIds)) as
      | ([string, string, string[]] | null)[];
    return rows.filter((row): row is [string, string, string[]] => Boolean(row)).map(([json, customerId, separated]) => {
      const stored = JSON.parse(json) as Pick<StoredRecord, 'recordId' | 'features'>;
      return { recordId: stored.recordId, features: stored.features, customerId, separatedFrom: separated };
    });
  }

  async getCustomers(customerIds: readonly string[]): Promise<Map<string, CustomerState>> {
    const found = new Map<string, CustomerState>();
    if (customerIds.length === 0) return found;
    const rows = (await this.run(GET_CUSTOMERS_SCRIPT, customerIds)) as
      | ([string, string, string, string[]] | null)[];
    rows.forEach((row, i) => {
      if (!row) return;
      const [customerId, sequence, version, recordIds] = row;
      found.set(customerIds[i]!, { customerId, sequence: Number(sequence), version: Number(version), recordIds });
    });
    return found;
  }

  async commit(change: ResolutionChange): Promise<CommitResult> {
    const document = JSON.stringify({
      expected: Object.entries(change.expectedVersions),
      create: change.createCustomer,
      customerId: change.customerId,
      merges: change.merges.map((merge) => merge.from),
      recordId: change.features.recordId,
      record: JSON.stringify({ recordId: change.features.recordId, features: change.features }),
      keys: change.keys,
      ...this.takeLengths(change.keys),
      proposals: change.proposals.map((proposal) => JSON.stringify(proposal)),
      maxPerKey: MAX_INDEXED_PER_KEY,
    });
    const applied = await this.run(COMMIT_SCRIPT, [document]);
    return Number(applied) === 1 ? { ok: true } : CONFLICT;
  }

  async commitSplit(change: SplitChange): Promise<CommitResult> {
    const applied = await this.run(SPLIT_SCRIPT, [JSON.stringify(change)]);
    return Number(applied) === 1 ? { ok: true } : CONFLICT;
  }

  async listProposals(): Promise<MergeProposal[]> {
    const proposals = (await this.redis.lrange(`${this.prefix}props`, 0, -1)).map(
      (json) => JSON.parse(json) as MergeProposal,
    );
    const ids = [...new Set(proposals.flatMap((p) => [p.customerId, p.candidateCustomerId]))];
    const customers = await this.getCustomers(ids);
    const survivor = (id: string) => customers.get(id)?.customerId ?? id;
    return proposals.filter((p) => survivor(p.customerId) !== survivor(p.candidateCustomerId));
  }

  private takeLengths(keys: readonly string[]): { lengths: number[]; window: number } {
    const key = signature(keys);
    const read = this.indexLengths.get(key) ?? { lengths: [], window: 0 };
    this.indexLengths.delete(key);
    return read;
  }

  /** Runs a script by its digest, sending its text only when Redis does not know it yet. */
  private async run(script: string, args: readonly string[]): Promise<unknown> {
    const sha = digestOf(script);
    try {
      return await this.redis.evalsha(sha, 1, this.prefix, ...args);
    } catch (error) {
      if (!String((error as Error).message).startsWith('NOSCRIPT')) throw error;
      return this.redis.eval(script, 1, this.prefix, ...args);
    }
  }

  /** The records a merge moved out of `customerId` (now an alias), in their stored order. */
  async movedRecords(customerId: string): Promise<string[]> {
    return this.redis.lrange(`${this.prefix}moved:${customerId}`, 0, -1);
  }

  /** Every customer id that was merged, directly or through others, into `customerId`. */
  async aliasesOf(customerId: string): Promise<string[]> {
    return (await this.redis.smembers(`${this.prefix}aliased:${customerId}`)).sort();
  }
}

function signature(keys: readonly string[]): string {
  return keys.join('\u0000');
}

const digests = new Map<string, string>();

function digestOf(script: string): string {
  let sha = digests.get(script);
  if (sha === undefined) {
    sha = createHash('sha1').update(script).digest('hex');
    digests.set(script, sha);
  }
  return sha;
}

async function exec(pipeline: RedisPipelineLike): Promise<unknown[]> {
  const replies = (await pipeline.exec()) ?? [];
  return replies.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}
