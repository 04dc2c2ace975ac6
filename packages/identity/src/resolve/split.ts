import type { IdentityStore } from '../store/identity-store';
import { deriveSplitCustomerId } from './customer-id';

/** Who asked for a split and why; kept on the event. */
export interface SplitAudit {
  actor?: string;
  reason?: string;
}

/** A split is an event, so grades and facts can be recomputed for both customers. */
export interface SplitEvent {
  type: 'customer.split';
  customerId: string;
  newCustomerId: string;
  /** Records moved to the new customer, sorted. */
  recordIds: string[];
  /** Records left with the original customer, in their stored order. */
  remainingRecordIds: string[];
  actor?: string;
  reason?: string;
  /** ISO-8601. */
  at: string;
}

export type SplitFailure = 'unknown_customer' | 'unknown_records' | 'would_empty' | 'conflict';

export type SplitResult = { ok: true; event: SplitEvent } | { ok: false; reason: SplitFailure };

export interface SplitRequest {
  customerId: string;
  recordIds: readonly string[];
  audit?: SplitAudit | undefined;
  at: Date;
  maxAttempts: number;
}

/**
 * Moves records out of a customer into a new one and keeps the two sides apart from then on:
 * the resolver never links a moved record to a remaining one again, directly or through others.
 */
export async function splitCustomer(
  store: IdentityStore,
  request: SplitRequest,
): Promise<SplitResult> {
  const moving = [...new Set(request.recordIds)].sort();

  for (let attempt = 1; attempt <= request.maxAttempts; attempt += 1) {
    const customer = (await store.getCustomers([request.customerId])).get(request.customerId);
    if (customer === undefined) return { ok: false, reason: 'unknown_customer' };

    const members = new Set(customer.recordIds);
    if (moving.length === 0 || moving.some((id) => !members.has(id))) {
      return { ok: false, reason: 'unknown_records' };
    }
    const remaining = customer.recordIds.filter((id) => !moving.includes(id));
    if (remaining.length === 0) return { ok: false, reason: 'would_empty' };

    const newCustomerId = deriveSplitCustomerId(customer.customerId, moving);
    const outcome = await store.commitSplit({
      customerId: customer.customerId,
      newCustomerId,
      recordIds: moving,
      expectedVersion: customer.version,
    });
    if (!outcome.ok) continue;

    const event: SplitEvent = {
      type: 'customer.split',
      customerId: customer.customerId,
      newCustomerId,
      recordIds: moving,
      remainingRecordIds: remaining,
      ...request.audit,
      at: request.at.toISOString(),
    };
    return { ok: true, event };
  }

  return { ok: false, reason: 'conflict' };
}
