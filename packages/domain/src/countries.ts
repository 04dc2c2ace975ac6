import countries from 'i18n-iso-countries';

/**
 * ISO 3166-1 alpha-2 for a country given as alpha-2, alpha-3 or numeric code.
 * Returns null for empty and placeholder values ("NULL", "NA", "--"), undefined when unknown.
 */
export function toIso2(value: string | null | undefined): string | null | undefined {
  const text = value?.trim().toUpperCase() ?? '';
  if (text === '' || PLACEHOLDERS.has(text)) return null;

  if (/^[A-Z]{2}$/.test(text)) return countries.isValid(text) ? text : ALIASES_2[text];
  if (/^[A-Z]{3}$/.test(text)) return countries.alpha3ToAlpha2(text) ?? ALIASES_3[text];
  if (/^\d{3}$/.test(text)) return countries.numericToAlpha2(text) ?? undefined;
  return undefined;
}

const PLACEHOLDERS = new Set(['NULL', 'NA', 'N/A', '--', 'NONE', 'UNKNOWN', 'XX']);

/** Codes in common use that ISO does not assign (UK for GB) or reserved ones. */
const ALIASES_2: Record<string, string> = { UK: 'GB', EL: 'GR' };
const ALIASES_3: Record<string, string> = { TMP: 'TL', ROM: 'RO', ZAR: 'CD' };

/**
 * ISO 3166-1 alpha-2 for a country written as an English name (" United Kingdom " → GB), as
 * review sites export reviewer nationalities. Returns null for an empty name, undefined when
 * the name is unknown.
 */
export function countryFromName(value: string | null | undefined): string | null | undefined {
  const name = value?.trim().replace(/\s+/g, ' ') ?? '';
  if (name === '') return null;
  return countries.getAlpha2Code(name, 'en') ?? NAME_ALIASES[name.toLowerCase()];
}

/** Names in use that the ISO list spells differently (counted on the Booking.com reviews). */
const NAME_ALIASES: Record<string, string> = {
  'abkhazia georgia': 'GE',
  'antigua barbuda': 'AG',
  brunei: 'BN',
  'cape verde': 'CV',
  'crimea': 'UA',
  'east timor': 'TL',
  'ivory coast': 'CI',
  kosovo: 'XK',
  macau: 'MO',
  macedonia: 'MK',
  'northern mariana islands': 'MP',
  'saint martin': 'MF',
  swaziland: 'SZ',
  syria: 'SY',
  'turks caicos islands': 'TC',
  'united states of america': 'US',
};
