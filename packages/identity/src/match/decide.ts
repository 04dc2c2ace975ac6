import type { GuestFeatures } from '../model';
import type { IdentityOptions } from '../options';
import type { UsableContacts } from './compare';
import { compareBirthDates, compareNames, compareOtherFields } from './compare';
import type { ComparisonVector } from './levels';
import { FIELDS } from './levels';
import { levelWeight, scoreVector } from './model';

/** Why two records were linked; `probabilistic` means by match weight alone. */
export type LinkRule =
  | 'same_record'
  | 'loyalty'
  | 'email_and_given_name'
  | 'mobile_and_family_name'
  | 'name_and_birth_date'
  | 'probabilistic';

/** Why two records must never be linked, whatever else agrees. */
export type VetoReason =
  | 'birth_date_conflict'
  | 'loyalty_conflict'
  | 'given_name_conflict_on_shared_email'
  | 'booker_contact_only';

export interface PairDecision {
  /**
   * `review` for weights in the review band, and for pairs only a birth-date conflict keeps
   * apart (a mistyped date is common; a person should look). Names alone never reach review.
   */
  outcome: 'link' | 'review' | 'none';
  rule?: LinkRule;
  veto?: VetoReason;
  /** Match weight (log2 likelihood ratio), also reported for deterministic links. */
  weight: number;
  swappedNames: boolean;
}

/** Identifier values the frequency guard marked shared: `email:…`, `phone:…`, `loyalty:…`. */
export type SharedValues = ReadonlySet<string>;

/** Penalty (in bits) for reading one side's given and family names the other way round. */
const SWAP_PENALTY = 1;

const COMPATIBLE_GIVEN = new Set(['exact', 'nickname', 'close', 'initial']);
const AGREEING_FAMILY = new Set(['exact', 'close']);

/** Decides one pair: vetoes first, then the deterministic rules, then the match weight. */
export function decidePair(
  a: GuestFeatures,
  b: GuestFeatures,
  options: IdentityOptions,
  shared: SharedValues,
): PairDecision {
  const early = earlyVeto(a, b, options);
  if (early !== undefined) return early;

  const contacts = usableContacts(a, b, shared);
  const { vector, swapped } = comparePair(a, b, contacts, options);
  dropSharedContactsUnlessNamesAgree(vector, contacts);
  const weight = scoreVector(vector, options.weights) - (swapped ? SWAP_PENALTY : 0);

  const beyondName = hasEvidenceBeyondName(vector, options);
  const veto = findVeto(a, b, vector, options);
  if (veto !== undefined) {
    const reviewable = veto === 'birth_date_conflict' && beyondName;
    const outcome = reviewable && weight >= options.reviewWeight ? 'review' : 'none';
    return { outcome, veto, weight, swappedNames: swapped };
  }

  const unshared = {
    email: contacts.email && !contacts.sharedEmail,
    phone: contacts.phone && !contacts.sharedPhone,
  };
  const rule = deterministicRule(a, b, vector, unshared, shared);
  if (rule !== undefined) return { outcome: 'link', rule, weight, swappedNames: swapped };
  if (!beyondName) return { outcome: 'none', weight, swappedNames: swapped };

  if (weight >= options.autoLinkWeight) {
    return { outcome: 'link', rule: 'probabilistic', weight, swappedNames: swapped };
  }
  const outcome = weight >= options.reviewWeight ? 'review' : 'none';
  return { outcome, weight, swappedNames: swapped };
}

/**
 * The cheap vetoes, decided before any name is compared: different loyalty numbers, and
 * conflicting birth dates on two records that share no personal identifier (nothing a person
 * reviewing the pair could go on). `weight` is then the birth-date level's weight alone.
 */
function earlyVeto(
  a: GuestFeatures,
  b: GuestFeatures,
  options: IdentityOptions,
): PairDecision | undefined {
  if (hasLoyaltyConflict(a, b)) {
    return { outcome: 'none', veto: 'loyalty_conflict', weight: 0, swappedNames: false };
  }
  if (a.birthDate === undefined || b.birthDate === undefined) return undefined;

  const level = compareBirthDates(a.birthDate, b.birthDate);
  if (isCompatibleBirthDate(level, options) || sharesPersonalIdentifier(a, b)) return undefined;

  const weight = levelWeight(options.weights, 'birthDate', level);
  return { outcome: 'none', veto: 'birth_date_conflict', weight, swappedNames: false };
}

function sharesPersonalIdentifier(a: GuestFeatures, b: GuestFeatures): boolean {
  const email = a.email?.kind === 'personal' && a.email.address === b.email?.address;
  const phone = a.phone?.kind === 'personal' && a.phone.e164 === b.phone?.e164;
  return email || phone;
}

/** Conflicts that also forbid putting two records into one customer through third records. */
export function hasHardConflict(a: GuestFeatures, b: GuestFeatures, options: IdentityOptions) {
  if (hasLoyaltyConflict(a, b)) return true;
  if (a.birthDate === undefined || b.birthDate === undefined) return false;

  return !isCompatibleBirthDate(compareBirthDates(a.birthDate, b.birthDate), options);
}

export function emailValueKey(features: GuestFeatures): string | undefined {
  return features.email?.kind === 'personal' ? `email:${features.email.address}` : undefined;
}

export function phoneValueKey(features: GuestFeatures): string | undefined {
  return features.phone?.kind === 'personal' ? `phone:${features.phone.e164}` : undefined;
}

export function loyaltyValueKeys(features: GuestFeatures): string[] {
  return features.loyalty.map((entry) => `loyalty:${entry.programme}:${entry.number}`);
}

interface ContactUse extends UsableContacts {
  sharedEmail: boolean;
  sharedPhone: boolean;
}

/** Personal values on both sides are compared; whether either is shared is noted apart. */
function usableContacts(a: GuestFeatures, b: GuestFeatures, shared: SharedValues): ContactUse {
  const email = a.email?.kind === 'personal' && b.email?.kind === 'personal';
  const phone = a.phone?.kind === 'personal' && b.phone?.kind === 'personal';
  if (shared.size === 0) return { email, phone, sharedEmail: false, sharedPhone: false };

  return {
    email,
    phone,
    sharedEmail: isShared(emailValueKey(a), shared) || isShared(emailValueKey(b), shared),
    sharedPhone: isShared(phoneValueKey(a), shared) || isShared(phoneValueKey(b), shared),
  };
}

function isShared(valueKey: string | undefined, shared: SharedValues): boolean {
  return valueKey !== undefined && shared.size > 0 && shared.has(valueKey);
}

/**
 * A shared value (a booker's inbox seen with many names) never links different names, but two
 * records that agree on the whole name may still count it: the booker's own stays.
 */
function dropSharedContactsUnlessNamesAgree(vector: ComparisonVector, contacts: ContactUse) {
  if (namesAgree(vector)) return;
  if (contacts.sharedEmail) delete vector.email;
  if (contacts.sharedPhone) delete vector.phone;
}

/** The comparison vector with the name order (direct or swapped) that weighs more. */
function comparePair(
  a: GuestFeatures,
  b: GuestFeatures,
  usable: UsableContacts,
  options: IdentityOptions,
): { vector: ComparisonVector; swapped: boolean } {
  const others = compareOtherFields(a, b, usable);
  if (a.name === undefined || b.name === undefined) return { vector: others, swapped: false };

  const direct = { ...others, ...compareNames(a.name, b.name, false) };
  if (!mayBeSwapped(direct)) return { vector: direct, swapped: false };

  const crossed = { ...others, ...compareNames(a.name, b.name, true) };
  const directWeight = scoreVector(direct, options.weights);
  const crossedWeight = scoreVector(crossed, options.weights) - SWAP_PENALTY;
  return crossedWeight > directWeight
    ? { vector: crossed, swapped: true }
    : { vector: direct, swapped: false };
}

/** A name alone is weak evidence (many John Smiths): some other field must agree too. */
function hasEvidenceBeyondName(vector: ComparisonVector, options: IdentityOptions): boolean {
  return FIELDS.some((field) => {
    if (field === 'given' || field === 'family') return false;
    return levelWeight(options.weights, field, vector[field]) > 0;
  });
}

/** Only a pair whose names disagree (or are half missing) is worth reading the other way round. */
function mayBeSwapped(direct: ComparisonVector): boolean {
  const weak = [undefined, 'different', 'fuzzy', 'token'];
  return weak.includes(direct.given) || weak.includes(direct.family);
}

function findVeto(
  a: GuestFeatures,
  b: GuestFeatures,
  vector: ComparisonVector,
  options: IdentityOptions,
): VetoReason | undefined {
  if (hasLoyaltyConflict(a, b)) return 'loyalty_conflict';
  if (vector.birthDate !== undefined && !isCompatibleBirthDate(vector.birthDate, options)) {
    return 'birth_date_conflict';
  }

  if (isBookerContactOnly(a, b, vector)) return 'booker_contact_only';
  if (sharesRealEmail(a, b) && vector.given === 'different') {
    return 'given_name_conflict_on_shared_email';
  }

  return undefined;
}

/** Same address, and a real mailbox (personal, role or OTA alias), not a placeholder. */
function sharesRealEmail(a: GuestFeatures, b: GuestFeatures): boolean {
  const kind = a.email?.kind;
  if (kind === undefined || kind === 'placeholder' || kind === 'invalid') return false;
  return a.email?.address === b.email?.address;
}

function isCompatibleBirthDate(level: string, options: IdentityOptions): boolean {
  if (options.birthDateVeto === 'off' || level === 'exact' || level === 'swap') return true;
  return level === 'typo' && options.birthDateVeto === 'unless_swap_or_typo';
}

function hasLoyaltyConflict(a: GuestFeatures, b: GuestFeatures): boolean {
  return a.loyalty.some((left) =>
    b.loyalty.some((right) => left.programme === right.programme && left.number !== right.number),
  );
}

/**
 * A booker and a guest who share only the booker's e-mail or phone are two people: the
 * assistant booking for colleagues. Agreeing names or birth dates lift the veto (a guest who
 * booked for herself).
 */
function isBookerContactOnly(a: GuestFeatures, b: GuestFeatures, vector: ComparisonVector) {
  if ((a.role === 'booker') === (b.role === 'booker')) return false;

  const sharesContact =
    (a.email !== undefined && a.email.address === b.email?.address) ||
    (a.phone !== undefined && a.phone.e164 === b.phone?.e164);
  if (!sharesContact) return false;

  return !namesAgree(vector) && vector.birthDate !== 'exact';
}

function namesAgree(vector: ComparisonVector): boolean {
  const given = vector.given;
  const family = vector.family;
  return (
    given !== undefined &&
    family !== undefined &&
    COMPATIBLE_GIVEN.has(given) &&
    AGREEING_FAMILY.has(family)
  );
}

function deterministicRule(
  a: GuestFeatures,
  b: GuestFeatures,
  vector: ComparisonVector,
  usable: UsableContacts,
  shared: SharedValues,
): LinkRule | undefined {
  if (sharesLoyalty(a, b, shared)) return 'loyalty';

  const givenCompatible = vector.given !== undefined && COMPATIBLE_GIVEN.has(vector.given);
  if (usable.email && vector.email === 'exact' && givenCompatible) return 'email_and_given_name';

  // NOTE: a family shares a mobile and a family name; a conflicting given name keeps them apart.
  const bothMobile = a.phone?.line === 'mobile' && b.phone?.line === 'mobile';
  const samePhone = usable.phone && bothMobile && vector.phone === 'exact';
  if (samePhone && vector.family === 'exact' && vector.given !== 'different') {
    return 'mobile_and_family_name';
  }

  const fullName = vector.given === 'exact' && vector.family === 'exact';
  return fullName && vector.birthDate === 'exact' ? 'name_and_birth_date' : undefined;
}

function sharesLoyalty(a: GuestFeatures, b: GuestFeatures, shared: SharedValues): boolean {
  if (a.loyalty.length === 0 || b.loyalty.length === 0) return false;
  const bKeys = new Set(loyaltyValueKeys(b));
  return loyaltyValueKeys(a).some((key) => bKeys.has(key) && !shared.has(key));
}
