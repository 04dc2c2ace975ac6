import type { DailyResult } from './daily';
import { compareText } from './facts';
import type { Scores, Tier } from './scoring';

/**
 * One interval of a guest's grade: valid from `validFrom` (inclusive) to `validTo` (exclusive),
 * or open while `validTo` is null. A new row starts whenever the tier, the scores or V change.
 */
export interface GradeHistoryRow {
  readonly customerId: string;
  readonly tier: Tier;
  readonly scores: Scores | null;
  readonly v: number | null;
  readonly validFrom: string;
  readonly validTo: string | null;
}

/** The history after one more daily run, and the rows to write to get there from the old one. */
export interface HistoryUpdate {
  readonly rows: readonly GradeHistoryRow[];
  /** Rows that are new or whose `validTo` changed, keyed by (customerId, validFrom). */
  readonly upserts: readonly GradeHistoryRow[];
  /** Rows to delete: they started on or after a re-run day and were replaced. */
  readonly deletes: readonly GradeHistoryRow[];
}

/**
 * Adds one daily run to the history. A run for a day at or before the history's last day
 * rewinds first: rows from that day on are dropped and rows ending then are reopened, so
 * re-running a day replaces it and re-running it unchanged writes nothing.
 */
export function extendHistory(
  history: readonly GradeHistoryRow[],
  run: Pick<DailyResult, 'asOf' | 'grades'>,
): HistoryUpdate {
  const asOf = run.asOf;
  const kept = history
    .filter((row) => row.validFrom < asOf)
    .map((row) => (row.validTo !== null && row.validTo >= asOf ? { ...row, validTo: null } : row));
  const openRows = kept.filter((row) => row.validTo === null);
  const open = new Map(openRows.map((row) => [row.customerId, row]));
  const rows = kept.filter((row) => row.validTo !== null);

  for (const grade of run.grades) {
    const current = open.get(grade.customerId);
    const next = {
      customerId: grade.customerId,
      tier: grade.tier,
      scores: grade.scores,
      v: grade.v,
    };
    open.delete(grade.customerId);

    if (current !== undefined && sameGrade(current, next)) {
      rows.push(current);
      continue;
    }
    if (current !== undefined) {
      rows.push({ ...current, validTo: asOf });
    }
    rows.push({ ...next, validFrom: asOf, validTo: null });
  }
  for (const gone of open.values()) {
    rows.push({ ...gone, validTo: asOf });
  }

  rows.sort(byKey);
  return { rows, ...diffRows(history, rows) };
}

/**
 * Builds the history of a sequence of daily runs, taken in date order. Of two runs of the same
 * day, the later one in the list wins.
 */
export function historyFromRuns(
  runs: readonly Pick<DailyResult, 'asOf' | 'grades'>[],
): GradeHistoryRow[] {
  const ordered = [...runs].sort((a, b) => compareText(a.asOf, b.asOf));
  return ordered.reduce<GradeHistoryRow[]>(
    (history, run) => [...extendHistory(history, run).rows],
    [],
  );
}

/** Time travel: each guest's grade row in force on `date`. */
export function gradeAsOf(
  history: readonly GradeHistoryRow[],
  date: string,
): ReadonlyMap<string, GradeHistoryRow> {
  const inForce = history.filter(
    (row) => row.validFrom <= date && (row.validTo === null || date < row.validTo),
  );
  return new Map(inForce.map((row) => [row.customerId, row]));
}

function sameGrade(
  row: GradeHistoryRow,
  next: Pick<GradeHistoryRow, 'tier' | 'scores' | 'v'>,
): boolean {
  const a = row.scores;
  const b = next.scores;
  const sameScores = a === null || b === null ? a === b : a.r === b.r && a.f === b.f && a.m === b.m;

  return row.tier === next.tier && row.v === next.v && sameScores;
}

function diffRows(
  before: readonly GradeHistoryRow[],
  after: readonly GradeHistoryRow[],
): Pick<HistoryUpdate, 'upserts' | 'deletes'> {
  const beforeByKey = new Map(before.map((row) => [rowKey(row), row]));
  const afterKeys = new Set(after.map(rowKey));
  const upserts = after.filter((row) => {
    const old = beforeByKey.get(rowKey(row));
    return old === undefined || old.validTo !== row.validTo || !sameGrade(old, row);
  });

  return { upserts, deletes: before.filter((row) => !afterKeys.has(rowKey(row))) };
}

function rowKey(row: GradeHistoryRow): string {
  return `${row.customerId}\u0000${row.validFrom}`;
}

function byKey(a: GradeHistoryRow, b: GradeHistoryRow): number {
  return compareText(a.customerId, b.customerId) || compareText(a.validFrom, b.validFrom);
}
