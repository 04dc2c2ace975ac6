import type { LinkRule, PairDecision, SharedValues, VetoReason } from '../match/decide';
import { decidePair, hasHardConflict } from '../match/decide';
import type { GuestFeatures } from '../model';
import type { IdentityOptions } from '../options';
import type {
  CustomerMerge,
  CustomerState,
  MergeProposal,
  ProposalReason,
  StoredRecord,
} from '../store/identity-store';

/** One candidate that passed: the record, its customer and the decision. */
export interface CandidateLink {
  record: StoredRecord;
  decision: PairDecision;
}

export interface PairVeto {
  recordId: string;
  reason: VetoReason;
}

export interface ScoredCandidates {
  links: CandidateLink[];
  reviews: CandidateLink[];
  vetoes: PairVeto[];
}

/** A customer the new record may join, with the link that argues for it. */
export interface CustomerCandidate {
  customer: CustomerState;
  link: CandidateLink | undefined;
}

export interface CustomerGroup {
  accepted: CustomerCandidate[];
  refused: Array<{ candidate: CustomerCandidate; reason: ProposalReason }>;
}

/** Compares the new record with every candidate that a split has not separated it from. */
export function scoreCandidates(
  features: GuestFeatures,
  candidates: readonly StoredRecord[],
  separatedFrom: ReadonlySet<string>,
  options: IdentityOptions,
  shared: SharedValues,
): ScoredCandidates {
  const scored: ScoredCandidates = { links: [], reviews: [], vetoes: [] };
  const settled = new Set<string>();
  for (const record of candidates) {
    if (settled.has(record.customerId) || separatedFrom.has(record.recordId)) continue;
    if (record.separatedFrom.includes(features.recordId)) continue;

    const decision = decidePair(features, record.features, options, shared);
    if (decision.veto !== undefined) {
      scored.vetoes.push({ recordId: record.recordId, reason: decision.veto });
    }
    if (decision.outcome === 'review') scored.reviews.push({ record, decision });
    if (decision.outcome !== 'link') continue;

    scored.links.push({ record, decision });
    // A deterministic link settles its customer: its other records cannot make a stronger one.
    if (decision.rule !== 'probabilistic') settled.add(record.customerId);
  }

  scored.links.sort(compareLinks);
  return scored;
}

/** Deterministic rules before match weight, then heavier weight, then the older record id. */
export function compareLinks(a: CandidateLink, b: CandidateLink): number {
  const aDeterministic = a.decision.rule !== 'probabilistic' ? 1 : 0;
  const bDeterministic = b.decision.rule !== 'probabilistic' ? 1 : 0;
  if (aDeterministic !== bDeterministic) return bDeterministic - aDeterministic;
  if (a.decision.weight !== b.decision.weight) return b.decision.weight - a.decision.weight;
  return a.record.recordId < b.record.recordId ? -1 : 1;
}

/**
 * Chooses which linked customers the record joins: each in turn (strongest link first) unless it
 * would make the customer too large or put two conflicting records (different birth dates,
 * different loyalty numbers, a split) into one customer. Refused ones become proposals.
 */
export function groupCustomers(
  features: GuestFeatures,
  candidates: readonly CustomerCandidate[],
  members: ReadonlyMap<string, StoredRecord>,
  options: IdentityOptions,
): CustomerGroup {
  const group: CustomerGroup = { accepted: [], refused: [] };
  const joined: StoredRecord[] = [];
  let size = 1;

  for (const candidate of candidates) {
    const records = candidate.customer.recordIds.flatMap((id) => members.get(id) ?? []);
    const alreadyIn = records.some((record) => record.recordId === features.recordId);
    const growth = alreadyIn ? records.length - 1 : records.length;

    if (!alreadyIn && size + growth > options.maxClusterSize) {
      group.refused.push({ candidate, reason: 'cluster_size' });
      continue;
    }
    if (!alreadyIn && conflictsWithGroup(features, joined, records, options)) {
      group.refused.push({ candidate, reason: 'cluster_conflict' });
      continue;
    }

    group.accepted.push(candidate);
    joined.push(...records);
    size += growth;
  }

  return group;
}

function conflictsWithGroup(
  features: GuestFeatures,
  joined: readonly StoredRecord[],
  incoming: readonly StoredRecord[],
  options: IdentityOptions,
): boolean {
  for (const record of incoming) {
    if (hasHardConflict(features, record.features, options)) return true;
    for (const member of joined) {
      if (record.separatedFrom.includes(member.recordId)) return true;
      if (hasHardConflict(member.features, record.features, options)) return true;
    }
  }
  return false;
}

/** The oldest accepted customer survives; every other accepted customer merges into it. */
export function mergesInto(
  accepted: readonly CustomerCandidate[],
): { survivor: CustomerState; merges: CustomerMerge[] } | undefined {
  const first = accepted[0];
  if (first === undefined) return undefined;

  const survivor = accepted.reduce((oldest, candidate) =>
    candidate.customer.sequence < oldest.customer.sequence ? candidate : oldest,
  ).customer;

  const merges = accepted
    .filter((candidate) => candidate.customer.customerId !== survivor.customerId)
    .map((candidate) => ({
      from: candidate.customer.customerId,
      into: survivor.customerId,
      rule: candidate.link?.decision.rule ?? ('same_record' as LinkRule),
      weight: candidate.link?.decision.weight ?? 0,
    }));
  return { survivor, merges };
}

/** Review-band pairs and refused links whose customers stay apart, one per customer pair. */
export function collectProposals(
  recordId: string,
  customerId: string,
  joined: ReadonlySet<string>,
  scored: ScoredCandidates,
  refused: CustomerGroup['refused'],
): MergeProposal[] {
  const proposals = new Map<string, MergeProposal>();
  const propose = (link: CandidateLink, reason: ProposalReason) => {
    const candidateCustomerId = link.record.customerId;
    const previous = proposals.get(candidateCustomerId);
    if (joined.has(candidateCustomerId)) return;
    if (previous !== undefined && previous.weight >= link.decision.weight) return;

    proposals.set(candidateCustomerId, {
      recordId,
      candidateRecordId: link.record.recordId,
      customerId,
      candidateCustomerId,
      weight: link.decision.weight,
      reason,
      ...(link.decision.rule === undefined ? {} : { rule: link.decision.rule }),
    });
  };

  for (const { candidate, reason } of refused) {
    if (candidate.link !== undefined) propose(candidate.link, reason);
  }
  for (const review of scored.reviews) propose(review, 'review_band');

  return [...proposals.values()];
}
