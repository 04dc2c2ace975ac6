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

interface MutableCustomer {
  customerId: string;
  sequence: number;
  version: number;
  recordIds: string[];
}

interface MutableRecord extends StoredRecord {
  separatedFrom: string[];
}

/** Caps each key's index list so a hot key (a chain's own phone) cannot grow without bound. */
const MAX_INDEXED_PER_KEY = 1000;

const CONFLICT: CommitResult = { ok: false, reason: 'conflict' };

/**
 * The in-memory `IdentityStore`: one process, no persistence. Used by `resolveAll` and tests,
 * and the reference behaviour for other implementations.
 */
export class MemoryIdentityStore implements IdentityStore {
  private readonly names = new Map<string, Set<string>>();
  private readonly index = new Map<string, string[]>();
  private readonly records = new Map<string, MutableRecord>();
  private readonly customers = new Map<string, MutableCustomer>();
  private readonly aliases = new Map<string, string>();
  private readonly proposals: MergeProposal[] = [];
  private nextSequence = 1;

  async observeNames(observations: readonly IdentifierObservation[]): Promise<number[]> {
    return observations.map(({ value, nameKey }) => {
      const seen = this.names.get(value) ?? new Set<string>();
      if (nameKey !== undefined) seen.add(nameKey);
      this.names.set(value, seen);
      return seen.size;
    });
  }

  async findRecordIds(keys: readonly string[], limitPerKey: number): Promise<string[]> {
    const found = new Set<string>();
    for (const key of keys) {
      const ids = this.index.get(key);
      if (ids === undefined) continue;
      const end = Math.min(ids.length, limitPerKey);
      for (let i = 0; i < end; i += 1) found.add(ids[i] as string);
    }
    return [...found];
  }

  async getRecords(recordIds: readonly string[]): Promise<StoredRecord[]> {
    const found: StoredRecord[] = [];
    for (const id of recordIds) {
      const record = this.records.get(id);
      if (record !== undefined) found.push(record);
    }
    return found;
  }

  async getCustomers(customerIds: readonly string[]): Promise<Map<string, CustomerState>> {
    const found = new Map<string, CustomerState>();
    for (const id of customerIds) {
      const customer = this.customers.get(this.resolveAlias(id));
      if (customer !== undefined) found.set(id, customer);
    }
    return found;
  }

  async commit(change: ResolutionChange): Promise<CommitResult> {
    if (!this.versionsMatch(change.expectedVersions)) return CONFLICT;
    if (change.createCustomer && this.customers.has(change.customerId)) return CONFLICT;

    // 1. Create the customer, then fold every merged customer into the survivor.
    if (change.createCustomer) this.createCustomer(change.customerId);
    const survivor = this.customers.get(change.customerId);
    if (survivor === undefined) return CONFLICT;
    for (const merge of change.merges) this.absorb(merge.from, survivor);

    // 2. Store the record, index it and keep the proposals.
    const isNew = this.putRecord(change, survivor);
    for (const key of change.keys) this.indexRecord(key, change.features.recordId, isNew);
    this.proposals.push(...change.proposals);

    survivor.version += 1;
    return { ok: true };
  }

  async commitSplit(change: SplitChange): Promise<CommitResult> {
    const source = this.customers.get(change.customerId);
    if (source === undefined || source.version !== change.expectedVersion) return CONFLICT;
    if (this.customers.has(change.newCustomerId)) return CONFLICT;

    const moving = new Set(change.recordIds);
    const staying = source.recordIds.filter((id) => !moving.has(id));
    const target = this.createCustomer(change.newCustomerId);
    source.recordIds = staying;
    source.version += 1;

    for (const id of change.recordIds) {
      const record = this.records.get(id) as MutableRecord;
      record.customerId = target.customerId;
      record.separatedFrom.push(...staying);
      target.recordIds.push(id);
    }
    for (const id of staying) (this.records.get(id) as MutableRecord).separatedFrom.push(...moving);

    return { ok: true };
  }

  async listProposals(): Promise<MergeProposal[]> {
    return this.proposals.filter(
      (p) => this.resolveAlias(p.customerId) !== this.resolveAlias(p.candidateCustomerId),
    );
  }

  private versionsMatch(expected: Readonly<Record<string, number>>): boolean {
    return Object.entries(expected).every(([id, version]) => {
      return !this.aliases.has(id) && this.customers.get(id)?.version === version;
    });
  }

  private resolveAlias(customerId: string): string {
    let id = customerId;
    for (let next = this.aliases.get(id); next !== undefined; next = this.aliases.get(id)) {
      id = next;
    }
    return id;
  }

  private createCustomer(customerId: string): MutableCustomer {
    const customer = { customerId, sequence: this.nextSequence, version: 0, recordIds: [] };
    this.nextSequence += 1;
    this.customers.set(customerId, customer);
    return customer;
  }

  private absorb(fromId: string, survivor: MutableCustomer): void {
    const from = this.customers.get(fromId);
    if (from === undefined || from === survivor) return;

    for (const id of from.recordIds) {
      (this.records.get(id) as MutableRecord).customerId = survivor.customerId;
      survivor.recordIds.push(id);
    }
    this.customers.delete(fromId);
    this.aliases.set(fromId, survivor.customerId);
  }

  /** Adds the record, or replaces the features of a known one; true when it is new. */
  private putRecord(change: ResolutionChange, survivor: MutableCustomer): boolean {
    const id = change.features.recordId;
    const existing = this.records.get(id);
    if (existing !== undefined) {
      existing.features = change.features;
      return false;
    }

    const record = { recordId: id, customerId: survivor.customerId, features: change.features };
    this.records.set(id, { ...record, separatedFrom: [] });
    survivor.recordIds.push(id);
    return true;
  }

  private indexRecord(key: string, recordId: string, isNew: boolean): void {
    const ids = this.index.get(key);
    if (ids === undefined) {
      this.index.set(key, [recordId]);
      return;
    }

    const full = ids.length >= MAX_INDEXED_PER_KEY;
    if (!full && (isNew || !ids.includes(recordId))) ids.push(recordId);
  }
}
