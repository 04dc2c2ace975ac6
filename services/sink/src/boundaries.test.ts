import { rangeToken, splitAtBoundaries } from './boundaries';

const run = (first: number, last: number) =>
  Array.from({ length: last - first + 1 }, (_, i) => ({ offset: String(first + i) }));
const ranges = (chunks: { offset: string }[][]) => chunks.map((c) => `${c[0]!.offset}-${c[c.length - 1]!.offset}`);

describe('splitAtBoundaries', () => {
  it.each([
    ['a run inside one block', run(3, 7), ['3-7']],
    ['a run across two blocks', run(8, 12), ['8-9', '10-12']],
    ['a run across three blocks', run(5, 25), ['5-9', '10-19', '20-25']],
  ])('cuts %s at multiples of the size', (_label, messages, expected) => {
    expect(ranges(splitAtBoundaries(messages, 10))).toEqual(expected);
  });

  it('yields the same chunks for two fetches of different length up to their common end', () => {
    const short = ranges(splitAtBoundaries(run(10, 29), 10));
    const long = ranges(splitAtBoundaries(run(10, 45), 10));

    expect(long.slice(0, short.length)).toEqual(short);
  });

  it('cuts a pending journal range out exactly when the fetch covers it', () => {
    const chunks = splitAtBoundaries(run(12, 30), 10, { first: 12n, last: 15n });

    expect(ranges(chunks)).toEqual(['12-15', '16-19', '20-29', '30-30']);
  });

  it('ignores a pending range the fetch does not start at', () => {
    expect(ranges(splitAtBoundaries(run(16, 21), 10, { first: 12n, last: 15n }))).toEqual(['16-19', '20-21']);
  });

  it('ignores a pending range the fetch does not reach', () => {
    expect(ranges(splitAtBoundaries(run(12, 14), 10, { first: 12n, last: 15n }))).toEqual(['12-14']);
  });

  it('keeps a pending range whose last offset was compacted away', () => {
    const messages = [...run(12, 13), ...run(16, 18)];

    expect(ranges(splitAtBoundaries(messages, 10, { first: 12n, last: 15n }))).toEqual(['12-13', '16-18']);
  });
});

describe('rangeToken', () => {
  it('names topic, partition and the first and last offset', () => {
    expect(rangeToken('t', 2, run(5, 9))).toBe('t:2:5-9');
  });
});
