/**
 * The card-data guard (DOMAIN.md §5.2): the pipeline stays out of PCI scope, so payment-card
 * data is removed from every input before anything is published to Kafka, the dead-letter
 * topic included. Card fields are dropped by name; card numbers (Luhn-valid runs of 13 to 19
 * digits, with or without spaces or dashes), card codes and expiry dates next to card words
 * are cut out of free text. The event is kept.
 */

export const CARD_NUMBER_MARK = '[card number removed]';
export const CARD_CODE_MARK = '[card code removed]';
export const CARD_EXPIRY_MARK = '[card expiry removed]';

export type ScrubKind = 'field' | 'number' | 'code' | 'expiry';

export interface TextScrub {
  text: string;
  kinds: ScrubKind[];
}

export interface GuardResult<T> {
  value: T;
  /** Where card data was found, as field paths; never the data itself. */
  fields: string[];
  kinds: ScrubKind[];
}

/**
 * Fields whose values are identifiers, instants or amounts, where long digit runs are
 * legitimate: they are never scanned as free text. Card-named fields are dropped everywhere.
 */
const STRUCTURED_FIELDS = new Set([
  'event_id', 'event_kind', 'tenant_id', 'property_id', 'source_system', 'source_version',
  'occurred_at', 'booked_at', 'cancelled_at', 'version', 'reservation_id', 'feedback_id',
  'source_profile_id', 'loyalty_program', 'loyalty_number', 'email', 'birth_date',
  'arrival_date', 'departure_date', 'check_in_date', 'check_out_date', 'property_timezone',
  'adults', 'children', 'babies', 'score_raw', 'scale_min', 'scale_max', 'nps_score',
  'nightly_rate', 'total_room_net', 'room_revenue_net',
]);

/** A valid E.164 number has at most 15 digits, so a phone field is only scanned for longer runs. */
const MIN_DIGITS_BY_FIELD: Record<string, number> = { phone: 16 };

const CARD_FIELD = new RegExp(
  [
    'creditcard', 'debitcard', 'paymentcard', 'chargecard', 'cardnumber', 'cardnum', 'cardno',
    'cardholder', 'cardexp', 'cardsecurity', 'cardverification', 'cardcode', 'cardcvv', 'cardcvc',
    'securitycode', 'cvv', 'cvc', 'cvn', 'ccnumber', 'ccnum', 'ccexp', 'trackdata', 'track1', 'track2',
    'primaryaccountnumber',
  ].join('|'),
);
const CARD_FIELD_EXACT = new Set(['card', 'cc', 'pan', 'csc', 'cid', 'ccv', 'guarantee']);
const NOT_PAYMENT_CARD = /loyalty|keycard|roomkey|membership/;

/** True for field names that carry payment-card data, in any case or separator style. */
export function isCardField(name: string): boolean {
  const squashed = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (NOT_PAYMENT_CARD.test(squashed)) return false;
  return CARD_FIELD_EXACT.has(squashed) || CARD_FIELD.test(squashed);
}

/** The Luhn check digit test that every payment card number passes. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Digit groups joined by single spaces or dashes (a double space is tolerated). */
const DIGIT_RUN = /\d+(?:[ -]{1,2}\d+)*/g;

/**
 * Replaces card numbers inside a run of digit groups. A run may hold more than a card
 * (a room number before it, a code after it), so windows of whole groups are tried,
 * longest first from each starting group.
 */
function scrubRun(run: string, minDigits: number): { text: string; found: boolean } {
  const groups = run.split(/[ -]+/);
  const separators = run.match(/[ -]+/g) ?? [];
  const out: string[] = [];
  let found = false;

  for (let i = 0; i < groups.length; ) {
    const end = cardWindowEnd(groups, i, minDigits);
    if (end < 0) {
      out.push(groups[i]!, separators[i] ?? '');
      i += 1;
      continue;
    }
    found = true;
    out.push(CARD_NUMBER_MARK, separators[end] ?? '');
    i = end + 1;
  }

  return { text: out.join(''), found };
}

/** The last group of the longest card-number window starting at group `start`, or -1. */
function cardWindowEnd(groups: string[], start: number, minDigits: number): number {
  let digits = '';
  let best = -1;
  for (let j = start; j < groups.length; j += 1) {
    digits += groups[j]!;
    if (digits.length > 19) break;
    if (digits.length >= Math.max(13, minDigits) && luhnValid(digits)) best = j;
  }
  return best;
}

const CARD_WORD = String.raw`(?:cvv2?|cvc2?|cvn|csc|cid|security\s*code|card\s*code|verification\s*(?:code|value)|code)`;
const CODE_AFTER_WORD = new RegExp(String.raw`\b(${CARD_WORD})(\W{0,4}(?:is\s+)?)(\d{3,4})\b(?![\/.]\d)`, 'gi');
const CODE_AFTER_NUMBER = new RegExp(
  String.raw`(${escape(CARD_NUMBER_MARK)}[^\w\[]{0,4}(?:${CARD_WORD}\W{0,4})?)(\d{3,4})\b(?![\/.]\d)`,
  'gi',
);
const EXPIRY = /\b(exp(?:iry|iration|ires|\.)?(?:\s*date)?|valid\s*(?:thru|through|until))(\W{0,4})(\d{1,2}\s*[/-]\s*\d{2,4})\b/gi;
const CARD_CONTEXT = /card|visa|master\s*card|amex|american\s*express|diners|discover|jcb|maestro|cvv|cvc/i;

/** Cuts card numbers, card codes and (next to card words) expiry dates out of free text. */
export function scrubText(text: string, minDigits = 13): TextScrub {
  const kinds = new Set<ScrubKind>();

  let out = text.replace(DIGIT_RUN, (run, offset: number) => {
    // NOTE: a card number never follows a plus sign; a phone number in E.164 form does.
    const phoneLike = text[offset - 1] === '+';
    const scrubbed = scrubRun(run, phoneLike ? Math.max(16, minDigits) : minDigits);
    if (scrubbed.found) kinds.add('number');
    return scrubbed.text;
  });

  out = out.replace(CODE_AFTER_NUMBER, (_match, before: string) => {
    kinds.add('code');
    return `${before}${CARD_CODE_MARK}`;
  });
  out = out.replace(CODE_AFTER_WORD, (match, word: string, gap: string) => {
    if (/^code$/i.test(word) && !CARD_CONTEXT.test(text)) return match;
    kinds.add('code');
    return `${word}${gap}${CARD_CODE_MARK}`;
  });
  if (kinds.size > 0 || CARD_CONTEXT.test(text)) {
    out = out.replace(EXPIRY, (_match, word: string, gap: string) => {
      kinds.add('expiry');
      return `${word}${gap}${CARD_EXPIRY_MARK}`;
    });
  }

  return { text: out, kinds: [...kinds] };
}

/**
 * Removes card data from one input as sent (a JSON value or a CSV row): card-named fields
 * are dropped at any depth, free-text values are scrubbed. The input is not modified.
 */
export function guardCardData<T>(input: T): GuardResult<T> {
  const fields = new Set<string>();
  const kinds = new Set<ScrubKind>();
  const value = walk(input, '', '', 0, (path, kind) => {
    fields.add(path || '(root)');
    kinds.add(kind);
  }) as T;
  return { value, fields: [...fields], kinds: [...kinds] };
}

/**
 * How deep the guard follows an input. An event nests four levels at most (guests, their
 * loyalty); anything below this is replaced by a marker, so a hostile body of nested arrays
 * cannot exhaust the stack, and the input then fails validation with its field named.
 */
export const MAX_INPUT_DEPTH = 32;
export const TOO_DEEP_MARK = '[nested too deep: removed]';

type Found = (path: string, kind: ScrubKind) => void;

function walk(value: unknown, path: string, field: string, depth: number, found: Found): unknown {
  if (typeof value === 'string') return scrubValue(value, path, field, found);
  if (typeof value === 'number') return scrubNumber(value, path, field, found);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_INPUT_DEPTH) return TOO_DEEP_MARK;
  if (Array.isArray(value)) return value.map((item, i) => walk(item, `${path}[${i}]`, field, depth + 1, found));

  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const innerPath = path ? `${path}.${key}` : key;
    if (isCardField(key)) {
      found(innerPath, 'field');
      continue;
    }
    out[key] = walk(inner, innerPath, key, depth + 1, found);
  }
  return out;
}

function scrubValue(value: string, path: string, field: string, found: Found): string {
  if (STRUCTURED_FIELDS.has(field)) return value;

  const scrubbed = scrubText(value, MIN_DIGITS_BY_FIELD[field] ?? 13);
  for (const kind of scrubbed.kinds) found(path, kind);
  return scrubbed.text;
}

/** A 15- or 16-digit JSON number outside the known numeric fields is treated as a card number. */
function scrubNumber(value: number, path: string, field: string, found: Found): number | string {
  if (STRUCTURED_FIELDS.has(field) || !Number.isSafeInteger(value) || value < 1e14) return value;

  const digits = String(value);
  if (!luhnValid(digits)) return value;
  found(path, 'number');
  return CARD_NUMBER_MARK;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
