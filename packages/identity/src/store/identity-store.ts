import type { LinkRule } from '../match/decide';
import type { GuestFeatures } from '../model';

/** A record as the store keeps it: its features and the customer it currently belongs to. */
export interface StoredRecord {
  recordId: string;
  /** The surviving customer; merges rewrite it, so no alias lookup is needed on reads. */
  customerId: string;
  features: GuestFeatures;
  /** Records a split separated this one from: it is never linked to them again. */
  separatedFrom: readonly string[];
}

export interface CustomerState {
  customerId: string;
  /** Creation order; on a merge the older customer survives. */
  sequence: number;
  /** Bumped by every change to the customer; `commit` compares it to detect a concurrent writer. */
  version: number;
  recordIds: readonly string[];
}

export type ProposalReason = 'review_band' | 'cluster_size' | 'cluster_conflict';

/** A merge the resolver would not make on its own: for a person (or a batch job) to decide. */
export interface MergeProposal {
  recordId: string;
  candidateRecordId: string;
  customerId: string;
  candidateCustomerId: string;
  weight: number;
  reason: ProposalReason;
  rule?: LinkRule;
}

export interface CustomerMerge {
  /** The absorbed customer; its id becomes an alias of `into`. */
  from: string;
  into: string;
  rule: LinkRule;
  weight: number;
}

/** Everything one `resolver.add` writes. A store applies it all or nothing. */
export interface ResolutionChange {
  features: GuestFeatures;
  /** Blocking keys to index the record under. */
  keys: readonly string[];
  /** The customer the record ends in: the survivor of every merge. */
  customerId: string;
  /** True when `customerId` is new and must be created with the next sequence number. */
  createCustomer: boolean;
  merges: readonly CustomerMerge[];
  proposals: readonly MergeProposal[];
  /** The version of every customer the decision read; a mismatch means "read again". */
  expectedVersions: Readonly<Record<string, number>>;
}

export interface SplitChange {
  customerId: string;
  newCustomerId: string;
  recordIds: readonly string[];
  expectedVersion: number;
}

export type CommitResult = { ok: true } | { ok: false; reason: 'conflict' };

export interface IdentifierObservation {
  /** An identifier value: `email:…`, `phone:…` or `loyalty:programme:number`. */
  value: string;
  /** A name key of the record carrying it; absent to read the count without adding a name. */
  nameKey?: string;
}

/**
 * Persistence for the incremental resolver. Reads may be served from any replica; the two
 * `commit` methods must be atomic and must refuse (return `conflict`) when a customer they were
 * given an expected version for has changed or has been merged away in the meantime. A Redis
 * implementation does each commit in one Lua script.
 */
export interface IdentityStore {
  /** Adds each name key to its value's set of names; returns each set's size afterwards. */
  observeNames(observations: readonly IdentifierObservation[]): Promise<number[]>;
  /** Record ids indexed under any of the keys, at most `limitPerKey` per key, oldest first. */
  findRecordIds(keys: readonly string[], limitPerKey: number): Promise<string[]>;
  /** The records that exist among `recordIds`, in the order asked. */
  getRecords(recordIds: readonly string[]): Promise<StoredRecord[]>;
  /** Customers by id; a merged id resolves to its survivor. Unknown ids are left out. */
  getCustomers(customerIds: readonly string[]): Promise<Map<string, CustomerState>>;
  commit(change: ResolutionChange): Promise<CommitResult>;
  commitSplit(change: SplitChange): Promise<CommitResult>;
  /** Open proposals: those whose two customers have not been merged since. */
  listProposals(): Promise<MergeProposal[]>;
}
