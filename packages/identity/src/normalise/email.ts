import { wordList } from './text';

/**
 * What an e-mail address says about identity. Only `personal` addresses are match keys:
 * an OTA alias belongs to one booking, a placeholder to nobody, a role address to a mailbox.
 */
export type EmailKind = 'personal' | 'ota_alias' | 'placeholder' | 'role' | 'invalid';

export interface NormalisedEmail {
  /** Canonical address for comparison: lower case, NFC, plus-tag and Gmail dots removed. */
  address: string;
  /** The address as given, trimmed and NFC: what a golden record shows. */
  display: string;
  local: string;
  domain: string;
  kind: EmailKind;
}

export interface EmailRules {
  /** Domains (and their sub-domains) whose addresses are per-booking OTA aliases. */
  otaAliasDomains: readonly string[];
  /** Local parts that mean "no e-mail" whatever the domain. */
  placeholderLocalParts: readonly string[];
  /** Whole addresses or domains that mean "no e-mail", e.g. the property's own address. */
  placeholderAddresses: readonly string[];
  /** Local parts of shared mailboxes: reservations@, info@, frontdesk@ and the like. */
  roleLocalParts: readonly string[];
}

export const DEFAULT_EMAIL_RULES: EmailRules = {
  otaAliasDomains: wordList(`
    guest.booking.com m.expediapartnercentral.com guest.airbnb.com agoda-messaging.com
    guest.trip.com guest.hrs.com messages.homeaway.com
  `),
  placeholderLocalParts: wordList(`
    noemail no-email no.email no_email nomail no-mail none no na n.a null nil unknown test guest
    dummy fake noreply no-reply donotreply do-not-reply x xx xxx a aa abc email tba
  `),
  placeholderAddresses: wordList(`
    example.com example.org example.net test.com email.com domain.com noemail.com nomail.com
    none.com x.x a.a hotel.com guest.com
  `),
  roleLocalParts: wordList(`
    reservations reservation reserve res booking bookings info frontdesk front.desk front-desk
    reception sales admin office contact hello mail travel events groups accounts billing support
    concierge hotel team enquiries inquiries mice corporate hr
  `),
};

const ADDRESS_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;
const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/** Normalises and classifies one address; undefined for an empty input. */
export function normaliseEmail(
  raw: string | null | undefined,
  rules: EmailRules = DEFAULT_EMAIL_RULES,
): NormalisedEmail | undefined {
  if (raw === null || raw === undefined) return undefined;
  const display = raw
    .normalize('NFC')
    .trim()
    .replace(/^mailto:/i, '');
  const text = display.toLowerCase();
  if (text === '') return undefined;

  if (!ADDRESS_SHAPE.test(text)) {
    return { address: text, display, local: '', domain: '', kind: 'invalid' };
  }

  const at = text.lastIndexOf('@');
  const { local, domain } = canonicalParts(text.slice(0, at), text.slice(at + 1));
  const address = `${local}@${domain}`;
  return { address, display, local, domain, kind: classify(local, domain, address, rules) };
}

function canonicalParts(rawLocal: string, rawDomain: string): { local: string; domain: string } {
  const untagged = rawLocal.split('+')[0] as string;
  if (!GMAIL_DOMAINS.has(rawDomain)) return { local: untagged, domain: rawDomain };

  return { local: untagged.replace(/\./g, ''), domain: 'gmail.com' };
}

function classify(local: string, domain: string, address: string, rules: EmailRules): EmailKind {
  if (rules.otaAliasDomains.some((ota) => isDomainOrSubdomain(domain, ota))) return 'ota_alias';
  if (isPlaceholder(local, domain, address, rules)) return 'placeholder';
  if (rules.roleLocalParts.includes(local)) return 'role';
  return 'personal';
}

function isPlaceholder(local: string, domain: string, address: string, rules: EmailRules): boolean {
  if (local === '' || rules.placeholderLocalParts.includes(local)) return true;
  if (rules.placeholderAddresses.includes(address)) return true;
  if (rules.placeholderAddresses.some((value) => isDomainOrSubdomain(domain, value))) return true;

  return isOneRepeatedCharacter(local) && isOneRepeatedCharacter(domain.replace(/\./g, ''));
}

function isDomainOrSubdomain(domain: string, parent: string): boolean {
  return domain === parent || domain.endsWith(`.${parent}`);
}

function isOneRepeatedCharacter(value: string): boolean {
  return value.length > 0 && [...value].every((character) => character === value[0]);
}
