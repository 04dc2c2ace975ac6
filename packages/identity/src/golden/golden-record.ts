import type { GuestFeatures, NormalisedLoyalty } from '../model';
import type { PostalAddress } from '../normalise/address';

/** One surviving value and the records that carried it. */
export interface SurvivingValue<T> {
  value: T;
  sourceRecordIds: string[];
}

export interface GoldenName {
  given: string;
  family: string;
}

/**
 * The customer's best-known attributes, chosen per attribute (survivorship): the most recent
 * personal e-mail, the most frequent personal phone, the most complete name, the most frequent
 * birth date, the latest address and every loyalty membership.
 */
export interface GoldenRecord {
  customerId: string;
  recordIds: string[];
  name?: SurvivingValue<GoldenName>;
  email?: SurvivingValue<string>;
  phone?: SurvivingValue<string>;
  birthDate?: SurvivingValue<string>;
  address?: SurvivingValue<PostalAddress>;
  loyalty: SurvivingValue<NormalisedLoyalty>[];
}

interface Observation<T> {
  key: string;
  value: T;
  recordId: string;
  /** Position of the record: later is more recent when observation times tie or are missing. */
  order: number;
  observedAt: number;
}

/** Builds the golden record from a customer's records, given in arrival order. */
export function buildGoldenRecord(
  customerId: string,
  records: readonly GuestFeatures[],
): GoldenRecord {
  const golden: GoldenRecord = {
    customerId,
    recordIds: records.map((record) => record.recordId),
    loyalty: loyaltyOf(records),
  };

  const name = pick(observe(records, nameOf), byCompleteness);
  const email = pick(observe(records, personalEmailOf), byRecency);
  const phone = pick(observe(records, personalPhoneOf), byFrequencyThenRecency);
  const birthDate = pick(
    observe(records, (r) => r.birthDate?.iso),
    byFrequencyThenRecency,
  );
  const address = pick(
    observe(records, (r) => r.address?.display),
    byRecency,
  );

  if (name !== undefined) golden.name = name;
  if (email !== undefined) golden.email = { ...email, value: emailDisplayOf(records, email.value) };
  if (phone !== undefined) golden.phone = phone;
  if (birthDate !== undefined) golden.birthDate = birthDate;
  if (address !== undefined) golden.address = address;
  return golden;
}

function nameOf(record: GuestFeatures): GoldenName | undefined {
  return record.name === undefined
    ? undefined
    : { given: record.name.given, family: record.name.family };
}

function personalEmailOf(record: GuestFeatures): string | undefined {
  return record.email?.kind === 'personal' ? record.email.address : undefined;
}

function emailDisplayOf(records: readonly GuestFeatures[], address: string): string {
  const latest = records.filter((record) => record.email?.address === address).at(-1);
  return latest?.email?.display ?? address;
}

function personalPhoneOf(record: GuestFeatures): string | undefined {
  return record.phone?.kind === 'personal' ? record.phone.e164 : undefined;
}

function observe<T>(
  records: readonly GuestFeatures[],
  read: (record: GuestFeatures) => T | undefined,
): Observation<T>[] {
  const observations: Observation<T>[] = [];
  records.forEach((record, order) => {
    const value = read(record);
    if (value === undefined) return;

    const observedAt = record.observedAt === undefined ? NaN : Date.parse(record.observedAt);
    const key = JSON.stringify(value);
    observations.push({ key, value, recordId: record.recordId, order, observedAt });
  });
  return observations;
}

type Ranking<T> = (a: Candidate<T>, b: Candidate<T>) => number;

interface Candidate<T> {
  latest: Observation<T>;
  count: number;
  sourceRecordIds: string[];
}

/** Groups equal values, ranks the groups and keeps the best with every record behind it. */
function pick<T>(observations: Observation<T>[], rank: Ranking<T>): SurvivingValue<T> | undefined {
  const groups = new Map<string, Candidate<T>>();
  for (const observation of observations) {
    const group = groups.get(observation.key);
    if (group === undefined) {
      groups.set(observation.key, { latest: observation, count: 1, sourceRecordIds: [] });
    } else {
      group.count += 1;
      if (compareRecency(observation, group.latest) > 0) group.latest = observation;
    }
    groups.get(observation.key)?.sourceRecordIds.push(observation.recordId);
  }

  const best = [...groups.values()].sort((a, b) => rank(b, a))[0];
  return best === undefined
    ? undefined
    : { value: best.latest.value, sourceRecordIds: best.sourceRecordIds };
}

/** Positive when `a` is more recent: observation time first, arrival order second. */
function compareRecency<T>(a: Observation<T>, b: Observation<T>): number {
  const aTime = Number.isNaN(a.observedAt) ? -Infinity : a.observedAt;
  const bTime = Number.isNaN(b.observedAt) ? -Infinity : b.observedAt;
  if (aTime !== bTime) return aTime > bTime ? 1 : -1;
  return a.order - b.order;
}

const byRecency: Ranking<unknown> = (a, b) => compareRecency(a.latest, b.latest);

const byFrequencyThenRecency: Ranking<unknown> = (a, b) =>
  a.count !== b.count ? a.count - b.count : compareRecency(a.latest, b.latest);

/** Both parts beat one, more tokens beat fewer, longer beats shorter, then frequency, recency. */
const byCompleteness: Ranking<GoldenName> = (a, b) => {
  const difference = completeness(a.latest.value) - completeness(b.latest.value);
  return difference !== 0 ? difference : byFrequencyThenRecency(a, b);
};

function completeness(name: GoldenName): number {
  const parts = (name.given === '' ? 0 : 1) + (name.family === '' ? 0 : 1);
  const tokens = `${name.given} ${name.family}`.trim().split(/\s+/).length;
  const letters = name.given.length + name.family.length;
  return parts * 10_000 + tokens * 100 + Math.min(letters, 99);
}

function loyaltyOf(records: readonly GuestFeatures[]): SurvivingValue<NormalisedLoyalty>[] {
  const memberships = new Map<string, SurvivingValue<NormalisedLoyalty>>();
  for (const record of records) {
    for (const entry of record.loyalty) {
      const key = `${entry.programme}:${entry.number}`;
      const known = memberships.get(key) ?? { value: entry, sourceRecordIds: [] };
      known.sourceRecordIds.push(record.recordId);
      memberships.set(key, known);
    }
  }
  return [...memberships.values()];
}
