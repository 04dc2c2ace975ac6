import type { ClickHouse } from '@staystream/clickhouse';
import type { OffsetRange } from './boundaries';

/**
 * Remembers, per topic-partition, the range of the chunk being loaded, written before its
 * insert (the BEFORE record of ClickHouse's Kafka Connect sink). After a crash between the
 * insert and the commit, or a rebalance that hands the partition to another instance, the
 * next fetch starts at the same offset and the chunk is cut out again exactly, so its
 * inserts carry the same tokens and change nothing.
 *
 * NOTE: the journal is read only when a fetch does not start where this process expects it
 * to, i.e. after a start, a rebalance or a crash; in steady state it costs one small insert
 * per chunk.
 */
export class BatchJournal {
  private readonly expected = new Map<string, bigint>();

  constructor(private readonly clickhouse: ClickHouse) {}

  /** The range that may be loaded but not committed, when this fetch could resume it. */
  async pending(topic: string, partition: number, firstOffset: string): Promise<OffsetRange | null> {
    if (this.expected.get(key(topic, partition)) === BigInt(firstOffset)) return null;

    const rows = await this.clickhouse.query<{ first_offset: string; last_offset: string }>(
      `SELECT toString(first_offset) AS first_offset, toString(last_offset) AS last_offset
       FROM {db:Identifier}.sink_batches FINAL
       WHERE topic = {topic:String} AND partition = {partition:UInt32}`,
      { db: this.clickhouse.database, topic, partition },
    );
    const row = rows[0];
    return row ? { first: BigInt(row.first_offset), last: BigInt(row.last_offset) } : null;
  }

  async begin(topic: string, partition: number, range: OffsetRange): Promise<void> {
    await this.clickhouse.insert('sink_batches', [
      {
        topic,
        partition,
        first_offset: range.first.toString(),
        last_offset: range.last.toString(),
        written_at: Date.now(),
      },
    ]);
  }

  loaded(topic: string, partition: number, range: OffsetRange): void {
    this.expected.set(key(topic, partition), range.last + 1n);
  }
}

function key(topic: string, partition: number): string {
  return `${topic}:${partition}`;
}
