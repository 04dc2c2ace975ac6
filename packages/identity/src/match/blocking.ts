import type { GuestFeatures } from '../model';
import type { SharedValues } from './decide';
import { emailValueKey, loyaltyValueKeys, phoneValueKey } from './decide';

/**
 * Cheap keys under which a record is indexed and looked up: only records sharing at least one
 * key are compared, so cost grows with the number of keys, not with the number of records.
 * Name keys are built from both name orders so swapped given and family names still meet.
 */
export function blockingKeys(features: GuestFeatures, shared: SharedValues): string[] {
  const keys = new Set<string>();
  addIdentifierKeys(features, shared, keys);
  addNameKeys(features, keys);
  return [...keys];
}

/** Shared values still find candidates (the booker's own stays); the decision discounts them. */
function addIdentifierKeys(features: GuestFeatures, shared: SharedValues, keys: Set<string>) {
  for (const key of loyaltyValueKeys(features)) {
    if (!shared.has(key)) keys.add(key);
  }

  const email = emailValueKey(features);
  if (email !== undefined) {
    keys.add(email);
    const local = features.email?.local ?? '';
    if (local.length >= 4 && !shared.has(email)) keys.add(`email-local:${local}`);
  }

  const phone = phoneValueKey(features);
  if (phone !== undefined) keys.add(`phone-suffix:${features.phone?.e164.slice(-8)}`);
}

function addNameKeys(features: GuestFeatures, keys: Set<string>): void {
  const name = features.name;
  const birth = features.birthDate;
  const address = features.address;

  const family = name?.familyKey.replace(/ /g, '') ?? '';
  const given = name?.givenKey.replace(/ /g, '') ?? '';
  const soundexes = [name?.givenSoundex ?? '', name?.familySoundex ?? ''].filter(Boolean).sort();

  if (birth !== undefined) {
    keys.add(`dob:${birth.iso}`);
    for (const part of [family, given]) {
      if (part.length >= 2) keys.add(`name3-year:${part.slice(0, 3)}:${birth.year}`);
    }
    if (soundexes.length > 0)
      keys.add(`soundex-dob-md:${soundexes[0]}:${birth.month}-${birth.day}`);
  }
  if (soundexes.length === 2) keys.add(`soundex-pair:${soundexes.join(':')}`);

  const postcode = address?.postcode ?? '';
  if (postcode !== '') {
    for (const part of [family, given]) {
      if (part !== '') keys.add(`initial-postcode:${part[0]}:${postcode}`);
    }
  }

  const city = address?.city ?? '';
  if (city !== '' && given !== '' && family !== '') {
    keys.add(`initials-city:${[given[0], family[0]].sort().join('')}:${city}`);
  }
}
