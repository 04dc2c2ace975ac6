/**
 * Why a guest record belongs to its customer, as last published on `customer_records`.
 *
 * A record that is resolved again without a new link (a batch processed again after a crash
 * between produce and commit, a stay whose reservation was not remembered yet) comes back as
 * `same_record`. Published as such, at the same version, it would replace the reason the
 * record was linked by, depending on timing. Its publisher takes the reason kept here instead,
 * so a re-derived row is the row first derived. A merge or an operator's split knows only the
 * record id, and takes the record's source system and role from here.
 *
 * Kept in Redis by the enricher (written before the row is produced) and by an operator's
 * split; this module only names and encodes it, so the package stays free of a Redis client.
 */
/**
 * The columns of a `customer_records` row that say why and from where, named as there, so a
 * row is kept and restored as it is.
 */
export interface LinkReason {
  rule: string;
  score: number | null;
  linked_to: string;
  /** Where the record came from, so that a merge or split row can say it too. */
  source_system: string;
  role: string;
}

/** The rule of a record resolved again without a new link. */
export const SAME_RECORD_RULE = 'same_record';

/** The Redis hash of one identity namespace (one tenant): field record id, value the reason. */
export function linkReasonsKey(identityNamespace: string): string {
  return `${identityNamespace}:link-reasons`;
}

export function encodeLinkReason(reason: LinkReason): string {
  return JSON.stringify([reason.rule, reason.score, reason.linked_to, reason.source_system, reason.role]);
}

/** The stored reason, or undefined for a missing or unreadable value. */
export function decodeLinkReason(text: string | null | undefined): LinkReason | undefined {
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value) || value.length !== 5) return undefined;
    const [rule, score, linked_to, source_system, role] = value as unknown[];
    if (![rule, linked_to, source_system, role].every((text) => typeof text === 'string')) return undefined;
    if (score !== null && typeof score !== 'number') return undefined;
    return { rule, score, linked_to, source_system, role } as LinkReason;
  } catch {
    return undefined;
  }
}
