import { toCountryCode } from './country';
import { cleanText, foldText, wordList } from './text';

export interface PostalAddress {
  streetNumber?: string | null;
  /** Street line: "12 Rue de la Paix", "wallaby place". */
  line1?: string | null;
  /** Second line: building, complex, locality. */
  line2?: string | null;
  city?: string | null;
  postcode?: string | null;
  state?: string | null;
  /** ISO alpha-2 or alpha-3. */
  country?: string | null;
}

/** Comparison keys for an address (empty strings for absent parts) and its display form. */
export interface NormalisedAddress {
  streetNumber: string;
  street: string;
  line2: string;
  city: string;
  postcode: string;
  state: string;
  country: string;
  /** The parts as given, NFKC and trimmed; blank parts left out. */
  display: PostalAddress;
}

/** Folded street-type words → one abbreviation, so "Wallaby Place" equals "wallaby pl". */
const STREET_WORDS: ReadonlyMap<string, string> = buildAbbreviations(`
  st street strasse str
  rd road
  ave avenue av avda avenida
  pl place platz
  cres crescent
  ct court
  dr drive
  ln lane
  blvd boulevard
  hwy highway
  sq square
  cl close
  pde parade
  tce terrace
  cct circuit
  gr grove
  apt apartment flat unit
`);

function buildAbbreviations(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.trim().split('\n')) {
    const [short, ...long] = wordList(line);
    if (short === undefined) continue;
    for (const word of [short, ...long]) map.set(word, short);
  }
  return map;
}

/** Normalises the parts of an address for comparison; undefined when every part is blank. */
export function normaliseAddress(
  address: PostalAddress | null | undefined,
): NormalisedAddress | undefined {
  if (address === null || address === undefined) return undefined;

  const keys = {
    streetNumber: foldText(address.streetNumber).replace(/ /g, ''),
    street: abbreviate(foldText(address.line1)),
    line2: abbreviate(foldText(address.line2)),
    city: foldText(address.city),
    postcode: normalisePostcode(address.postcode),
    state: foldText(address.state),
    country: toCountryCode(address.country) ?? '',
  };

  const empty = Object.values(keys).every((value) => value === '');
  return empty ? undefined : { ...keys, display: displayParts(address) };
}

function displayParts(address: PostalAddress): PostalAddress {
  const display: Record<string, string> = {};
  for (const [part, value] of Object.entries(address)) {
    const clean = typeof value === 'string' ? cleanText(value) : '';
    if (clean !== '') display[part] = clean;
  }
  return display;
}

/** Upper case without spaces or dashes: "sw1a 1aa" and "SW1A1AA" compare equal. */
export function normalisePostcode(raw: string | null | undefined): string {
  return foldText(raw).replace(/ /g, '').toUpperCase();
}

function abbreviate(folded: string): string {
  if (folded === '') return '';
  return folded
    .split(' ')
    .map((word) => STREET_WORDS.get(word) ?? word)
    .join(' ');
}
