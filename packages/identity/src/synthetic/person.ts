import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import type { LoyaltyMembership } from '../model';
import { foldText } from '../normalise/text';
import { namesFor } from './names';
import type { Random } from './random';

/** One generated person: the truth behind every guest record the generator writes for them. */
export interface Person {
  personId: string;
  /** ISO alpha-2, or '' when the booking's country is unknown. */
  country: string;
  given: string;
  family: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  email: string;
  /** E.164, when a valid mobile number could be made for the country. */
  phone?: string;
  loyalty?: LoyaltyMembership;
  /** Bookings generated for this person so far. */
  bookings: number;
  /** Travel companions kept across stays (a spouse comes back too). */
  companionIds: string[];
}

export interface PersonSeed {
  personId: string;
  country: string;
  /** Shared with a spouse. */
  family?: string;
}

export const LOYALTY_PROGRAMME = 'Aurora Club';

/**
 * Creates a person with a mailbox and a mobile nobody else has: `taken` holds every e-mail and
 * phone handed out so far.
 */
export function createPerson(seed: PersonSeed, random: Random, taken: Set<string>): Person {
  const names = namesFor(seed.country);
  const given = random.pick(names.given);
  const family = seed.family ?? random.pick(names.family);
  const person: Person = {
    personId: seed.personId,
    country: seed.country,
    given,
    family,
    birthDate: randomBirthDate(random),
    email: unique(taken, () => personalEmail(given, family, names.mailDomains, random)) ?? '',
    bookings: 0,
    companionIds: [],
  };

  const phone = unique(taken, () => mobileNumber(seed.country, random));
  if (phone !== undefined) person.phone = phone;
  if (random.chance(0.15)) {
    person.loyalty = {
      programme: LOYALTY_PROGRAMME,
      number: `AC${random.int(1_000_000, 9_999_999)}`,
    };
  }
  return person;
}

function unique(taken: Set<string>, make: () => string | undefined): string | undefined {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const value = make();
    if (value === undefined) return undefined;
    if (taken.has(value)) continue;

    taken.add(value);
    return value;
  }
  return undefined;
}

function randomBirthDate(random: Random): string {
  const month = String(random.int(1, 12)).padStart(2, '0');
  const day = String(random.int(1, 28)).padStart(2, '0');
  return `${random.int(1945, 2003)}-${month}-${day}`;
}

function personalEmail(
  given: string,
  family: string,
  domains: readonly string[],
  random: Random,
): string {
  const g = foldText(given).replace(/ /g, '');
  const f = foldText(family).replace(/ /g, '');
  const number = random.int(1, 999);
  const local = random.pick([
    `${g}.${f}`,
    `${g}${f}${number}`,
    `${g[0] ?? ''}${f}`,
    `${f}.${g}${number}`,
    `${g}_${f}`,
  ]);
  return `${local}@${random.pick(domains)}`;
}

const MOBILE_EXAMPLES = examples as Partial<Record<string, string>>;

/** A valid mobile: the country's example number with its last five digits drawn at random. */
function mobileNumber(country: string, random: Random): string | undefined {
  const example = MOBILE_EXAMPLES[country];
  if (example === undefined || !isSupportedCountry(country)) return undefined;

  for (let attempt = 0; attempt < 5; attempt += 1) {
    const tail = String(random.int(0, 99_999)).padStart(5, '0');
    const candidate = example.slice(0, -5) + tail;
    const parsed = parsePhoneNumberFromString(candidate, country as CountryCode);
    if (parsed?.isValid() === true && parsed.getType() === 'MOBILE') return parsed.number;
  }
  return undefined;
}

/** How a clerk or a website writes the number: national, international or E.164. */
export function formatPhone(e164: string, random: Random): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (parsed === undefined) return e164;

  const style = random.next();
  if (style < 0.4) return parsed.formatNational();
  return style < 0.8 ? parsed.formatInternational() : e164;
}
