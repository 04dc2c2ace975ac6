import { fingerprint } from '@staystream/cli';
import type { ClickHouse } from '@staystream/clickhouse';
import { openTestDatabase } from './pipeline';

/*
 * The fingerprint is what the fault and replay tests compare, so it must see every row. Rows
 * with a NULL in a Nullable column (a review without a recommend answer, a hotel without a
 * brand) are the common case, not the exception.
 */
function review(score: number, version: number) {
  return {
    event_id: `F1-v${version}`, tenant_id: 'default', property_id: 'ams-1', source_system: 'fixture',
    feedback_id: 'F1', site: 'survey', reservation_id: '', customer_id: '', guest_record_id: '',
    submitted_at: '2026-03-06 10:00:00', review_date: '2026-03-06', score_0_100: score,
    nps_score: null, reviewer_country: 'DE', version,
  };
}

describe('fingerprint', () => {
  let clickhouse: ClickHouse;
  const digestOf = async () => {
    const result = await fingerprint({
      via: 'embedded',
      database: clickhouse.database,
      query: (sql, params) => clickhouse.query(sql, params),
      close: async () => undefined,
    });
    return result.tables.find((t) => t.table === 'feedback');
  };

  beforeAll(async () => {
    clickhouse = await openTestDatabase('it_fingerprint');
  });

  afterAll(async () => {
    await clickhouse.command('DROP DATABASE IF EXISTS {db:Identifier}', { db: clickhouse.database });
    await clickhouse.close();
  });

  it('changes when a row whose Nullable column is NULL changes', async () => {
    await clickhouse.insert('feedback', [review(80, 1)]);
    const before = await digestOf();

    await clickhouse.insert('feedback', [review(40, 2)]);
    const after = await digestOf();

    expect(before?.rows).toBe(1);
    expect(after?.rows).toBe(1);
    expect(before?.hash).not.toBe('0');
    expect(after?.hash).not.toBe(before?.hash);
  });

  it('is the same for the same rows inserted again', async () => {
    const first = await digestOf();

    await clickhouse.insert('feedback', [review(40, 2)]);

    expect(await digestOf()).toEqual(first);
  });
});
