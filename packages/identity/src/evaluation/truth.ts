import { parse } from 'csv-parse/sync';
import type { CsvRow } from './csv';

/** Record id → true person (cluster) id. */
export type Truth = Map<string, string>;

const FEBRL_ID = /^rec-(\d+)-(?:org|dup-\d+)$/;

/** Truth from a column of the records file, such as splink's `cluster`. */
export function truthFromColumn(rows: readonly CsvRow[], idColumn: string, column: string): Truth {
  return new Map(rows.map((row) => [row[idColumn] as string, row[column] as string]));
}

/** True when every id follows febrl's `rec-N-org` / `rec-N-dup-K` pattern. */
export function isFebrlIdPattern(ids: readonly string[]): boolean {
  return ids.length > 0 && ids.every((id) => FEBRL_ID.test(id));
}

/** Truth from febrl record ids: `rec-N-org` and `rec-N-dup-K` are person N. */
export function truthFromFebrlIds(ids: readonly string[]): Truth {
  return new Map(ids.map((id) => [id, FEBRL_ID.exec(id)?.[1] ?? id]));
}

/**
 * Truth from labelled pairs (two id columns and a score column; a pair matches when the score is
 * at least 0.5). Clusters are the connected components of matching pairs; records in no matching
 * pair are their own cluster. Labels need not be transitive; the components make them so.
 */
export function truthFromPairs(pairsCsv: string, recordIds: readonly string[]): Truth {
  const rows: CsvRow[] = parse(pairsCsv, { columns: true, trim: true, skip_empty_lines: true });
  const columns = Object.keys(rows[0] ?? {});
  const [left, right] = pairIdColumns(columns);
  const score = columns.find((column) => /score|match|label/i.test(column));
  if (left === undefined || right === undefined || score === undefined) {
    throw new RangeError(`pairs file needs two id columns and a score column: ${columns}`);
  }

  const parent = new Map(recordIds.map((id) => [id, id]));
  for (const row of rows) {
    if (Number(row[score]) >= 0.5) union(parent, row[left] as string, row[right] as string);
  }
  return new Map(recordIds.map((id) => [id, find(parent, id)]));
}

function pairIdColumns(columns: readonly string[]): [string | undefined, string | undefined] {
  const left = columns.find((column) => /id.*_l$|^id_?1$|_left$/i.test(column));
  const right = columns.find((column) => /id.*_r$|^id_?2$|_right$/i.test(column));
  if (left !== undefined && right !== undefined) return [left, right];

  const ids = columns.filter((column) => /id/i.test(column));
  return [ids[0], ids[1]];
}

function find(parent: Map<string, string>, id: string): string {
  let root = id;
  while (parent.has(root) && parent.get(root) !== root) root = parent.get(root) as string;
  parent.set(id, root);
  return root;
}

function union(parent: Map<string, string>, a: string, b: string): void {
  if (!parent.has(a) || !parent.has(b)) return;

  const rootA = find(parent, a);
  const rootB = find(parent, b);
  if (rootA === rootB) return;
  if (rootA < rootB) parent.set(rootB, rootA);
  else parent.set(rootA, rootB);
}
