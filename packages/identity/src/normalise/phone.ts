import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode, PhoneNumber } from 'libphonenumber-js/max';

export type PhoneKind = 'personal' | 'placeholder' | 'invalid';

/** Line type from libphonenumber's full metadata; `fixed_or_mobile` counts as mobile. */
export type PhoneLine = 'mobile' | 'fixed' | 'other' | 'unknown';

export type PhonePlaceholderReason = 'repeated_digits' | 'digit_sequence' | 'property_phone';

export interface NormalisedPhone {
  /** E.164 when the number parsed; the bare digits otherwise (kind `invalid`). */
  e164: string;
  kind: PhoneKind;
  line: PhoneLine;
  placeholderReason?: PhonePlaceholderReason;
}

export interface PhoneContext {
  /** The guest's country (alpha-2): the first default region for a number without a prefix. */
  guestCountry?: string;
  /** The property's country (alpha-2): the second default region. */
  propertyCountry?: string;
  /** The property's own numbers in E.164: staff type them in when the guest gave none. */
  propertyPhones?: ReadonlySet<string>;
}

const MIN_DIGITS = 6;
const ASCENDING = '01234567890123456789';
const DESCENDING = '98765432109876543210';

/** Normalises one phone number to E.164 and flags placeholders; undefined for an empty input. */
export function normalisePhone(
  raw: string | null | undefined,
  context: PhoneContext = {},
): NormalisedPhone | undefined {
  if (raw === null || raw === undefined) return undefined;
  const digits = raw.replace(/\D/g, '');
  if (digits === '') return undefined;

  const parsed = digits.length >= MIN_DIGITS ? parseWithRegions(raw, context) : undefined;
  if (parsed === undefined) return unparsed(digits);

  const e164 = parsed.number;
  const line = lineOf(parsed);
  const placeholderReason = placeholderReasonOf(e164, parsed.nationalNumber, context);
  if (placeholderReason !== undefined) {
    return { e164, kind: 'placeholder', line, placeholderReason };
  }

  return { e164, kind: 'personal', line };
}

/** Normalises the property's own numbers once, for `PhoneContext.propertyPhones`. */
export function normalisePropertyPhones(
  phones: readonly string[],
  propertyCountry?: string,
): Set<string> {
  const numbers = new Set<string>();
  for (const phone of phones) {
    const parsed = parseWithRegions(phone, { propertyCountry });
    if (parsed !== undefined) numbers.add(parsed.number);
  }
  return numbers;
}

/** A number that did not parse is unusable either way; filler digits are still named as such. */
function unparsed(digits: string): NormalisedPhone {
  const reason = digitPatternReason(digits.replace(/^0+/, ''));
  if (reason === undefined) return { e164: digits, kind: 'invalid', line: 'unknown' };

  return { e164: digits, kind: 'placeholder', line: 'unknown', placeholderReason: reason };
}

function parseWithRegions(raw: string, context: PhoneContext): PhoneNumber | undefined {
  const text = raw.trim().replace(/^00/, '+');
  const regions = [context.guestCountry, context.propertyCountry].filter(isRegion);

  let possible: PhoneNumber | undefined;
  for (const region of regions.length > 0 ? regions : [undefined]) {
    const parsed = parsePhoneNumberFromString(text, region);
    if (parsed === undefined) continue;
    if (parsed.isValid()) return parsed;
    if (possible === undefined && parsed.isPossible()) possible = parsed;
  }

  return possible;
}

function isRegion(country: string | undefined): country is CountryCode {
  return country !== undefined && isSupportedCountry(country);
}

function lineOf(parsed: PhoneNumber): PhoneLine {
  switch (parsed.getType()) {
    case 'MOBILE':
    case 'FIXED_LINE_OR_MOBILE':
      return 'mobile';
    case 'FIXED_LINE':
      return 'fixed';
    case undefined:
      return 'unknown';
    default:
      return 'other';
  }
}

function placeholderReasonOf(
  e164: string,
  nationalNumber: string,
  context: PhoneContext,
): PhonePlaceholderReason | undefined {
  if (context.propertyPhones?.has(e164) === true) return 'property_phone';
  return digitPatternReason(nationalNumber);
}

function digitPatternReason(digits: string): PhonePlaceholderReason | undefined {
  if (new Set(digits).size <= 2) return 'repeated_digits';

  const isSequence = ASCENDING.includes(digits) || DESCENDING.includes(digits);
  return isSequence ? 'digit_sequence' : undefined;
}
