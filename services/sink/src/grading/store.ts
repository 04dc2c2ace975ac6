import { createHash } from 'node:crypto';
import type { ClickHouse } from '@staystream/clickhouse';
import {
  buildCustomerFeaturesQuery,
  parseCustomerFeaturesRow,
  parseHistoryRecord,
  type CustomerFeatures,
  type CustomerFeaturesRow,
  type Grade,
  type GradeHistoryRecord,
  type GradeHistoryRow,
  type GradingConfig,
} from '@staystream/grading';

/** A completed daily run, as grading_runs lists it. */
export interface CompletedRun {
  asOf: string;
  revision: number;
  runSeq: number;
  fingerprint: string;
}

/**
 * Daily runs the readers trust: the highest revision of each day that grading_runs lists.
 * A run's rows count only with its (as_of, revision, fingerprint), so the rows of a run that
 * failed half-way are never read.
 */
const TRUSTED_RUNS = `
  SELECT toString(as_of) AS as_of, revision, run_seq, fingerprint
  FROM {db:Identifier}.grading_runs FINAL
  WHERE (as_of, revision) IN (
    SELECT as_of, max(revision) FROM {db:Identifier}.grading_runs GROUP BY as_of
  )`;

/** Completed stays in the window by currency, other than the reporting one. */
const FOREIGN_CURRENCY_STAYS = `
  SELECT currency, count() AS stays
  FROM (
    SELECT
      reservation_id,
      argMax(currency, version) AS currency,
      argMax(status, version) AS status,
      argMax(departure_date, version) AS departure_date
    FROM {db:Identifier}.stay_facts
    GROUP BY reservation_id
  )
  WHERE status = 'checked_out'
    AND departure_date <= {asOf:Date}
    AND departure_date > subtractMonths({asOf:Date}, {windowMonths:UInt32})
    AND currency != {currency:String}
  GROUP BY currency
  ORDER BY currency`;

/** Each guest's latest trusted daily grade up to a day: the state the hysteresis goes on from. */
const PREVIOUS_DAILY_GRADES = `
  SELECT argMax(grade, (as_of, revision)) AS grade
  FROM {db:Identifier}.customer_grades
  WHERE source = 'daily'
    AND as_of <= {asOf:Date}
    AND (toString(as_of), revision, run_fingerprint) IN (
      SELECT as_of, revision, fingerprint FROM (${TRUSTED_RUNS})
    )
  GROUP BY customer_id`;

const HISTORY = `
  SELECT customer_id, toString(valid_from) AS valid_from,
         if(isNull(valid_to), NULL, toString(valid_to)) AS valid_to,
         tier, r_score, f_score, m_score, value
  FROM {db:Identifier}.grade_history FINAL
  ORDER BY customer_id, valid_from`;

/** Rows per insert; each chunk carries a token made of its content, so a retry skips it. */
const CHUNK_ROWS = 20_000;

/** What the daily job reads from and writes to ClickHouse; parameters only. */
export class GradingStore {
  constructor(private readonly clickhouse: ClickHouse) {}

  private get db(): string {
    return this.clickhouse.database;
  }

  async trustedRuns(): Promise<CompletedRun[]> {
    const rows = await this.clickhouse.query<{
      as_of: string;
      revision: number;
      run_seq: number | string;
      fingerprint: string;
    }>(TRUSTED_RUNS, { db: this.db });

    return rows.map((row) => ({
      asOf: row.as_of,
      revision: Number(row.revision),
      runSeq: Number(row.run_seq),
      fingerprint: row.fingerprint,
    }));
  }

  /** The highest run sequence ever committed; 0 before the first run. */
  async lastRunSeq(): Promise<number> {
    const [row] = await this.clickhouse.query<{ seq: number | string }>(
      'SELECT max(run_seq) AS seq FROM {db:Identifier}.grading_runs',
      { db: this.db },
    );
    return Number(row?.seq ?? 0);
  }

  async foreignCurrencyStays(
    asOf: string,
    config: GradingConfig,
  ): Promise<{ currency: string; stays: number }[]> {
    const rows = await this.clickhouse.query<{ currency: string; stays: number | string }>(
      FOREIGN_CURRENCY_STAYS,
      {
        db: this.db,
        asOf,
        windowMonths: config.windowMonths,
        currency: config.reportingCurrency,
      },
    );
    return rows.map((row) => ({ currency: row.currency, stays: Number(row.stays) }));
  }

  async features(asOf: string, config: GradingConfig): Promise<CustomerFeatures[]> {
    const { query, queryParams } = buildCustomerFeaturesQuery(asOf, config, {
      database: this.db,
    });
    const rows = await this.clickhouse.query<CustomerFeaturesRow>(query, queryParams);
    return rows.map((row) => parseCustomerFeaturesRow(row, asOf));
  }

  async previousDailyGrades(asOf: string): Promise<Grade[]> {
    const rows = await this.clickhouse.query<{ grade: string }>(PREVIOUS_DAILY_GRADES, {
      db: this.db,
      asOf,
    });
    return rows.map((row) => JSON.parse(row.grade) as Grade);
  }

  async history(): Promise<GradeHistoryRow[]> {
    const rows = await this.clickhouse.query<GradeHistoryRecord>(HISTORY, { db: this.db });
    return rows.map(parseHistoryRecord);
  }

  /**
   * Inserts in chunks with a deduplication token per chunk, made of the table, the run's
   * identity and the chunk's content: a retried run re-sends the same chunks and ClickHouse
   * keeps the first copy, while a chunk that differs is never mistaken for one written before.
   */
  async insertChunks(
    table: 'customer_grades' | 'grade_history' | 'grading_runs',
    rows: object[],
    runIdentity: string,
    onChunk?: (done: number) => Promise<void>,
  ): Promise<void> {
    for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
      const chunk = rows.slice(start, start + CHUNK_ROWS);
      const token = `grading/${table}/${runIdentity}/${digest(JSON.stringify(chunk))}`;
      await this.clickhouse.insert(table, chunk, token);
      await onChunk?.(start + chunk.length);
    }
  }
}

export function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}
