/** An inclusive offset range of one topic-partition that is loaded as one insert. */
export interface OffsetRange {
  first: bigint;
  last: bigint;
}

/**
 * Splits a fetched run of one partition at fixed offsets, so that a re-fetch after a crash
 * yields the same chunks and therefore the same deduplication tokens:
 * - a pending range from the journal (a chunk inserted but maybe not committed) is cut out
 *   exactly as it was, when the fetch starts where it started and reaches where it ended;
 * - every other boundary sits at a multiple of `size`, whatever kafkajs happened to fetch.
 * Only the last chunk of a fetch can end before a boundary; the journal covers that one.
 */
export function splitAtBoundaries<T extends { offset: string }>(
  messages: T[],
  size: number,
  pending: OffsetRange | null = null,
): T[][] {
  const chunks: T[][] = [];
  let rest = messages;

  if (pending && rest.length > 0 && BigInt(rest[0]!.offset) === pending.first) {
    const end = rest.findIndex((m) => BigInt(m.offset) > pending.last);
    const reachesEnd = end !== -1 || BigInt(rest[rest.length - 1]!.offset) === pending.last;
    if (reachesEnd) {
      const cut = end === -1 ? rest.length : end;
      chunks.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
  }

  let current: T[] = [];
  let boundary = -1n;
  for (const message of rest) {
    const index = BigInt(message.offset) / BigInt(size);
    if (current.length > 0 && index !== boundary) {
      chunks.push(current);
      current = [];
    }
    boundary = index;
    current.push(message);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** The deduplication token of a chunk: topic, partition, first and last offset. */
export function rangeToken(topic: string, partition: number, chunk: { offset: string }[]): string {
  return `${topic}:${partition}:${chunk[0]!.offset}-${chunk[chunk.length - 1]!.offset}`;
}
