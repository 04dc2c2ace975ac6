import { normaliseName } from './name';

describe('normaliseName', () => {
  it.each([
    ['an English title', { givenName: 'Mr. John', familyName: 'Smith' }, 'john', 'smith'],
    ['a German title', { givenName: 'Herr Jürgen', familyName: 'Groß' }, 'jurgen', 'gross'],
    ['a French title', { fullName: 'Mme Hélène Dupré' }, 'helene', 'dupre'],
    ['a suffix', { givenName: 'Robert', familyName: 'Downey Jr.' }, 'robert', 'downey'],
    ['accents', { givenName: 'José', familyName: 'Núñez' }, 'jose', 'nunez'],
    ['Cyrillic', { givenName: 'Анна', familyName: 'Мюллер' }, 'anna', 'myuller'],
    ['full-width letters (NFKC)', { givenName: 'ＡＮＮＡ', familyName: 'Lee' }, 'anna', 'lee'],
    ['apostrophes', { givenName: 'Seán', familyName: "O'Brien" }, 'sean', 'obrien'],
    ['hyphens', { givenName: 'Anne-Marie', familyName: 'Lütke' }, 'anne marie', 'lutke'],
    [
      'folds case without locale rules',
      { givenName: 'İLKAY', familyName: 'IŞIK' },
      'ilkay',
      'isik',
    ],
  ])('normalises %s', (_label, input, givenKey, familyKey) => {
    const name = normaliseName(input);

    expect(name?.givenKey).toBe(givenKey);
    expect(name?.familyKey).toBe(familyKey);
  });

  it.each([
    ['an upper-case family name first', 'NGUYEN Van An', 'van an', 'nguyen'],
    ['a comma', 'Müller, Anna', 'anna', 'muller'],
    ['the last token otherwise', 'Anna Maria Rossi', 'anna maria', 'rossi'],
    ['an all-caps name by position', 'JOHN SMITH', 'john', 'smith'],
  ])('splits a one-field name by %s', (_label, fullName, givenKey, familyKey) => {
    const name = normaliseName({ fullName });

    expect(name?.givenKey).toBe(givenKey);
    expect(name?.familyKey).toBe(familyKey);
  });

  it('keeps the display form with its case and accents', () => {
    const name = normaliseName({ givenName: 'Dr  Zoë', familyName: 'Ødegård' });

    expect(name?.given).toBe('Zoë');
    expect(name?.family).toBe('Ødegård');
  });

  it('gives nickname families for the first given name', () => {
    expect(normaliseName({ givenName: 'Bob', familyName: 'Dylan' })?.givenRoots).toEqual([
      'robert',
    ]);
    expect(normaliseName({ givenName: 'Chris', familyName: 'Evans' })?.givenRoots).toEqual([
      'christopher',
      'christine',
    ]);
  });

  it.each([
    ['TBA TBA', { givenName: 'TBA', familyName: 'TBA' }],
    ['Guest', { fullName: 'Guest' }],
    ['Blank', { givenName: 'Blank', familyName: '' }],
    ['nothing', {}],
  ])('returns undefined for %s', (_label, input) => {
    expect(normaliseName(input)).toBeUndefined();
  });

  it('gives the same soundex to Müller, MUELLER and Мюллер', () => {
    const codes = ['Müller', 'MUELLER', 'Мюллер'].map(
      (familyName) => normaliseName({ familyName })?.familySoundex,
    );

    expect(new Set(codes)).toEqual(new Set(['M460']));
  });
});
