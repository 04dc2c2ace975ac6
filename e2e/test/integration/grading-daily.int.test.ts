import { pollUntil } from '@staystream/testing';
import {
  AS_OF,
  C05_BIG_STAY,
  baseRows,
  dailyGrades,
  daysBefore,
  gradingTables,
  reservationRow,
  startBench,
  type GradingBench,
} from './grading-base';

/*
 * The expected grades of the hand-built base (grading-base.ts) as of 2024-06-30, worked out
 * by hand with the default settings (36-month window, 12-month half-life, new for 90 days):
 *
 * Population: c01–c10 (c11 is new, c12 has no stay in the window, c13/c14 never stayed).
 * R cuts (10 guests, best first, k = 2, 4, 6, 8): c01 95 d, c02 120 → R5; c03 150, c04 180
 * → R4; c05 210, c06 240 → R3; c07 300, c08 400 → R2; c09 600, c10 900 → R1.
 * M = revenue × 0.5^(days / 365.25): c01 5000×0.835 = 4,175; c05 6000×0.671 = 4,026;
 * c07 5000×0.566 = 2,830; c03 3000×0.752 = 2,257; c04 400×0.711 = 284; c02 300×0.796 = 239;
 * c10 1200×0.181 = 217; c08 300×0.468 = 140; c06 100×0.634 = 63; c09 50×0.320 = 16
 * → M5 c01 c05, M4 c07 c03, M3 c04 c02, M2 c10 c08, M1 c06 c09.
 * F bands on stays (1, 2, 3–4, 5–9, 10+): c01 10 → 5, c05 5 → 4, c03 c10 3 → 3,
 * c04 c08 2 → 2, the rest 1 → 1.
 * V = 0.3 R + 0.3 F + 0.4 M: c01 5.0, c05 4.1, c03 3.7, c02 3.0, c04 3.0, c07 2.5, c08 2.0,
 * c10 2.0, c06 1.6, c09 1.0. Tier cuts (k = ceil(5 % × 10) = 1, ceil(20 % × 10) = 2,
 * ceil(50 % × 10) = 5): A ≥ 5.0, B ≥ 4.1, C ≥ 3.0.
 */
const EXPECTED = {
  c01: { tier: 'A', computed: 'A', reason: '', rfm: '555' },
  c02: { tier: 'C', computed: 'C', reason: '', rfm: '513' },
  c03: { tier: 'C', computed: 'C', reason: '', rfm: '434' },
  c04: { tier: 'C', computed: 'C', reason: '', rfm: '423' },
  c05: { tier: 'B', computed: 'B', reason: '', rfm: '345' },
  c06: { tier: 'D', computed: 'D', reason: '', rfm: '311' },
  c07: { tier: 'D', computed: 'D', reason: '', rfm: '214' },
  c08: { tier: 'D', computed: 'D', reason: '', rfm: '222' },
  c09: { tier: 'D', computed: 'D', reason: '', rfm: '111' },
  c10: { tier: 'D', computed: 'D', reason: '', rfm: '132' },
  // New guests are scored against the population but not ranked.
  c11: { tier: 'N', computed: 'N', reason: 'new_customer', rfm: '515' },
  c12: { tier: 'N', computed: 'N', reason: 'no_stay_in_window', rfm: '000' },
};

async function withBase(bench: GradingBench): Promise<void> {
  await bench.clickhouse.insert('reservations', baseRows());
}

/** c05's big stay cancelled after the fact: a newer version of the same reservation. */
async function cancelBigStay(bench: GradingBench): Promise<void> {
  await bench.clickhouse.insert('reservations', [
    reservationRow({
      reservationId: C05_BIG_STAY,
      customer: 'c05',
      departure: daysBefore(AS_OF, 210),
      revenue: 0,
      status: 'cancelled',
      version: 3,
    }),
  ]);
}

describe('daily grading job', () => {
  describe('on a hand-built guest base', () => {
    let bench: GradingBench;

    beforeAll(async () => {
      bench = await startBench('it_grade');
      await withBase(bench);
    });

    afterAll(async () => {
      await bench?.stop();
    });

    it('grades every guest with a completed stay to the tiers worked out by hand', async () => {
      const summary = await bench.run(AS_OF);

      expect(await dailyGrades(bench, AS_OF)).toEqual(EXPECTED);
      expect(summary).toMatchObject({
        asOf: AS_OF,
        revision: 1,
        unchanged: false,
        customers: 12,
        tiers: { A: 1, B: 1, C: 3, D: 5, N: 2 },
        publishedLive: true,
      });
    });

    it('changes nothing when the same day runs again', async () => {
      const before = await gradingTables(bench);

      const summary = await bench.run(AS_OF);

      expect(summary).toMatchObject({ unchanged: true, revision: 1 });
      expect(await gradingTables(bench)).toEqual(before);
    });

    it('re-grades after a late cancellation, holding the downgrade for the grace period', async () => {
      const nextDay = daysBefore(AS_OF, -1);
      await cancelBigStay(bench);

      await bench.run(nextDay);
      const grades = await dailyGrades(bench, nextDay);

      // c05 now computes C (F3, M4: V 3.4) but keeps B until three runs were below it;
      // c03 moves up at once (B cut 3.7), c07 gains M5 but stays D (V 2.9 < C cut 3.0).
      expect(grades.c05).toMatchObject({ tier: 'B', computed: 'C', rfm: '334' });
      expect(grades.c03).toMatchObject({ tier: 'B', computed: 'B', rfm: '434' });
      expect(grades.c07).toMatchObject({ tier: 'D', rfm: '215' });
    });

    it('answers which grade was in force on a past day from the history', async () => {
      const inForce = (date: string) =>
        bench.rows<{ customer_id: string; tier: string }>(
          `SELECT customer_id, tier FROM {db:Identifier}.grade_history FINAL
           WHERE valid_from <= {date:Date} AND (valid_to IS NULL OR {date:Date} < valid_to)
             AND customer_id IN ('c03', 'c05') ORDER BY customer_id`,
          { date },
        );

      expect(await inForce(AS_OF)).toEqual([
        { customer_id: 'c03', tier: 'C' },
        { customer_id: 'c05', tier: 'B' },
      ]);
      expect(await inForce(daysBefore(AS_OF, -1))).toEqual([
        { customer_id: 'c03', tier: 'B' },
        { customer_id: 'c05', tier: 'B' },
      ]);
      expect(await inForce(daysBefore(AS_OF, 1))).toEqual([]);
    });

    it('re-running the day of the cancellation grades it as if the cancellation had been known', async () => {
      const summary = await bench.run(AS_OF);
      const grades = await dailyGrades(bench, AS_OF);

      expect(summary).toMatchObject({ revision: 2, unchanged: false, publishedLive: false });
      expect(grades.c05).toMatchObject({ tier: 'C', computed: 'C' });
      expect(grades.c03).toMatchObject({ tier: 'B' });
    });
  });

  describe('when a run fails half-way', () => {
    let failing: GradingBench;
    let clean: GradingBench;
    let releaseRetry: () => void = () => undefined;
    const retryReleased = new Promise<void>((resolve) => (releaseRetry = resolve));

    beforeAll(async () => {
      failing = await startBench('it_grade_retry', {
        beforeRun: async (attempt) => {
          if (attempt > 0) await retryReleased;
        },
        beforeCommit: async (attempt) => {
          if (attempt === 0) throw new Error('injected failure before the commit');
        },
      });
      clean = await startBench('it_grade_clean');
      await withBase(failing);
      await withBase(clean);
    });

    afterAll(async () => {
      releaseRetry();
      await failing?.stop();
      await clean?.stop();
    });

    it('leaves no readable half day, and the retry writes the same tables as a clean run', async () => {
      const job = await failing.queue.add(
        'grade',
        { asOf: AS_OF },
        { jobId: 'grading-retry', attempts: 2, backoff: { type: 'fixed', delay: 50 } },
      );
      await pollUntil(
        () => failing.queue.getJob(job.id!),
        (current) => current?.attemptsMade === 1,
        { what: 'the first attempt to fail', timeoutMs: 30_000, intervalMs: 50 },
      );

      // The first attempt wrote grades and history, but no run: readers see no day.
      const [written] = await failing.rows<{ n: number }>(
        'SELECT count() AS n FROM {db:Identifier}.customer_grades',
      );
      expect(Number(written!.n)).toBe(12);
      expect(await dailyGrades(failing, AS_OF)).toEqual({});

      releaseRetry();
      const finished = await pollUntil(
        () => failing.queue.getJob(job.id!),
        (current) => current?.finishedOn !== undefined,
        { what: 'the retry to finish', timeoutMs: 30_000, intervalMs: 50 },
      );
      await clean.run(AS_OF);

      expect(await finished!.getState()).toBe('completed');
      expect(await dailyGrades(failing, AS_OF)).toEqual(EXPECTED);
      const [retried, once] = [await gradingTables(failing), await gradingTables(clean)];
      expect(retried.customer_grades).toEqual(once.customer_grades);
      expect(retried.grade_history).toEqual(once.grade_history);
      expect(retried.grading_runs).toHaveLength(1);
    });
  });
});
