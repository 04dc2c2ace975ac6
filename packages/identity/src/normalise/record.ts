import type { GuestFeatures, GuestRecord, LoyaltyMembership, NormalisedLoyalty } from '../model';
import type { IdentityOptions } from '../options';
import { normaliseAddress } from './address';
import { normaliseBirthDate } from './birth-date';
import { toCountryCode } from './country';
import { normaliseEmail } from './email';
import { normaliseName } from './name';
import { normalisePhone } from './phone';
import { foldText } from './text';

/** Reduces a guest record to comparison keys, classifying every contact value on the way. */
export function normaliseRecord(record: GuestRecord, options: IdentityOptions): GuestFeatures {
  const country = toCountryCode(record.country) ?? toCountryCode(record.address?.country);
  const propertyCountry = toCountryCode(record.propertyCountry) ?? options.propertyCountry;

  const features: GuestFeatures = {
    recordId: record.recordId,
    role: record.role ?? 'guest',
    loyalty: normaliseLoyalty(record.loyalty ?? []),
  };
  assignDefined(features, {
    observedAt: record.observedAt,
    name: normaliseName(record),
    email: normaliseEmail(record.email, options.email),
    phone: normalisePhone(record.phone, {
      guestCountry: country,
      propertyCountry,
      propertyPhones: options.propertyPhoneSet,
    }),
    birthDate: normaliseBirthDate(record.birthDate, options.birthDate),
    address: normaliseAddress(record.address),
    country,
  });

  return features;
}

function normaliseLoyalty(memberships: readonly LoyaltyMembership[]): NormalisedLoyalty[] {
  const normalised: NormalisedLoyalty[] = [];
  for (const membership of memberships) {
    const programme = foldText(membership.programme).replace(/ /g, '');
    const number = membership.number.toUpperCase().replace(/[^A-Z0-9]/g, '');
    if (programme !== '' && number !== '') normalised.push({ programme, number });
  }
  return normalised;
}

/** Copies only defined values, so persisted features carry no `undefined` keys. */
function assignDefined<T extends object>(target: T, values: Partial<T>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) (target as Record<string, unknown>)[key] = value;
  }
}
