import { createHash } from 'node:crypto';
import type { Logger } from '@staystream/logger';
import type { CliConfig } from '../config';
import { toTable } from '../format';
import { openStore, type Store } from '../store';

/** Columns that record when a row was ingested, not what it says: left out of the fingerprint. */
export const INGESTION_COLUMNS = ['received_at', 'recorded_at', 'failed_at', 'written_at', 'ingested_at', 'loaded_at'] as const;

/** Pipeline bookkeeping rather than analytics: the sink's batch journal. */
const NOT_ANALYTICS = new Set(['sink_batches']);

export interface Fingerprint {
  tables: { table: string; rows: number; hash: string }[];
  digest: string;
}

/**
 * A deterministic hash of every analytics table's newest rows (FINAL), ingestion timestamps
 * excluded (and any `column` or `table.column` named in `exclude`): equal fingerprints mean every query over
 * these tables answers the same. Rows are
 * hashed one by one and summed, so the order of parts and rows does not matter.
 */
export async function fingerprint(
  store: Store,
  options: { exclude?: string[]; skipTables?: (table: string) => boolean } = {},
): Promise<Fingerprint> {
  const ignored = (table: string, column: string) =>
    (INGESTION_COLUMNS as readonly string[]).includes(column) ||
    (options.exclude ?? []).some((e) => e === column || e === `${table}.${column}`);
  const tables = await store.query<{ name: string }>(
    // A refreshable view builds its next rollup in a `.tmp.inner…` table: not one of ours.
    `SELECT name FROM system.tables
     WHERE database = {db:String} AND engine LIKE '%MergeTree' AND NOT startsWith(name, '.') ORDER BY name`,
    { db: store.database },
  );
  const result: Fingerprint['tables'] = [];

  for (const { name } of tables.filter((t) => !NOT_ANALYTICS.has(t.name) && !options.skipTables?.(t.name))) {
    const columns = await store.query<{ name: string; type: string }>(
      `SELECT name, type FROM system.columns WHERE database = {db:String} AND table = {table:String} ORDER BY position`,
      { db: store.database, table: name },
    );
    // NOTE: only names read back from system.columns reach the SQL text, never input.
    const selection = columns.filter((col) => !ignored(name, col.name)).map(hashedValue).join(', ') || '0';
    // The row goes in as one tuple: given the columns one by one, cityHash64 is NULL for any
    // row with a NULL in a Nullable column, and sum() would skip the row.
    const [row] = await store.query<{ rows: string; hash: string }>(
      `SELECT count() AS rows, toString(sum(cityHash64(tuple(${selection})))) AS hash FROM {db:Identifier}.{table:Identifier} FINAL`,
      { db: store.database, table: name },
    );
    result.push({ table: name, rows: Number(row?.rows ?? 0), hash: row?.hash ?? '0' });
  }

  const digest = createHash('sha256')
    .update(result.map((t) => `${t.table}:${t.rows}:${t.hash}`).join('\n'))
    .digest('hex')
    .slice(0, 32);
  return { tables: result, digest };
}

/**
 * A column as it enters the row hash. An aggregate state (a rollup's uniqExact set) is hashed
 * by its value: its bytes depend on the order the rows were aggregated in.
 */
function hashedValue(column: { name: string; type: string }): string {
  const quoted = `\`${column.name.replaceAll('`', '\\`')}\``;
  return column.type.startsWith('AggregateFunction(') ? `finalizeAggregation(${quoted})` : quoted;
}

export async function fingerprintCommand(config: CliConfig, logger: Logger, json: boolean): Promise<number> {
  const store = await openStore(config, logger);
  try {
    const result = await fingerprint(store);
    if (json) console.log(JSON.stringify(result, null, 2));
    else console.log(`${toTable(result.tables as unknown as Record<string, unknown>[])}\n\nfingerprint ${result.digest}`);
    return 0;
  } finally {
    await store.close();
  }
}
