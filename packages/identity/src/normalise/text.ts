import anyAscii from 'any-ascii';

const APOSTROPHES = /['’‘`´]/g;
const NOT_ALPHANUMERIC = /[^a-z0-9]+/g;

/** Unicode NFKC with trimmed, single-spaced whitespace: the form kept for display. */
export function cleanText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return value.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/**
 * A comparison key: transliterated to ASCII, lower-cased without locale rules, apostrophes
 * dropped ("O'Brien" → "obrien") and every other non-alphanumeric run turned into one space.
 */
export function foldText(value: string | null | undefined): string {
  const clean = cleanText(value);
  if (clean === '') return '';

  const ascii = anyAscii(clean).toLowerCase();
  return ascii.replace(APOSTROPHES, '').replace(NOT_ALPHANUMERIC, ' ').trim();
}

export function tokenise(folded: string): string[] {
  return folded === '' ? [] : folded.split(' ');
}

/** Letters per Soundex digit, 1 to 6; vowels, h, w and y carry no digit. */
const SOUNDEX_GROUPS = ['bfpv', 'cgjkqsxz', 'dt', 'l', 'mn', 'r'];

const SOUNDEX_CODES: Record<string, string> = Object.fromEntries(
  SOUNDEX_GROUPS.flatMap((letters, index) => [...letters].map((l) => [l, String(index + 1)])),
);

/**
 * American Soundex of a folded word (letters only): "muller", "mueller" and "myuller" all give
 * M460. Used for blocking and as the "sounds alike" comparison level.
 */
export function soundex(folded: string): string {
  const letters = folded.replace(/[^a-z]/g, '');
  const first = letters[0];
  if (first === undefined) return '';

  let code = first.toUpperCase();
  let previous = SOUNDEX_CODES[first] ?? '';
  for (let i = 1; i < letters.length && code.length < 4; i += 1) {
    const letter = letters[i] as string;
    const digit = SOUNDEX_CODES[letter] ?? '';
    if (digit !== '' && digit !== previous) code += digit;
    if (letter !== 'h' && letter !== 'w') previous = digit;
  }

  return code.padEnd(4, '0');
}

/** Splits a whitespace-separated word list, the compact form used for built-in vocabularies. */
export function wordList(text: string): string[] {
  return text.trim().split(/\s+/);
}
