import type { GuestFeatures } from '../model';
import type { NormalisedAddress } from '../normalise/address';
import type { NormalisedBirthDate } from '../normalise/birth-date';
import { isDayMonthSwap } from '../normalise/birth-date';
import type { NormalisedName } from '../normalise/name';
import { NICKNAMES } from '../normalise/name-vocabulary';
import { soundex } from '../normalise/text';
import type { ComparisonVector, Level } from './levels';
import { editDistance, jaroWinkler } from './similarity';

/** Which contact values of a pair may count as evidence (personal and not shared). */
export interface UsableContacts {
  email: boolean;
  phone: boolean;
}

/** Compares everything but the names, which `compareNames` does in both orders. */
export function compareOtherFields(
  a: GuestFeatures,
  b: GuestFeatures,
  usable: UsableContacts,
): ComparisonVector {
  const vector: ComparisonVector = {};

  if (a.birthDate !== undefined && b.birthDate !== undefined) {
    vector.birthDate = compareBirthDates(a.birthDate, b.birthDate);
  }
  if (usable.email && a.email !== undefined && b.email !== undefined) {
    const level = compareEmails(a.email.address, b.email.address, a.email.local, b.email.local);
    const near = level === 'local' || level === 'fuzzy';
    const redundant =
      near && isNameDerived(a.email.local, a.name) && isNameDerived(b.email.local, b.name);
    if (!redundant) vector.email = level;
  }
  if (usable.phone && a.phone !== undefined && b.phone !== undefined) {
    vector.phone = comparePhones(a.phone.e164, b.phone.e164);
  }
  if (a.address !== undefined && b.address !== undefined) {
    compareAddresses(a.address, b.address, vector);
  }

  return vector;
}

/** Given and family levels, direct or with one side's given and family names exchanged. */
export function compareNames(
  a: NormalisedName,
  b: NormalisedName,
  swapped: boolean,
): Pick<ComparisonVector, 'given' | 'family'> {
  const bGiven = swapped ? b.familyKey : b.givenKey;
  const bFamily = swapped ? b.givenKey : b.familyKey;
  const bRoots = swapped ? rootsOf(bGiven) : b.givenRoots;

  const vector: Pick<ComparisonVector, 'given' | 'family'> = {};
  if (a.givenKey !== '' && bGiven !== '') {
    vector.given = compareGiven(a.givenKey, bGiven, a.givenRoots, bRoots);
  }
  if (a.familyKey !== '' && bFamily !== '') vector.family = compareFamily(a.familyKey, bFamily);

  return vector;
}

export function compareGiven(
  a: string,
  b: string,
  aRoots: readonly string[],
  bRoots: readonly string[],
): Level<'given'> {
  if (a === b) return 'exact';
  if (aRoots.some((root) => bRoots.includes(root))) return 'nickname';
  if (isInitialOf(a, b) || isInitialOf(b, a)) return 'initial';
  if (isTokenSubset(a, b) || isTokenSubset(b, a)) return 'close';

  const similarity = jaroWinkler(a, b);
  if (similarity >= 0.92) return 'close';
  return similarity >= 0.8 ? 'fuzzy' : 'different';
}

export function compareFamily(a: string, b: string): Level<'family'> {
  if (a === b || a.replace(/ /g, '') === b.replace(/ /g, '')) return 'exact';

  const similarity = jaroWinkler(a, b);
  if (similarity >= 0.92) return 'close';
  if (similarity >= 0.8) return soundex(a) === soundex(b) ? 'close' : 'fuzzy';
  return sharesLongToken(a, b) ? 'token' : 'different';
}

export function compareBirthDates(
  a: NormalisedBirthDate,
  b: NormalisedBirthDate,
): Level<'birthDate'> {
  if (a.iso === b.iso) return 'exact';
  if (isDayMonthSwap(a, b)) return 'swap';
  if (isOneTypo(a.iso, b.iso)) return 'typo';
  return a.year === b.year ? 'year' : 'different';
}

/**
 * NOTE: addresses are often built from names, so "anna.silva1@" and "anna.silva7@" are two
 * people with one name. A near miss counts as a typo only when the digits agree, the local parts
 * are one edit apart (two from eight characters on) and the domains at most one.
 */
function compareEmails(a: string, b: string, aLocal: string, bLocal: string): Level<'email'> {
  if (a === b) return 'exact';
  if (aLocal === bLocal) return 'local';
  if (a.replace(/\D/g, '') !== b.replace(/\D/g, '')) return 'different';

  const aDomain = a.slice(aLocal.length + 1);
  const bDomain = b.slice(bLocal.length + 1);
  const allowed = Math.min(aLocal.length, bLocal.length) >= 8 ? 2 : 1;
  const nearLocal = editDistance(aLocal, bLocal) <= allowed;
  return nearLocal && editDistance(aDomain, bDomain) <= 1 ? 'fuzzy' : 'different';
}

/**
 * True when a local part only spells the name ("ines.simoes", "isimoes"): two such addresses
 * that nearly agree ("ines.simoes" at two providers, "paula_ruiz" and "paula.ruiz") agree because
 * the names agree, which the name levels already count.
 */
function isNameDerived(local: string, name: NormalisedName | undefined): boolean {
  if (name === undefined) return false;

  const letters = local.replace(/[^a-z]/g, '');
  const given = name.givenKey.replace(/ /g, '');
  const family = name.familyKey.replace(/ /g, '');
  const spellings = [given + family, family + given, (given[0] ?? '') + family, given, family];
  return spellings.some((spelling) => spelling !== '' && spelling === letters);
}

function comparePhones(a: string, b: string): Level<'phone'> {
  if (a === b) return 'exact';
  return a.length >= 7 && a.slice(-7) === b.slice(-7) ? 'suffix' : 'different';
}

function compareAddresses(a: NormalisedAddress, b: NormalisedAddress, into: ComparisonVector) {
  if (a.postcode !== '' && b.postcode !== '')
    into.postcode = comparePostcodes(a.postcode, b.postcode);
  if (a.streetNumber !== '' && b.streetNumber !== '') {
    into.streetNumber = a.streetNumber === b.streetNumber ? 'exact' : 'different';
  }
  if (a.street !== '' && b.street !== '') into.street = compareStreets(a.street, b.street);
  if (a.line2 !== '' && b.line2 !== '') into.line2 = compareText(a.line2, b.line2);
  if (a.city !== '' && b.city !== '') into.city = compareText(a.city, b.city);
  if (a.state !== '' && b.state !== '') into.state = a.state === b.state ? 'exact' : 'different';
}

function comparePostcodes(a: string, b: string): Level<'postcode'> {
  if (a === b) return 'exact';
  return a.length === b.length && isOneTypo(a, b) ? 'typo' : 'different';
}

function compareStreets(a: string, b: string): Level<'street'> {
  if (a === b || a.replace(/ /g, '') === b.replace(/ /g, '')) return 'exact';

  const similarity = jaroWinkler(a, b);
  if (similarity >= 0.9) return 'close';
  return similarity >= 0.75 ? 'fuzzy' : 'different';
}

function compareText(a: string, b: string): 'exact' | 'close' | 'different' {
  if (a === b) return 'exact';
  return jaroWinkler(a, b) >= 0.88 ? 'close' : 'different';
}

/** One substitution, insertion, deletion or exchange of two neighbouring characters. */
export function isOneTypo(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;

  const distance = editDistance(a, b);
  if (distance <= 1) return true;
  return distance === 2 && a.length === b.length && isAdjacentTransposition(a, b);
}

function isAdjacentTransposition(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  const swapped = a.slice(0, i) + (a[i + 1] ?? '') + (a[i] ?? '') + a.slice(i + 2);
  return swapped === b;
}

function isInitialOf(initial: string, name: string): boolean {
  return initial.length === 1 && name.length > 1 && name.startsWith(initial);
}

function isTokenSubset(small: string, large: string): boolean {
  if (!small.includes(' ') && !large.includes(' ')) return false;

  const tokens = large.split(' ');
  return small.split(' ').every((token) => tokens.includes(token));
}

function sharesLongToken(a: string, b: string): boolean {
  if (!a.includes(' ') && !b.includes(' ')) return false;

  const tokens = b.split(' ');
  return a.split(' ').some((token) => token.length >= 3 && tokens.includes(token));
}

function rootsOf(key: string): readonly string[] {
  const first = key.split(' ')[0] ?? '';
  return first === '' ? [] : (NICKNAMES.get(first) ?? [first]);
}
