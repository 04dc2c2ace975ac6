import { createHash } from 'node:crypto';
import {
  RedisIdentityStore,
  SAME_RECORD_RULE,
  buildGoldenRecord,
  createIdentityResolver,
  decodeLinkReason,
  encodeLinkReason,
  linkReasonsKey,
  normaliseRecord,
  type GoldenRecord,
  type GuestRecord,
  type IdentityResolver,
  type LinkReason,
  type ResolutionResult,
} from '@staystream/identity';
import type { Redis } from '@staystream/queue';
import type { Customer, CustomerAlias, CustomerRecord, Envelope, GuestRef, IdentityChange } from '@staystream/schemas';

/** What resolving an event's guests yields: its customer and the identity records to publish. */
export interface IdentityOutcome {
  customerId: string;
  recordId: string;
  /** The golden record to publish; null when nothing about the customer changed. */
  customer: Customer | null;
  /** Guest records resolved here, to remember once the outputs are acknowledged. */
  resolved: [string, string][];
  records: CustomerRecord[];
  changes: IdentityChange[];
  aliases: CustomerAlias[];
}

/**
 * Resolves the guests of an event to customers with the identity resolver over the shared
 * Redis graph, one resolver per tenant. The event's customer is its primary guest's (the
 * first `guest`, else the first non-booker); bookers are resolved too but never carry stays.
 */
export class IdentityStep {
  private readonly resolvers = new Map<string, { resolver: IdentityResolver; store: RedisIdentityStore }>();
  /** Tenant|record id → fingerprint of the details it was resolved by | its first customer. */
  private readonly printsKey: string;

  constructor(
    private readonly redis: Redis,
    private readonly namespace: string,
  ) {
    this.printsKey = `${namespace}:identity-prints`;
  }

  async resolve(envelope: Envelope, reservationId: string | null, guests: GuestRef[], propertyCountry: string | null): Promise<IdentityOutcome | null> {
    const primaryIndex = primaryGuestIndex(guests);
    if (primaryIndex < 0) return null;

    const { resolver, store } = this.forTenant(envelope.tenant_id);
    const known = await this.alreadyResolved(envelope, reservationId, guests);
    if (known) return known;
    const outcome: Omit<IdentityOutcome, 'customer'> = { customerId: '', recordId: '', records: [], changes: [], aliases: [], resolved: [] };
    let primaryRecord: GuestRecord | undefined;

    for (const [index, guest] of guests.entries()) {
      if (!identifiable(guest)) continue;
      const recordId = recordIdOf(envelope, reservationId, guest, index);
      const record = toGuestRecord(guest, recordId, propertyCountry, envelope.occurred_at);
      const result = await resolver.add(record);

      outcome.records.push(customerRecord(envelope, guest, result));
      outcome.resolved.push([`${envelope.tenant_id}|${recordId}`, `${fingerprint(guest)}|${result.customerId}`]);
      await this.collectMerges(envelope, result, store, outcome);
      if (index === primaryIndex) {
        outcome.customerId = result.customerId;
        outcome.recordId = recordId;
        primaryRecord = record;
      }
    }
    if (!outcome.customerId) return null;

    // A customer this event founded is its record alone, so its golden record needs no read;
    // otherwise merges of later guests may have absorbed it: read where it lives now.
    const founded = outcome.records.some((r) => r.record_id === outcome.recordId && r.rule === 'founded');
    const golden =
      founded && outcome.changes.length === 0
        ? buildGoldenRecord(outcome.customerId, [normaliseRecord(primaryRecord!, resolver.options)])
        : await resolver.golden(outcome.customerId);
    const customerId = golden?.customerId ?? outcome.customerId;
    await this.keepLinkReasons(envelope.tenant_id, outcome.records);
    const primaryField = `${envelope.tenant_id}|${outcome.recordId}`;
    const resolved = outcome.resolved.map(([field, value]): [string, string] =>
      field === primaryField ? [field, `${value.split('|')[0]}|${customerId}`] : [field, value],
    );
    return { ...outcome, resolved, customerId, customer: goldenCustomer(envelope, customerId, golden, guests[primaryIndex]!) };
  }

  /**
   * An event whose guests were all resolved already with the same details (a stay after its
   * reservation, a re-sent version, a replay) cannot change any link, and re-planning it could
   * link it to records that came later, so a replay would not give the same result. Its
   * customer is the one it got when first resolved; analytics follow later merges and splits
   * through customer_records and customer_aliases.
   */
  private async alreadyResolved(
    envelope: Envelope,
    reservationId: string | null,
    guests: GuestRef[],
  ): Promise<IdentityOutcome | null> {
    const ids = guests.map((guest, index) => (identifiable(guest) ? recordIdOf(envelope, reservationId, guest, index) : null));
    const primaryIndex = primaryGuestIndex(guests);
    const fields = ids.filter((id): id is string => id !== null).map((id) => `${envelope.tenant_id}|${id}`);
    if (primaryIndex < 0 || fields.length === 0) return null;

    const stored = await this.redis.hmget(this.printsKey, ...fields);
    const byId = new Map(fields.map((field, i) => [field, stored[i] ?? null]));
    const unchanged = guests.every((guest, i) => {
      if (ids[i] === null) return true;
      return byId.get(`${envelope.tenant_id}|${ids[i]}`)?.startsWith(`${fingerprint(guest)}|`) ?? false;
    });
    if (!unchanged) return null;

    const primary = ids[primaryIndex]!;
    const customerId = byId.get(`${envelope.tenant_id}|${primary}`)!.split('|')[1]!;
    return { customerId, recordId: primary, customer: null, records: [], changes: [], aliases: [], resolved: [] };
  }

  /**
   * Remembers resolved records (their details and first customer) once the batch's outputs are
   * acknowledged: a batch produced again after a failure must publish its records again.
   */
  async remember(resolved: readonly [string, string][]): Promise<void> {
    if (resolved.length === 0) return;
    await this.redis.hset(this.printsKey, Object.fromEntries(resolved));
  }

  /**
   * Rows of records resolved again without a new link take the reason last published for the
   * record (see `LinkReason`), and merge rows take the record's source system and role; every
   * row with a reason of its own is kept, before the rows are produced.
   */
  private async keepLinkReasons(tenantId: string, rows: CustomerRecord[]): Promise<void> {
    const key = linkReasonsKey(this.identityNamespace(tenantId));
    const inEvent = new Map(rows.filter((row) => row.source_system !== '').map((row) => [row.record_id, row]));
    const lookups = [...new Set(rows.filter((row) => row.rule === SAME_RECORD_RULE || !inEvent.has(row.record_id)).map((row) => row.record_id))];
    const stored = new Map<string, LinkReason>();
    if (lookups.length > 0) {
      const values = await this.redis.hmget(key, ...lookups);
      lookups.forEach((id, i) => {
        const reason = decodeLinkReason(values[i]);
        if (reason) stored.set(id, reason);
      });
    }

    for (const row of rows) {
      const before = stored.get(row.record_id);
      if (row.rule === SAME_RECORD_RULE && before) {
        const { rule, score, linked_to } = before;
        Object.assign(row, { rule, score, linked_to });
      }
      if (row.source_system !== '') continue;
      const origin = inEvent.get(row.record_id) ?? before;
      row.source_system = origin?.source_system ?? '';
      row.role = origin?.role ?? '';
    }

    const fresh = rows.filter((row) => row.rule !== SAME_RECORD_RULE);
    if (fresh.length === 0) return;
    await this.redis.hset(key, Object.fromEntries(fresh.map((row) => [row.record_id, encodeLinkReason(row)])));
  }

  private identityNamespace(tenantId: string): string {
    return `${this.namespace}:identity:${tenantId}`;
  }

  private async collectMerges(
    envelope: Envelope,
    result: ResolutionResult,
    store: RedisIdentityStore,
    outcome: Omit<IdentityOutcome, 'customer'>,
  ): Promise<void> {
    for (const merge of result.merges) {
      const moved = await store.movedRecords(merge.from);
      outcome.changes.push({
        change_id: digest(['merge', envelope.tenant_id, merge.from, merge.into]),
        tenant_id: envelope.tenant_id,
        kind: 'merge',
        customer_id: merge.into,
        other_customer_id: merge.from,
        rule: merge.rule,
        score: Number.isFinite(merge.weight) ? merge.weight : null,
        record_ids: moved,
        actor: 'enricher',
        reason: `linked by ${merge.rule}`,
        occurred_at: envelope.received_at,
        version: envelope.received_at,
      });
      for (const recordId of moved) {
        outcome.records.push({
          tenant_id: envelope.tenant_id, record_id: recordId, customer_id: merge.into, source_system: '',
          role: '', rule: `merged:${merge.rule}`, score: Number.isFinite(merge.weight) ? merge.weight : null,
          linked_to: result.recordId, version: envelope.received_at,
        });
      }
      for (const alias of await store.aliasesOf(merge.into)) {
        outcome.aliases.push({ tenant_id: envelope.tenant_id, alias_id: alias, customer_id: merge.into, version: envelope.received_at });
      }
    }
  }

  private forTenant(tenantId: string) {
    let entry = this.resolvers.get(tenantId);
    if (!entry) {
      const store = new RedisIdentityStore(this.redis, this.identityNamespace(tenantId));
      entry = { resolver: createIdentityResolver({ store, maxAttempts: 50 }), store };
      this.resolvers.set(tenantId, entry);
    }
    return entry;
  }
}

/**
 * A guest record id, stable per person per source: the source's profile id when it has one,
 * else the guest's place on the reservation (so a stay resolves the same records again).
 */
export function recordIdOf(envelope: Envelope, reservationId: string | null, guest: GuestRef, index: number): string {
  if (guest.source_profile_id) return `${envelope.source_system}|profile|${guest.source_profile_id}`;
  const entity = reservationId ?? envelope.source_entity_id;
  return `${envelope.source_system}|${envelope.property_id}|${entity}|${guest.role}|${index}`;
}

export function primaryGuestIndex(guests: GuestRef[]): number {
  const guest = guests.findIndex((g) => g.role === 'guest' && identifiable(g));
  return guest >= 0 ? guest : guests.findIndex((g) => g.role !== 'booker' && identifiable(g));
}

function identifiable(guest: GuestRef): boolean {
  return Boolean(guest.given_name || guest.family_name || guest.email || guest.phone || guest.loyalty_number || guest.source_profile_id);
}

function toGuestRecord(guest: GuestRef, recordId: string, propertyCountry: string | null, occurredAt: number): GuestRecord {
  return {
    recordId,
    role: guest.role === 'booker' || guest.role === 'companion' ? guest.role : 'guest',
    observedAt: new Date(occurredAt).toISOString(),
    givenName: guest.given_name,
    familyName: guest.family_name,
    email: guest.email,
    phone: guest.phone,
    birthDate: guest.birth_date,
    loyalty: guest.loyalty_number ? [{ programme: guest.loyalty_program ?? '', number: guest.loyalty_number }] : [],
    address: { line1: guest.address, city: guest.city, postcode: guest.postcode, country: guest.country },
    country: guest.country,
    propertyCountry,
  };
}

function customerRecord(envelope: Envelope, guest: GuestRef, result: ResolutionResult): CustomerRecord {
  return {
    tenant_id: envelope.tenant_id,
    record_id: result.recordId,
    customer_id: result.customerId,
    source_system: envelope.source_system,
    role: guest.role,
    rule: result.created ? 'founded' : (result.rule ?? SAME_RECORD_RULE),
    score: result.score !== undefined && Number.isFinite(result.score) ? result.score : null,
    linked_to: result.linkedTo ?? '',
    version: envelope.received_at,
  };
}

function goldenCustomer(envelope: Envelope, customerId: string, golden: GoldenRecord | undefined, guest: GuestRef): Customer {
  return {
    customer_id: customerId,
    tenant_id: envelope.tenant_id,
    given_name: golden?.name?.value.given ?? guest.given_name ?? '',
    family_name: golden?.name?.value.family ?? guest.family_name ?? '',
    email: golden?.email?.value ?? '',
    phone: golden?.phone?.value ?? '',
    country: guest.country ?? '',
    identity_key: 'resolved',
    sources: [envelope.source_system],
    first_seen_at: envelope.occurred_at,
    last_seen_at: envelope.occurred_at,
    // Versioned by the event's own time (then by how many records the golden record drew on),
    // never by arrival, so a replay or a redelivery in another order keeps the same row.
    version: envelope.occurred_at * 1024 + Math.min(golden?.recordIds.length ?? 1, 1023),
  };
}

function fingerprint(guest: GuestRef): string {
  return digest([JSON.stringify(guest)]);
}

function digest(parts: string[]): string {
  return createHash('sha256').update(parts.join('\u001f')).digest('hex').slice(0, 32);
}
