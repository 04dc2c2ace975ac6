import { loadCliConfig, runGradesCommand } from '@staystream/cli';
import { pollUntil } from '@staystream/testing';
import { startPipeline, type TestPipeline } from './pipeline';

/*
 * Ten guests with one stay each, g1..g10: g<i> departed 2024-03-<i+1> after two nights at
 * 100 × i EUR. As of 2024-06-30, R and M rank them alike (g10 best), F is 1 for all:
 * V = 3.8 for g10 and g9 (R5 F1 M5), 3.1 for g8 g7, 2.4 for g6 g5, 1.7 for g4 g3 and 1.0 for
 * g2 g1. Cuts: A ≥ 3.8 (top 1), B ≥ 3.8 (top 2), C ≥ 2.4 (top 5). So g1 is D (R1 F1 M1).
 *
 * On 2024-07-01 g1 checks out of a 5,000 EUR stay: departed that day (R5), two stays (F2),
 * far above the top M cut (M5): V = 1.5 + 0.6 + 2.0 = 4.1 ≥ 3.8, so the live path grades g1 A
 * at once, with the thresholds of the run of 2024-06-30 carried to 2024-07-01.
 */
const AS_OF = '2024-06-30';

function stay(guest: number, reservationId: string, departure: string, nightlyRate: number) {
  const arrival = new Date(Date.parse(`${departure}T00:00:00Z`) - 2 * 86_400_000).toISOString().slice(0, 10);
  return {
    property_id: 'porto-01',
    source_system: 'test-pms',
    property_timezone: 'Europe/Lisbon',
    reservation_id: reservationId,
    occurred_at: `${departure}T12:00:00Z`,
    status: 'checked_out',
    arrival_date: arrival,
    departure_date: departure,
    adults: 1,
    currency: 'EUR',
    nightly_rate: nightlyRate,
    guest_country: 'PRT',
    guests: [{ role: 'guest', given_name: `Guest${guest}`, family_name: 'Live', email: `guest${guest}@grading.test` }],
  };
}

describe('live grading in the enricher', () => {
  let pipeline: TestPipeline;

  beforeAll(async () => {
    pipeline = await startPipeline('it_live_grade', { GRADING_CRON: 'off' });
  });

  afterAll(async () => {
    await pipeline?.stop();
  });

  const customerOf = async (reservationId: string): Promise<string> => {
    const [row] = await pipeline.rows<{ customer_id: string }>(
      `SELECT customer_id FROM ${pipeline.db}.reservations FINAL WHERE reservation_id = {id:String}`,
      { id: reservationId },
    );
    return row!.customer_id;
  };
  const liveGrades = () =>
    pipeline.rows<{ customer_id: string; as_of: string; tier: string; rfm: string; thresholds_version: string; grade: string }>(
      `SELECT customer_id, toString(as_of) AS as_of, tier, thresholds_version, grade,
              concat(toString(r_score), toString(f_score), toString(m_score)) AS rfm
       FROM ${pipeline.db}.customer_grades FINAL WHERE source = 'live'`,
    );

  it('skips guests, counted, while no daily run has made thresholds', async () => {
    const stays = Array.from({ length: 10 }, (_, i) =>
      stay(i + 1, `L-g${i + 1}`, `2024-03-${String(i + 2).padStart(2, '0')}`, 100 * (i + 1)),
    );
    const { body } = await pipeline.post('reservations', stays);
    await pipeline.waitForLedger(body.eventIds);

    const metric = await pipeline.enricher.runtime.metrics.registry.getSingleMetricAsString(
      'staystream_grading_skipped_total',
    );
    expect(Number(/reason="no_thresholds"[^}]*\} (\d+)/.exec(metric)?.[1])).toBe(10);
    expect(await liveGrades()).toEqual([]);
  });

  it('upgrades a guest at once when a stay lifts them above the last run\'s cuts', async () => {
    const config = loadCliConfig(pipeline.env);
    const daily = (await runGradesCommand(config, { asOf: AS_OF, wait: true, progress: false }))!;
    expect(daily.tiers).toEqual({ A: 2, B: 0, C: 4, D: 4, N: 0 });

    const { body } = await pipeline.post('reservations', stay(1, 'L-g1-big', '2024-07-01', 2500));
    await pipeline.waitForLedger(body.eventIds);
    const g1 = await customerOf('L-g1');
    const [live] = await pollUntil(liveGrades, (rows) => rows.length === 1, {
      what: 'the live grade of g1',
      timeoutMs: 30_000,
    });

    expect(live).toMatchObject({
      customer_id: g1,
      as_of: '2024-07-01',
      tier: 'A',
      rfm: '525',
      thresholds_version: daily.thresholdsVersion,
    });
    expect(JSON.parse(live!.grade).explanation[0]).toContain('up from D');
  });
});
