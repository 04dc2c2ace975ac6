import type { NormalisedAddress, PostalAddress } from './normalise/address';
import type { NormalisedBirthDate } from './normalise/birth-date';
import type { NormalisedEmail } from './normalise/email';
import type { NormalisedName } from './normalise/name';
import type { NormalisedPhone } from './normalise/phone';

/**
 * Who the person is on the reservation. A booker's contact data describes the booker, not the
 * guests she books for; companions often carry a name only.
 */
export type GuestRole = 'guest' | 'booker' | 'companion';

export interface LoyaltyMembership {
  programme: string;
  number: string;
}

/** One person as one source knows them: the input of identity resolution. */
export interface GuestRecord {
  /** Unique and stable across versions of this record: a profile id, a reservation-guest id. */
  recordId: string;
  role?: GuestRole;
  /** ISO-8601 time the source last changed the record; drives "most recent" survivorship. */
  observedAt?: string;
  givenName?: string | null;
  familyName?: string | null;
  /** Used only when neither givenName nor familyName is present. */
  fullName?: string | null;
  email?: string | null;
  phone?: string | null;
  /** YYYY-MM-DD, YYYYMMDD, DD/MM/YYYY or DD.MM.YYYY. */
  birthDate?: string | null;
  loyalty?: readonly LoyaltyMembership[];
  address?: PostalAddress;
  /** The guest's country (alpha-2 or alpha-3): the first default region for the phone. */
  country?: string | null;
  /** The property's country, overriding the resolver's default region for this record. */
  propertyCountry?: string | null;
}

export interface NormalisedLoyalty {
  /** Folded programme name. */
  programme: string;
  /** Upper-case letters and digits only. */
  number: string;
}

/** A record reduced to comparison keys. Plain data: it is what an `IdentityStore` persists. */
export interface GuestFeatures {
  recordId: string;
  role: GuestRole;
  observedAt?: string;
  name?: NormalisedName;
  email?: NormalisedEmail;
  phone?: NormalisedPhone;
  birthDate?: NormalisedBirthDate;
  loyalty: readonly NormalisedLoyalty[];
  address?: NormalisedAddress;
  /** The guest's country, alpha-2. */
  country?: string;
}
