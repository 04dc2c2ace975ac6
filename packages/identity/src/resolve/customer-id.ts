import { createHash } from 'node:crypto';

/**
 * A customer id derived from a stable key (the founding record's id), so replaying the same
 * records in the same order, or resolving them on another worker, yields the same ids.
 */
export function deriveCustomerId(stableKey: string): string {
  const digest = createHash('sha256').update(stableKey, 'utf8').digest('hex');
  return `cus_${digest.slice(0, 20)}`;
}

/** The id of the customer a split creates: from the source customer and the records moved. */
export function deriveSplitCustomerId(customerId: string, recordIds: readonly string[]): string {
  const sorted = [...recordIds].sort();
  return deriveCustomerId(`split:${customerId}:${sorted.join('\u0000')}`);
}
