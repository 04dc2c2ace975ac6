import type { GuestRecord, GuestRole } from '../model';
import { toCountryCode } from '../normalise/country';
import { foldText } from '../normalise/text';
import { dropAccents, mistypeDay, swapDayMonth, typo } from './noise';
import type { Person } from './person';
import { createPerson, formatPhone } from './person';
import type { Random } from './random';
import { createRandom } from './random';

/** The columns of a "Hotel booking demand" row the generator reads (all as CSV strings). */
export interface BookingRow {
  hotel?: string;
  lead_time?: string;
  arrival_date_year?: string;
  arrival_date_month?: string;
  arrival_date_day_of_month?: string;
  adults?: string;
  country?: string;
  market_segment?: string;
  is_repeated_guest?: string;
  previous_bookings_not_canceled?: string;
  agent?: string;
  company?: string;
  [column: string]: string | undefined;
}

/** The guest records of one booking and, aligned with them, the person each one really is. */
export interface SyntheticBooking {
  guests: GuestRecord[];
  truth: string[];
}

export interface GuestGenerator {
  next(row: BookingRow): SyntheticBooking;
  /** Persons generated so far. */
  readonly personCount: number;
}

/** The two hotels of the dataset, with invented contact data that walk-ins get typed in. */
export const SYNTHETIC_PROPERTIES: Readonly<Record<string, { phone: string; domain: string }>> = {
  'Resort Hotel': { phone: '+351 282 340 100', domain: 'resort-algarve.pt' },
  'City Hotel': { phone: '+351 213 500 200', domain: 'cityhotel-lisboa.pt' },
};

export const SYNTHETIC_PROPERTY_PHONES = Object.values(SYNTHETIC_PROPERTIES).map((p) => p.phone);

/** A booking desk changes hands: one booker makes at most this many bookings per account. */
const MAX_BOOKINGS_PER_BOOKER = 25;

const OTA_DOMAINS = ['guest.booking.com', 'm.expediapartnercentral.com', 'agoda-messaging.com'];
const MONTHS =
  'January February March April May June July August September October November December';

interface Booking {
  row: number;
  country: string;
  segment: string;
  property: { phone: string; domain: string };
  walkIn: boolean;
  arrival: string;
  adults: number;
}

/**
 * A seeded, deterministic generator of guest records for the rows of the "Hotel booking demand"
 * file, read in file order. Repeated guests reuse an earlier person of the same country; bookers
 * appear for groups and corporate bookings; records carry the noise real PMS data has.
 */
export function createGuestGenerator(seed: number | string): GuestGenerator {
  const random = createRandom(seed);
  const persons = new Map<string, Person>();
  const pools = new Map<string, BookingPool>();
  const bookers = new Map<string, Person>();
  const taken = new Set<string>();
  let row = 0;

  const newPerson = (country: string, family?: string, notGiven?: string): Person => {
    const personId = `person-${persons.size + 1}`;
    const seed = { personId, country, ...(family ? { family } : {}) };
    let person = createPerson(seed, random, taken);
    for (let retry = 0; retry < 5 && person.given === notGiven; retry += 1) {
      person = createPerson(seed, random, taken);
    }
    persons.set(personId, person);
    return person;
  };

  const primaryFor = (booking: Booking, raw: BookingRow): Person => {
    const pool = pools.get(booking.country) ?? new BookingPool();
    pools.set(booking.country, pool);
    const previous = Number(raw.previous_bookings_not_canceled ?? 0) || 0;
    const returning = raw.is_repeated_guest === '1' || previous > 0;
    const person =
      (returning ? pool.take(previous, random) : undefined) ?? newPerson(booking.country);

    person.bookings += 1;
    pool.add(person);
    return person;
  };

  const companionsFor = (primary: Person, booking: Booking): Person[] => {
    const companions: Person[] = [];
    for (let k = 0; k < booking.adults - 1; k += 1) {
      const known = persons.get(primary.companionIds[k] ?? '');
      if (known !== undefined) {
        companions.push(known);
        continue;
      }
      const spouse = k === 0 && random.chance(0.6);
      const family = spouse ? primary.family : undefined;
      const companion = newPerson(booking.country, family, primary.given);
      primary.companionIds.push(companion.personId);
      companions.push(companion);
    }
    return companions;
  };

  const bookerFor = (booking: Booking, raw: BookingRow): Person | undefined => {
    if (booking.segment !== 'Groups' && booking.segment !== 'Corporate') return undefined;

    const account = raw.company !== 'NULL' ? `company:${raw.company}` : `agent:${raw.agent}`;
    const known = bookers.get(account);
    const reusable = known !== undefined && account !== 'agent:NULL';
    const booker = reusable && known.bookings < MAX_BOOKINGS_PER_BOOKER ? known : undefined;
    if (booker !== undefined) {
      booker.bookings += 1;
      return booker;
    }

    const successor = newPerson(booking.country);
    successor.bookings = 1;
    bookers.set(account, successor);
    return successor;
  };

  return {
    get personCount() {
      return persons.size;
    },
    next(raw: BookingRow): SyntheticBooking {
      row += 1;
      const booking = readBooking(raw, row);
      const primary = primaryFor(booking, raw);
      const party = [primary, ...companionsFor(primary, booking)];
      const booker = bookerFor(booking, raw);

      const writer = createRecordWriter(booking, random);
      const guests: GuestRecord[] = [];
      const truth: string[] = [];
      if (booker !== undefined) {
        guests.push(writer.booker(booker));
        truth.push(booker.personId);
      }
      party.forEach((person, index) => {
        guests.push(writer.guest(person, index === 0 ? 'guest' : 'companion', primary, booker));
        truth.push(person.personId);
      });
      return { guests, truth };
    },
  };
}

function readBooking(raw: BookingRow, row: number): Booking {
  const segment = raw.market_segment ?? 'Undefined';
  const property = SYNTHETIC_PROPERTIES[raw.hotel ?? ''] ?? SYNTHETIC_PROPERTIES['City Hotel'];
  return {
    row,
    country: toCountryCode(raw.country) ?? '',
    segment,
    property: property as Booking['property'],
    walkIn: segment === 'Direct' && raw.lead_time === '0',
    arrival: arrivalDate(raw),
    adults: Math.max(1, Math.min(4, Number(raw.adults ?? 1) || 1)),
  };
}

function arrivalDate(raw: BookingRow): string {
  const month = Math.max(1, MONTHS.split(' ').indexOf(raw.arrival_date_month ?? '') + 1);
  const day = Number(raw.arrival_date_day_of_month ?? 1) || 1;
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${raw.arrival_date_year ?? '2016'}-${pad(month)}-${pad(day)}`;
}

/**
 * Earlier primary guests of one country by number of bookings, so a row saying "n previous
 * bookings" continues the history of someone with n bookings (or the longest shorter one).
 */
class BookingPool {
  private readonly byCount = new Map<number, Person[]>();

  add(person: Person): void {
    const bucket = this.byCount.get(person.bookings) ?? [];
    bucket.push(person);
    this.byCount.set(person.bookings, bucket);
  }

  /** A person with `previous` bookings, else the closest fewer, else any; undefined if empty. */
  take(previous: number, random: Random): Person | undefined {
    const counts = [...this.byCount.keys()].filter((count) => count >= 1).sort((a, b) => b - a);
    const wanted = Math.max(previous, 1);
    const ordered = [...counts.filter((count) => count <= wanted), ...counts.reverse()];
    for (const count of ordered) {
      const person = this.drawFrom(count, random);
      if (person !== undefined) return person;
    }
    return undefined;
  }

  /** Draws from a bucket, dropping entries that moved on (their count grew since). */
  private drawFrom(count: number, random: Random): Person | undefined {
    const bucket = this.byCount.get(count) ?? [];
    while (bucket.length > 0) {
      const index = random.int(0, bucket.length - 1);
      const person = bucket[index] as Person;
      if (person.bookings === count) return person;
      bucket[index] = bucket[bucket.length - 1] as Person;
      bucket.pop();
    }
    return undefined;
  }
}

interface RecordWriter {
  booker(person: Person): GuestRecord;
  guest(person: Person, role: GuestRole, primary: Person, booker: Person | undefined): GuestRecord;
}

function createRecordWriter(booking: Booking, random: Random): RecordWriter {
  let index = 0;
  const base = (role: GuestRole): GuestRecord => {
    index += 1;
    return {
      recordId: `row-${booking.row}:${role}-${index}`,
      role,
      observedAt: `${booking.arrival}T12:00:00Z`,
      propertyCountry: 'PT',
    };
  };

  return {
    booker: (person) => ({
      ...base('booker'),
      ...names(person, booking, random),
      email: person.email,
      ...(person.phone === undefined ? {} : { phone: formatPhone(person.phone, random) }),
      ...(person.country === '' ? {} : { country: person.country }),
    }),
    guest: (person, role, primary, booker) => {
      const record: GuestRecord = { ...base(role), ...names(person, booking, random) };
      if (person.country !== '') record.country = person.country;
      if (role === 'guest') Object.assign(record, primaryDetails(person, booking, random));
      else Object.assign(record, companionDetails(person, primary, random));
      if (booker !== undefined && random.chance(0.5)) copyContact(record, booker, random);
      return record;
    },
  };
}

/** Names as a PMS stores them: accents dropped, typos, swaps, capitals, one-field names. */
function names(person: Person, booking: Booking, random: Random): Partial<GuestRecord> {
  const fromOta = booking.segment === 'Online TA';
  let given = random.chance(0.03) ? typo(person.given, random) : person.given;
  let family = random.chance(0.03) ? typo(person.family, random) : person.family;
  if (random.chance(fromOta ? 0.6 : 0.3))
    [given, family] = [dropAccents(given), dropAccents(family)];
  if (random.chance(0.15)) family = family.toUpperCase();
  if (random.chance(0.08)) return { fullName: `${family.toUpperCase()} ${given}` };
  if (random.chance(0.03)) return { givenName: family, familyName: given };
  return { givenName: given, familyName: family };
}

function primaryDetails(person: Person, booking: Booking, random: Random): Partial<GuestRecord> {
  if (booking.walkIn && random.chance(0.5)) {
    return { email: `noemail@${booking.property.domain}`, phone: booking.property.phone };
  }

  const details: Partial<GuestRecord> = {};
  const email = emailFor(person, booking, random);
  if (email !== undefined) details.email = email;
  if (person.phone !== undefined && random.chance(phoneRate(booking.segment))) {
    details.phone = formatPhone(person.phone, random);
  }
  if (random.chance(0.55)) details.birthDate = noisyBirthDate(person.birthDate, random);
  if (person.loyalty !== undefined && ['Direct', 'Corporate'].includes(booking.segment)) {
    details.loyalty = [person.loyalty];
  }
  return details;
}

function emailFor(person: Person, booking: Booking, random: Random): string | undefined {
  switch (booking.segment) {
    case 'Online TA':
      return random.chance(0.8) ? otaAlias(person, random) : person.email;
    case 'Offline TA/TO':
      if (random.chance(0.4)) return `reservations@agency-${random.int(1, 40)}.com`;
      return random.chance(0.5) ? person.email : undefined;
    case 'Groups':
      return random.chance(0.3) ? person.email : undefined;
    default:
      return random.chance(0.8) ? person.email : undefined;
  }
}

function otaAlias(person: Person, random: Random): string {
  const local = foldText(person.given).replace(/ /g, '').slice(0, 6);
  return `${local}.${random.int(100_000, 999_999)}@${random.pick(OTA_DOMAINS)}`;
}

function phoneRate(segment: string): number {
  return segment === 'Direct' || segment === 'Corporate' ? 0.75 : 0.5;
}

/** Companions carry a name, sometimes a birth date and sometimes the household's e-mail. */
function companionDetails(person: Person, primary: Person, random: Random): Partial<GuestRecord> {
  const details: Partial<GuestRecord> = {};
  if (random.chance(0.4)) details.birthDate = noisyBirthDate(person.birthDate, random);
  if (person.family === primary.family && random.chance(0.25)) details.email = primary.email;
  return details;
}

function noisyBirthDate(iso: string, random: Random): string {
  if (random.chance(0.02)) return swapDayMonth(iso);
  return random.chance(0.02) ? mistypeDay(iso, random) : iso;
}

/** The PMS copies the booker's contact data onto the room's guests. */
function copyContact(record: GuestRecord, booker: Person, random: Random): void {
  record.email = booker.email;
  if (booker.phone !== undefined) record.phone = formatPhone(booker.phone, random);
}
