import type { Random } from './random';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** One keyboard-style slip: a substituted, dropped, doubled or exchanged letter. */
export function typo(word: string, random: Random): string {
  if (word.length < 3) return word;

  const at = random.int(1, word.length - 2);
  const letter = random.pick([...LETTERS]);
  switch (random.int(0, 3)) {
    case 0:
      return word.slice(0, at) + letter + word.slice(at + 1);
    case 1:
      return word.slice(0, at) + word.slice(at + 1);
    case 2:
      return word.slice(0, at) + (word[at] ?? '') + word.slice(at);
    default:
      return word.slice(0, at) + (word[at + 1] ?? '') + (word[at] ?? '') + word.slice(at + 2);
  }
}

/** "Gonçalves" → "Goncalves", as systems without Unicode support store it. */
export function dropAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[Łł]/g, (c) => (c === 'Ł' ? 'L' : 'l'));
}

/** A day/month swap of an ISO date, when the day can be a month. */
export function swapDayMonth(iso: string): string {
  const [year, month, day] = iso.split('-');
  return Number(day) <= 12 ? `${year}-${day}-${month}` : iso;
}

/** One mistyped digit in the day of an ISO date, kept a valid day. */
export function mistypeDay(iso: string, random: Random): string {
  const [year, month, day] = iso.split('-');
  const next = ((Number(day) + random.int(1, 8)) % 28) + 1;
  return `${year}-${month}-${String(next).padStart(2, '0')}`;
}
