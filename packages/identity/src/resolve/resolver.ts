import type { GoldenRecord } from '../golden/golden-record';
import { buildGoldenRecord } from '../golden/golden-record';
import { blockingKeys } from '../match/blocking';
import type { LinkRule, SharedValues } from '../match/decide';
import { emailValueKey, loyaltyValueKeys, phoneValueKey } from '../match/decide';
import type { GuestFeatures, GuestRecord } from '../model';
import { normaliseRecord } from '../normalise/record';
import type { IdentityOptions, IdentityOptionsInput } from '../options';
import { resolveIdentityOptions } from '../options';
import type {
  CustomerMerge,
  CustomerState,
  IdentityStore,
  MergeProposal,
  ResolutionChange,
  StoredRecord,
} from '../store/identity-store';
import { MemoryIdentityStore } from '../store/memory-store';
import { deriveCustomerId } from './customer-id';
import type { CustomerCandidate, PairVeto, ScoredCandidates } from './plan';
import { collectProposals, groupCustomers, mergesInto, scoreCandidates } from './plan';
import type { SplitAudit, SplitResult } from './split';
import { splitCustomer } from './split';

/** What one `add` did: the customer the record belongs to now, and how it got there. */
export interface ResolutionResult {
  recordId: string;
  customerId: string;
  /** True when the record founded a new customer. */
  created: boolean;
  /** The record behind the strongest accepted link. */
  linkedTo?: string;
  rule?: LinkRule;
  /** Match weight of that link. */
  score?: number;
  /** Customers folded into `customerId`, to publish as link events. */
  merges: CustomerMerge[];
  /** Possible matches left for review. */
  proposals: MergeProposal[];
  /** Candidates a veto kept apart, for audit and tuning. */
  vetoes: PairVeto[];
  /** Identifier values the frequency guard now treats as shared. */
  sharedValues: string[];
}

export interface IdentityResolver {
  readonly options: IdentityOptions;
  readonly store: IdentityStore;
  add(record: GuestRecord): Promise<ResolutionResult>;
  split(customerId: string, recordIds: readonly string[], audit?: SplitAudit): Promise<SplitResult>;
  golden(customerId: string): Promise<GoldenRecord | undefined>;
}

export interface IdentityResolverOptions {
  store?: IdentityStore;
  options?: IdentityOptionsInput | IdentityOptions;
  /** Clock for audit timestamps. @defaultValue () => new Date() */
  now?: () => Date;
  /** Attempts when a concurrent writer changed a customer between read and commit. */
  maxAttempts?: number;
}

/** A resolve attempt lost a race with another writer too many times in a row. */
export class IdentityConflictError extends Error {
  readonly code = 'identity_commit_conflict';
  readonly retriable = true;

  constructor(recordId: string, attempts: number) {
    super(`record ${recordId} could not be committed after ${attempts} attempts`);
    this.name = 'IdentityConflictError';
  }
}

interface Plan {
  change: ResolutionChange;
  result: ResolutionResult;
}

/** Creates an incremental resolver over a store (in memory unless one is given). */
export function createIdentityResolver(settings: IdentityResolverOptions = {}): IdentityResolver {
  const store = settings.store ?? new MemoryIdentityStore();
  const options = isResolved(settings.options)
    ? settings.options
    : resolveIdentityOptions(settings.options);
  const now = settings.now ?? (() => new Date());
  const maxAttempts = settings.maxAttempts ?? 5;

  async function add(record: GuestRecord): Promise<ResolutionResult> {
    const features = normaliseRecord(record, options);
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      const plan = await planResolution(store, features, options);
      const outcome = await store.commit(plan.change);
      if (outcome.ok) return plan.result;
      await backOff(attempt);
    }
    throw new IdentityConflictError(record.recordId, maxAttempts);
  }

  async function golden(customerId: string): Promise<GoldenRecord | undefined> {
    const customer = (await store.getCustomers([customerId])).get(customerId);
    if (customer === undefined) return undefined;

    const records = await store.getRecords(customer.recordIds);
    return buildGoldenRecord(
      customer.customerId,
      records.map((record) => record.features),
    );
  }

  return {
    options,
    store,
    add,
    split: (customerId, recordIds, audit) =>
      splitCustomer(store, { customerId, recordIds, audit, at: now(), maxAttempts }),
    golden,
  };
}

function isResolved(
  options: IdentityOptionsInput | IdentityOptions | undefined,
): options is IdentityOptions {
  return options !== undefined && 'weights' in options && 'propertyPhoneSet' in options;
}

async function planResolution(
  store: IdentityStore,
  features: GuestFeatures,
  options: IdentityOptions,
): Promise<Plan> {
  // 1. Guard identifiers, then find and score candidates.
  const shared = await observeIdentifiers(store, features, options);
  const keys = blockingKeys(features, shared);
  const candidateIds = await store.findRecordIds(keys, options.maxCandidatesPerKey);
  const fetched = await store.getRecords([features.recordId, ...candidateIds]);
  const self = fetched.find((record) => record.recordId === features.recordId);
  const candidates = fetched.filter((record) => record !== self);
  const scored = scoreCandidates(
    features,
    candidates,
    new Set(self?.separatedFrom),
    options,
    shared,
  );

  // 2. Read the customers involved with their members, and choose which ones to join.
  const customerCandidates = await readCustomerCandidates(store, self, scored);
  const members = await readMembers(store, customerCandidates);
  const group = groupCustomers(features, customerCandidates, members, options);

  // 3. Merge into the oldest, or found a new customer.
  const merged = mergesInto(group.accepted);
  const customerId = merged?.survivor.customerId ?? deriveCustomerId(features.recordId);
  const joined = new Set(group.accepted.map((candidate) => candidate.customer.customerId));
  const proposals = collectProposals(features.recordId, customerId, joined, scored, group.refused);
  const expectedVersions = Object.fromEntries(
    group.accepted.map(({ customer }) => [customer.customerId, customer.version]),
  );

  const change: ResolutionChange = {
    features,
    keys,
    customerId,
    createCustomer: merged === undefined,
    merges: merged?.merges ?? [],
    proposals,
    expectedVersions,
  };
  return { change, result: describe(features, change, group.accepted, scored, shared) };
}

/**
 * Counts distinct names per identifier value; a value above the limit is shared (a family
 * inbox, an agency phone) and no longer links different names.
 */
async function observeIdentifiers(
  store: IdentityStore,
  features: GuestFeatures,
  options: IdentityOptions,
): Promise<SharedValues> {
  const values = [emailValueKey(features), phoneValueKey(features), ...loyaltyValueKeys(features)];
  const present = values.filter((value): value is string => value !== undefined);
  if (present.length === 0) return new Set();

  const nameKey = guardNameKey(features);
  const observations = present.map((value) => (nameKey ? { value, nameKey } : { value }));
  const counts = await store.observeNames(observations);
  return new Set(present.filter((_, i) => (counts[i] ?? 0) > options.maxNamesPerIdentifier));
}

/** Sound-alike given and family names, order-free: typos and swaps count as one name. */
function guardNameKey(features: GuestFeatures): string | undefined {
  const name = features.name;
  if (name === undefined || name.givenSoundex === '' || name.familySoundex === '') return undefined;
  return [name.givenSoundex, name.familySoundex].sort().join('|');
}

async function readCustomerCandidates(
  store: IdentityStore,
  self: StoredRecord | undefined,
  scored: ScoredCandidates,
): Promise<CustomerCandidate[]> {
  const ids = self === undefined ? [] : [self.customerId];
  for (const link of scored.links) ids.push(link.record.customerId);
  if (ids.length === 0) return [];
  const customers = await store.getCustomers([...new Set(ids)]);

  const seen = new Set<string>();
  const candidates: CustomerCandidate[] = [];
  const consider = (customer: CustomerState | undefined, link: CustomerCandidate['link']) => {
    if (customer === undefined || seen.has(customer.customerId)) return;
    seen.add(customer.customerId);
    candidates.push({ customer, link });
  };

  if (self !== undefined) consider(customers.get(self.customerId), undefined);
  for (const link of scored.links) consider(customers.get(link.record.customerId), link);
  return candidates;
}

async function readMembers(
  store: IdentityStore,
  candidates: readonly CustomerCandidate[],
): Promise<Map<string, StoredRecord>> {
  if (candidates.length === 0) return new Map();

  const ids = candidates.flatMap((candidate) => candidate.customer.recordIds);
  const records = await store.getRecords(ids);
  return new Map(records.map((record) => [record.recordId, record]));
}

function describe(
  features: GuestFeatures,
  change: ResolutionChange,
  accepted: readonly CustomerCandidate[],
  scored: ScoredCandidates,
  shared: SharedValues,
): ResolutionResult {
  const strongest = accepted.find((candidate) => candidate.link !== undefined)?.link;
  return {
    recordId: features.recordId,
    customerId: change.customerId,
    created: change.createCustomer,
    ...(strongest === undefined
      ? {}
      : {
          linkedTo: strongest.record.recordId,
          rule: strongest.decision.rule as LinkRule,
          score: strongest.decision.weight,
        }),
    merges: [...change.merges],
    proposals: [...change.proposals],
    vetoes: scored.vetoes,
    sharedValues: [...shared],
  };
}

/**
 * Waits a random moment that grows with each lost race, so two writers that keep invalidating
 * each other's reads fall out of step instead of colliding again at once.
 */
function backOff(attempt: number): Promise<void> {
  const ceilingMs = Math.min(2 ** attempt, 64);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceilingMs));
}
