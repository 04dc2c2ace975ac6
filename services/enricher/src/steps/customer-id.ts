import { createHash } from 'node:crypto';
import type { GuestRef } from '@staystream/schemas';

export interface CustomerAssignment {
  customerId: string;
  /** The kind of identifier the id was derived from. */
  identityKey: 'loyalty' | 'email' | 'phone' | 'profile' | 'reservation' | 'feedback';
  guest: GuestRef | null;
}

const PLACEHOLDER_EMAIL = /^(no-?e?mail|none|noreply|no-reply|test|guest|unknown|x+)@|@(example\.(com|org)|test\.com)$/i;
const OTA_ALIAS = /@(guest\.booking\.com|m\.expediapartnercentral\.com|guest\.airbnb\.com|agoda-messaging\.com|guest\.trip\.com)$/i;

/**
 * A stable customer id from the strongest identifier an event carries, or a pseudonymous id
 * per reservation when it carries none. Placeholders and OTA relay aliases never identify.
 * The identity resolver (packages/identity) refines this across sources.
 */
export function assignCustomer(
  tenantId: string,
  sourceSystem: string,
  guests: GuestRef[],
  fallback: { kind: 'reservation' | 'feedback'; id: string },
): CustomerAssignment {
  const guest = primaryGuest(guests);

  const candidates: [CustomerAssignment['identityKey'], string | null][] = guest
    ? [
        ['loyalty', guest.loyalty_number ? `${guest.loyalty_program ?? ''}:${guest.loyalty_number.trim()}` : null],
        ['email', personalEmail(guest.email)],
        ['phone', phoneDigits(guest.phone)],
        ['profile', guest.source_profile_id ? `${sourceSystem}:${guest.source_profile_id}` : null],
      ]
    : [];

  for (const [identityKey, value] of candidates) {
    if (value) return { customerId: customerIdOf(tenantId, identityKey, value), identityKey, guest };
  }
  return { customerId: customerIdOf(tenantId, fallback.kind, fallback.id), identityKey: fallback.kind, guest };
}

export function customerIdOf(tenantId: string, kind: string, value: string): string {
  return `c_${createHash('sha256').update(`${tenantId}|${kind}|${value}`).digest('hex').slice(0, 24)}`;
}

function primaryGuest(guests: GuestRef[]): GuestRef | null {
  return guests.find((g) => g.role === 'guest') ?? guests.find((g) => g.role !== 'booker') ?? null;
}

function personalEmail(email: string | null): string | null {
  const value = email?.trim().normalize('NFC').toLowerCase() ?? '';
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) return null;
  if (PLACEHOLDER_EMAIL.test(value) || OTA_ALIAS.test(value)) return null;
  return value;
}

function phoneDigits(phone: string | null): string | null {
  const digits = phone?.replace(/[^\d+]/g, '') ?? '';
  return digits.replace(/\D/g, '').length >= 8 ? digits : null;
}
