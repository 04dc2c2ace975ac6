import { NICKNAMES, PLACEHOLDER_NAMES, SUFFIXES, TITLES } from './name-vocabulary';
import { cleanText, foldText, soundex } from './text';

export interface NameInput {
  givenName?: string | null;
  familyName?: string | null;
  /** Used only when neither part is given: "NGUYEN Van An", "Müller, Anna", "Anna Müller". */
  fullName?: string | null;
}

export interface NormalisedName {
  /** Display forms: NFKC, titles and suffixes removed, original case. */
  given: string;
  family: string;
  /** Comparison keys: transliterated, accent-free, lower case, one space between tokens. */
  givenKey: string;
  familyKey: string;
  /** Canonical nickname families of the first given token, or the token itself. */
  givenRoots: readonly string[];
  givenSoundex: string;
  familySoundex: string;
}

interface NameToken {
  display: string;
  folded: string;
}

/** Normalises a guest name; undefined when no real name is left (blank, "TBA", "Guest"). */
export function normaliseName(input: NameInput): NormalisedName | undefined {
  const parts = hasParts(input) ? fromParts(input) : fromFullName(input.fullName);
  const given = meaningful(parts.given);
  const family = meaningful(parts.family);
  if (given.length === 0 && family.length === 0) return undefined;

  const givenKey = joinFolded(given);
  const familyKey = joinFolded(family);
  const firstGiven = givenKey.split(' ')[0] ?? '';
  return {
    given: joinDisplay(given),
    family: joinDisplay(family),
    givenKey,
    familyKey,
    givenRoots: firstGiven === '' ? [] : (NICKNAMES.get(firstGiven) ?? [firstGiven]),
    givenSoundex: soundex(firstGiven),
    familySoundex: soundex(familyKey.replace(/ /g, '')),
  };
}

function hasParts(input: NameInput): boolean {
  return cleanText(input.givenName) !== '' || cleanText(input.familyName) !== '';
}

function fromParts(input: NameInput): { given: NameToken[]; family: NameToken[] } {
  return {
    given: stripAffixes(tokensOf(input.givenName)),
    family: stripAffixes(tokensOf(input.familyName)),
  };
}

/**
 * Splits a one-field name: "Family, Given" by the comma; otherwise upper-case tokens among
 * mixed-case ones are the family name ("NGUYEN Van An"); otherwise the last token is.
 */
function fromFullName(fullName: string | null | undefined): {
  given: NameToken[];
  family: NameToken[];
} {
  const text = cleanText(fullName);
  const comma = text.indexOf(',');
  if (comma >= 0) {
    return {
      family: stripAffixes(tokensOf(text.slice(0, comma))),
      given: stripAffixes(tokensOf(text.slice(comma + 1))),
    };
  }

  const tokens = stripAffixes(tokensOf(text));
  const upper = tokens.filter((token) => isUpperCaseWord(token.display));
  if (upper.length > 0 && upper.length < tokens.length) {
    return { family: upper, given: tokens.filter((token) => !upper.includes(token)) };
  }

  return { given: tokens.slice(0, -1), family: tokens.slice(-1) };
}

function tokensOf(value: string | null | undefined): NameToken[] {
  const words = cleanText(value).split(' ');
  return words
    .map((display) => ({ display, folded: foldText(display) }))
    .filter((token) => token.folded !== '');
}

/** Drops leading titles and trailing suffixes, never the last remaining token. */
function stripAffixes(tokens: NameToken[]): NameToken[] {
  let start = 0;
  let end = tokens.length;
  while (end - start > 1 && TITLES.has((tokens[start] as NameToken).folded)) start += 1;
  while (end - start > 1 && SUFFIXES.has((tokens[end - 1] as NameToken).folded)) end -= 1;

  return tokens.slice(start, end);
}

function meaningful(tokens: NameToken[]): NameToken[] {
  const placeholder = tokens.every((token) => PLACEHOLDER_NAMES.has(token.folded));
  return placeholder ? [] : tokens;
}

function isUpperCaseWord(word: string): boolean {
  const letters = word.replace(/[^\p{L}]/gu, '');
  const hasCase = letters !== letters.toLowerCase();
  return letters.length >= 2 && hasCase && letters === letters.toUpperCase();
}

function joinDisplay(tokens: NameToken[]): string {
  return tokens.map((token) => token.display).join(' ');
}

function joinFolded(tokens: NameToken[]): string {
  return tokens.map((token) => token.folded).join(' ');
}
