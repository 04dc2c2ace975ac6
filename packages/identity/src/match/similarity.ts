import { distance } from 'fastest-levenshtein';

/** Scratch match flags reused across calls (names are short); longer strings get their own. */
const A_FLAGS = new Uint8Array(64);
const B_FLAGS = new Uint8Array(64);

function flags(scratch: Uint8Array, length: number): Uint8Array {
  if (length > scratch.length) return new Uint8Array(length);
  scratch.fill(0, 0, length);
  return scratch;
}

/** Jaro similarity in [0, 1]; 1 for two equal strings, 0 when either is empty. */
export function jaro(a: string, b: string): number {
  if (a === b) return a === '' ? 0 : 1;
  if (a === '' || b === '') return 0;

  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = flags(A_FLAGS, a.length);
  const bMatched = flags(B_FLAGS, b.length);

  let matches = 0;
  for (let i = 0; i < a.length; i += 1) {
    const from = Math.max(0, i - window);
    const to = Math.min(b.length - 1, i + window);
    for (let j = from; j <= to; j += 1) {
      if (bMatched[j] === 1 || a.charCodeAt(i) !== b.charCodeAt(j)) continue;
      aMatched[i] = 1;
      bMatched[j] = 1;
      matches += 1;
      break;
    }
  }
  if (matches === 0) return 0;

  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i += 1) {
    if (aMatched[i] === 0) continue;
    while (bMatched[k] === 0) k += 1;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions += 1;
    k += 1;
  }

  const m = matches;
  return (m / a.length + m / b.length + (m - transpositions / 2) / m) / 3;
}

/** Jaro-Winkler with the usual prefix scale 0.1 over at most four shared leading characters. */
export function jaroWinkler(a: string, b: string): number {
  const similarity = jaro(a, b);
  if (similarity === 0) return 0;

  let prefix = 0;
  const limit = Math.min(4, a.length, b.length);
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix += 1;

  return similarity + prefix * 0.1 * (1 - similarity);
}

/** Levenshtein edit distance. */
export function editDistance(a: string, b: string): number {
  return distance(a, b);
}
