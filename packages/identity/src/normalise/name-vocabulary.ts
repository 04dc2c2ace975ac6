import { wordList } from './text';

/**
 * Folded honorifics removed from the start of a name field (English, German, French, Spanish,
 * Italian, Dutch, Polish, Portuguese). "don" and single letters are left out: they are also
 * given names and initials.
 */
export const TITLES: ReadonlySet<string> = new Set(
  wordList(`
    mr mrs ms miss mx mister missus master dr doctor prof professor sir dame lady lord rev revd
    herr frau hr fr mme mlle madame mademoiselle monsieur sr sra srta senor senora senorita sig
    sigra signor signora dott dssa mevrouw mevr dhr heer pan pani exmo exma
  `),
);

/** Folded generational and degree suffixes removed from the end of a name. */
export const SUFFIXES: ReadonlySet<string> = new Set(
  wordList('jr jnr junior snr senior ii iii iv phd md esq'),
);

/** Folded words that fill a name field when the real name is unknown: "TBA", "Guest", "Blank". */
export const PLACEHOLDER_NAMES: ReadonlySet<string> = new Set(
  wordList(`
    tba tbc tbd tba1 guest guests unknown blank none na n a test xxx xx x name noname nn
    anonymous walkin walk in nobody null undefined
  `),
);

/**
 * Common given-name variants, one family per line, the canonical form first. Used as a comparison
 * level ("Bob" and "Robert" are compatible), never to rewrite a stored name.
 */
const NICKNAME_FAMILIES = `
  robert bob bobby rob robbie bert
  william will bill billy willy liam
  richard rick ricky dick rich richie
  james jim jimmy jamie
  john johnny jack jon
  michael mike mick mickey micky
  thomas tom tommy
  christopher chris kit
  christine chris chrissy tina
  david dave davy
  daniel dan danny
  joseph joe joey
  anthony tony
  andrew andy drew
  alexander alex sasha sacha
  alexandra alex sasha sandra
  nicholas nick nicky
  matthew matt
  benjamin ben benny
  samuel sam sammy
  edward ed eddie ted teddy ned
  henry harry hank
  charles charlie chuck
  patrick pat paddy
  steven steve stephen
  peter pete
  gregory greg
  francis frank
  elizabeth liz lizzie beth betty eliza elise lisa
  margaret maggie meg peggy greta
  katherine kate katie kathy catherine cathy kat
  jennifer jen jenny
  susan sue susie
  rebecca becky becca
  victoria vicky tori
  patricia pat patty trish
  deborah debbie deb
  tamara tammy
  abigail abby
  jessica jess jessie
  samantha sam sammie
  mohamed mohammed muhammad mohammad mohamad muhammed mehmet
  josef joseph jose
  ivan vanya
  dmitry dmitri dima
  aleksandr aleksander oleksandr
`;

/** Variant → canonical names of its families ("chris" → christopher, christine). */
export const NICKNAMES: ReadonlyMap<string, readonly string[]> = buildNicknames(NICKNAME_FAMILIES);

function buildNicknames(text: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const line of text.trim().split('\n')) {
    const [canonical, ...variants] = wordList(line);
    if (canonical === undefined) continue;

    for (const variant of [canonical, ...variants]) {
      const canonicals = map.get(variant) ?? [];
      if (!canonicals.includes(canonical)) canonicals.push(canonical);
      map.set(variant, canonicals);
    }
  }
  return map;
}
