import * as path from 'node:path';
import { identityNamespace, identitySplitCommand, loadCliConfig, runReplay } from '@staystream/cli';
import { RedisIdentityStore, createIdentityResolver, type GuestRecord } from '@staystream/identity';
import { createLogger } from '@staystream/logger';
import { createRedis } from '@staystream/queue';
import { pollUntil, uniqueName } from '@staystream/testing';
import { startPipeline, type TestPipeline } from './pipeline';

const ROOT = path.resolve(__dirname, '..', '..', '..');

// No birth date: name and birth date alone would link the first two records already.
const anna = { given_name: 'Anna', family_name: 'Schmidt' };

function reservation(id: string, source: string, guest: Record<string, unknown>) {
  return {
    property_id: 'berlin-01', source_system: source, property_timezone: 'Europe/Berlin', reservation_id: id,
    occurred_at: '2026-02-01T10:00:00Z', status: 'confirmed', arrival_date: '2026-04-01', departure_date: '2026-04-03',
    adults: 1, currency: 'EUR', nightly_rate: 100, guests: [{ role: 'guest', ...guest }],
  };
}

describe('identity resolution in the pipeline', () => {
  let pipeline: TestPipeline;

  beforeAll(async () => {
    pipeline = await startPipeline('it_identity');
  });

  afterAll(async () => {
    await pipeline?.stop();
  });

  /** Distinct customers of the reservations, each fact's guest record resolved to its customer now. */
  const customersOf = async (ids: string[]) => {
    const [row] = await pipeline.rows<{ n: string }>(
      `SELECT uniqExact(if(cr.customer_id != '', cr.customer_id, r.customer_id)) AS n
       FROM ${pipeline.db}.reservations AS r FINAL
       LEFT JOIN (SELECT record_id, argMax(customer_id, version) AS customer_id FROM ${pipeline.db}.customer_records GROUP BY record_id) AS cr
         ON cr.record_id = r.guest_record_id
       WHERE r.reservation_id IN {ids:Array(String)}`,
      { ids },
    );
    return Number(row!.n);
  };

  /** The newest customer_records row of each reservation's guest record. */
  const recordRowsOf = (ids: string[]) =>
    pipeline.rows<{ reservation_id: string; source_system: string; role: string; rule: string }>(
      `SELECT r.reservation_id AS reservation_id, cr.source_system AS source_system, cr.role AS role, cr.rule AS rule
       FROM ${pipeline.db}.reservations AS r FINAL
       JOIN (SELECT * FROM ${pipeline.db}.customer_records FINAL) AS cr ON cr.record_id = r.guest_record_id
       WHERE r.reservation_id IN {ids:Array(String)} ORDER BY reservation_id`,
      { ids },
    );

  it('merges two customers a later record bridges, records the merge, and counts the guest once', async () => {
    const byEmail = await pipeline.post('reservations', reservation('M-1', 'pms-a', { ...anna, email: 'anna.schmidt@mail.de' }));
    const byPhone = await pipeline.post('reservations', reservation('M-2', 'crs-b', { ...anna, phone: '+49 170 1234567' }));
    await pipeline.waitForLedger([...byEmail.body.eventIds, ...byPhone.body.eventIds]);
    const before = await customersOf(['M-1', 'M-2']);

    const bridge = await pipeline.post('reservations', reservation('M-3', 'survey-c', {
      ...anna, email: 'Anna.Schmidt@mail.de', phone: '0170 1234567', country: 'DE',
    }));
    await pipeline.waitForLedger(bridge.body.eventIds);

    const after = await pollUntil(() => customersOf(['M-1', 'M-2', 'M-3']), (n) => n === 1, { what: 'one customer for M-1..M-3' });
    const merges = await pipeline.rows<{ kind: string; rule: string }>(
      `SELECT kind, rule FROM ${pipeline.db}.identity_changes FINAL WHERE kind = 'merge'`,
    );
    expect(before).toBe(2);
    expect(after).toBe(1);
    expect(merges.length).toBeGreaterThanOrEqual(1);
    // A moved record's merge row still names where the record came from.
    const rows = await recordRowsOf(['M-1', 'M-2', 'M-3']);
    expect(rows.map(({ reservation_id, source_system, role }) => ({ reservation_id, source_system, role }))).toEqual([
      { reservation_id: 'M-1', source_system: 'pms-a', role: 'guest' },
      { reservation_id: 'M-2', source_system: 'crs-b', role: 'guest' },
      { reservation_id: 'M-3', source_system: 'survey-c', role: 'guest' },
    ]);
    expect(rows.filter((row) => row.rule.startsWith('merged:')).length).toBeGreaterThanOrEqual(1);
  });

  it('splits a wrong merge, audits it, and lets the facts follow', async () => {
    const [row] = await pipeline.rows<{ customer_id: string; record_id: string }>(
      `SELECT cr.customer_id AS customer_id, r.guest_record_id AS record_id
       FROM ${pipeline.db}.reservations AS r FINAL
       JOIN (SELECT record_id, argMax(customer_id, version) AS customer_id FROM ${pipeline.db}.customer_records GROUP BY record_id) AS cr
         ON cr.record_id = r.guest_record_id
       WHERE r.reservation_id = 'M-2'`,
    );
    const config = loadCliConfig(pipeline.env);

    const code = await identitySplitCommand(config, createLogger({ service: 'test', level: 'warn' }), row!.customer_id, [row!.record_id], {
      tenant: 'default', reason: 'test: two people', actor: 'jest',
    });

    expect(code).toBe(0);
    await pollUntil(() => customersOf(['M-1', 'M-2', 'M-3']), (n) => n === 2, { what: 'two customers after the split' });
    const splits = await pipeline.rows<{ reason: string; actor: string }>(
      `SELECT reason, actor FROM ${pipeline.db}.identity_changes FINAL WHERE kind = 'split'`,
    );
    expect(splits).toEqual([{ reason: 'test: two people', actor: 'jest' }]);
    await pollUntil(() => recordRowsOf(['M-2']), (rows) => rows[0]?.rule === 'split', { what: "M-2's split row" });
    expect(await recordRowsOf(['M-2'])).toEqual([{ reservation_id: 'M-2', source_system: 'crs-b', role: 'guest', rule: 'split' }]);
  });

  it('gives every replayed reservation the customer it was first given, after merges and a split', async () => {
    const customersByReservation = () =>
      pipeline.rows<{ reservation_id: string; customer_id: string; guest_record_id: string }>(
        `SELECT reservation_id, customer_id, guest_record_id FROM ${pipeline.db}.reservations FINAL ORDER BY reservation_id`,
      );
    const before = await customersByReservation();
    const config = { ...loadCliConfig(pipeline.env), STAYSTREAM_ROOT: ROOT };

    const summary = await runReplay(config, createLogger({ service: 'test', level: 'warn' }), {
      dryRun: false, progress: false, waitForSink: true, json: false, id: uniqueName('identity'),
    });

    expect('read' in summary && summary.events).toBeGreaterThanOrEqual(before.length);
    expect(await customersByReservation()).toEqual(before);
  });
});

describe('identity state in Redis', () => {
  const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:16379');

  afterAll(() => redis.disconnect());

  const given = ['Anna', 'Bruno', 'Chloé', 'Dmitri', 'Elif', 'Farid', 'Greta', 'Hiro', 'Inès', 'João', 'Kofi', 'Lena'];
  const family = ['Weber', 'Rossi', 'Dubois', 'Ivanov', 'Yilmaz', 'Haddad', 'Larsen', 'Tanaka', 'Moreau', 'Silva', 'Mensah', 'Novak'];

  /** Two records per person that link on e-mail and given name. */
  const people = given.map((name, i) => {
    const email = `${name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}.${family[i]!.toLowerCase()}@posteo.de`;
    return [
      { recordId: `a-${i}`, givenName: name, familyName: family[i]!, email },
      { recordId: `b-${i}`, givenName: name, familyName: family[i]!, email: email.toUpperCase(), phone: `+49 171 55${String(i).padStart(5, '0')}` },
    ] satisfies GuestRecord[];
  });

  it('never leaves two unmerged customers when two workers race on the same guest', async () => {
    const namespace = uniqueName('race');
    const workerA = createIdentityResolver({ store: new RedisIdentityStore(redis, namespace) });
    const workerB = createIdentityResolver({ store: new RedisIdentityStore(redis, namespace) });

    // Each worker takes its records in order, as one enricher partition does; the two race.
    const run = async (worker: typeof workerA, records: GuestRecord[]) => {
      for (const record of records) await worker.add(record);
    };
    await Promise.all([run(workerA, people.map((p) => p[0]!)), run(workerB, people.map((p) => p[1]!))]);

    const store = new RedisIdentityStore(redis, namespace);
    for (const pair of people) {
      const records = await store.getRecords(pair.map((r) => r.recordId));
      expect(new Set(records.map((r) => r.customerId)).size).toBe(1);
    }
  });

  it('gives the same customer ids to the same records in the same order', async () => {
    const run = async () => {
      const resolver = createIdentityResolver({ store: new RedisIdentityStore(redis, uniqueName('determinism')) });
      const ids: string[] = [];
      for (const record of people.flat()) ids.push((await resolver.add(record)).customerId);
      return ids;
    };

    const [first, second] = [await run(), await run()];
    expect(second).toEqual(first);
    expect(new Set(first).size).toBe(people.length);
  });

  it('names the namespace the enricher uses', () => {
    const config = loadCliConfig({ TOPIC_PREFIX: 'demo' });
    expect(identityNamespace(config, 'default')).toBe('staystream:demo:identity:default');
  });
});
