import type { LinkRule, VetoReason } from '../match/decide';
import type { GuestRecord } from '../model';
import type { IdentityOptions, IdentityOptionsInput } from '../options';
import type { MergeProposal } from '../store/identity-store';
import { MemoryIdentityStore } from '../store/memory-store';
import { createIdentityResolver } from './resolver';

export interface BatchStats {
  records: number;
  customers: number;
  /** Records that joined an existing customer, by the rule of their strongest link. */
  linksByRule: Partial<Record<LinkRule, number>>;
  merges: number;
  vetoesByReason: Partial<Record<VetoReason, number>>;
  proposals: number;
}

export interface BatchResolution {
  /** Record id → final customer id (after every merge). */
  assignments: Map<string, string>;
  /** Customer id → record ids, in arrival order. */
  customers: Map<string, string[]>;
  proposals: MergeProposal[];
  stats: BatchStats;
}

/**
 * Resolves records in the given order with a fresh in-memory store: the same input in the same
 * order always gives the same customer ids.
 */
export async function resolveAll(
  records: readonly GuestRecord[],
  options?: IdentityOptionsInput | IdentityOptions,
): Promise<BatchResolution> {
  const store = new MemoryIdentityStore();
  const resolver = createIdentityResolver({ store, options });

  const stats: BatchStats = {
    records: records.length,
    customers: 0,
    linksByRule: {},
    merges: 0,
    vetoesByReason: {},
    proposals: 0,
  };
  for (const record of records) {
    const result = await resolver.add(record);
    if (result.rule !== undefined) increment(stats.linksByRule, result.rule);
    for (const veto of result.vetoes) increment(stats.vetoesByReason, veto.reason);
    stats.merges += result.merges.length;
  }

  const stored = await store.getRecords(records.map((record) => record.recordId));
  const assignments = new Map(stored.map((record) => [record.recordId, record.customerId]));
  const customers = new Map<string, string[]>();
  for (const [recordId, customerId] of assignments) {
    const members = customers.get(customerId) ?? [];
    members.push(recordId);
    customers.set(customerId, members);
  }

  const proposals = await store.listProposals();
  stats.customers = customers.size;
  stats.proposals = proposals.length;
  return { assignments, customers, proposals, stats };
}

function increment<K extends string>(counts: Partial<Record<K, number>>, key: K): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
