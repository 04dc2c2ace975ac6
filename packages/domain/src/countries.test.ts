import { countryFromName, toIso2 } from './countries';

describe('toIso2', () => {
  it.each([
    ['alpha-3', 'PRT', 'PT'],
    ['alpha-2', 'CN', 'CN'],
    ['lower case with spaces', ' deu ', 'DE'],
    ['numeric', '276', 'DE'],
    ['the common UK alias', 'UK', 'GB'],
    ['the dataset placeholder', 'NULL', null],
    ['an empty value', '', null],
    ['nothing', undefined, null],
    ['an unknown alpha-3', 'XYZ', undefined],
    ['garbage', 'Portugal!', undefined],
  ])('maps %s', (_label, input, expected) => {
    expect(toIso2(input)).toBe(expected);
  });
});

describe('countryFromName', () => {
  it.each([
    ['a name with the export\'s surrounding spaces', ' United Kingdom ', 'GB'],
    ['a plain name', 'Turkey', 'TR'],
    ['the long form of the United States', 'United States of America', 'US'],
    ['a name ISO spells otherwise', 'Antigua Barbuda', 'AG'],
    ['a territory', 'Macau', 'MO'],
    ['a blank nationality', ' ', null],
    ['an unknown name', 'Atlantis', undefined],
  ])('maps %s', (_label, input, expected) => {
    expect(countryFromName(input)).toBe(expected);
  });
});
