import type { GuestRecord } from '../model';
import { MemoryIdentityStore } from '../store/memory-store';
import { resolveAll } from './batch';
import { deriveCustomerId } from './customer-id';
import type { IdentityResolver } from './resolver';
import { createIdentityResolver } from './resolver';

async function addAll(resolver: IdentityResolver, records: GuestRecord[]): Promise<string[]> {
  const ids: string[] = [];
  for (const record of records) ids.push((await resolver.add(record)).customerId);
  return ids;
}

const ana = (recordId: string, extra: Partial<GuestRecord> = {}): GuestRecord => ({
  recordId,
  givenName: 'Ana',
  familyName: 'Costa',
  ...extra,
});

describe('placeholder guard', () => {
  it.each([
    ['x@x.x', { email: 'x@x.x' }],
    ['test@', { email: 'test@gmail.com' }],
    ['guest@hotel…', { email: 'guest@hotelsol.pt' }],
    ['a role address', { email: 'reservations@acme.com' }],
    ['an all-zero phone', { phone: '000000000', country: 'PT' }],
    ['a digit-sequence phone', { phone: '123456789', country: 'PT' }],
  ])('never links two people through %s', async (_label, contact) => {
    const resolver = createIdentityResolver();

    const ids = await addAll(resolver, [
      { recordId: 'a', givenName: 'Rui', familyName: 'Costa', ...contact },
      { recordId: 'b', givenName: 'Rita', familyName: 'Costa', ...contact },
      { recordId: 'c', givenName: 'Rui', familyName: 'Costa', ...contact },
    ]);

    expect(new Set(ids).size).toBe(3);
  });
});

describe('frequency guard', () => {
  const agentPhone = '+351 912 345 678';
  const clients: GuestRecord[] = [
    ['Tom', 'Baker'],
    ['Ana', 'Silva'],
    ['Li', 'Wei'],
    ['Omar', 'Haddad'],
  ].map(([givenName, familyName], i) => ({
    recordId: `client-${i}`,
    givenName,
    familyName,
    phone: agentPhone,
  }));
  const bakerAgain: GuestRecord = {
    recordId: 'baker-again',
    familyName: 'Baker',
    phone: agentPhone,
  };

  it('marks a value seen with more names than allowed as shared', async () => {
    const resolver = createIdentityResolver({ options: { maxNamesPerIdentifier: 3 } });

    const results = [];
    for (const record of clients) results.push(await resolver.add(record));

    expect(results.map((result) => result.sharedValues.length)).toEqual([0, 0, 0, 1]);
    expect(results[3]?.sharedValues).toEqual(['phone:+351912345678']);
  });

  it.each([
    ['stops linking once the value is shared', 3, false],
    ['links while the limit is not reached', 10, true],
  ])('%s', async (_label, maxNamesPerIdentifier, linked) => {
    const resolver = createIdentityResolver({ options: { maxNamesPerIdentifier } });

    const ids = await addAll(resolver, [...clients, bakerAgain]);

    expect(ids[4] === ids[0]).toBe(linked);
  });
});

describe('determinism', () => {
  const records: GuestRecord[] = [
    ana('r1', { email: 'ana.costa@gmail.com', birthDate: '1990-01-02' }),
    { recordId: 'r2', givenName: 'Bruno', familyName: 'Lima', phone: '+351 934 111 222' },
    ana('r3', { email: 'ana.costa@gmail.com' }),
    { recordId: 'r4', givenName: 'Bruno', familyName: 'LIMA', phone: '934111222', country: 'PT' },
    ana('r5', { birthDate: '1990-01-02', phone: '+351 961 000 111' }),
  ];

  it('gives the same ids for the same input in the same order', async () => {
    const first = await resolveAll(records);
    const second = await resolveAll(records);

    expect([...second.assignments]).toEqual([...first.assignments]);
  });

  it('derives each id from the first record of its customer', async () => {
    const { assignments } = await resolveAll(records);

    expect(assignments.get('r3')).toBe(deriveCustomerId('r1'));
    expect(assignments.get('r4')).toBe(deriveCustomerId('r2'));
  });

  it('keeps the older customer id when two customers merge', async () => {
    const resolver = createIdentityResolver();
    const [olderId, youngerId] = await addAll(resolver, [
      ana('r1', { email: 'ana.costa@gmail.com' }),
      ana('r2', { birthDate: '1990-01-02' }),
    ]);

    const bridge = await resolver.add(
      ana('r3', { email: 'ana.costa@gmail.com', birthDate: '1990-01-02' }),
    );

    expect(olderId).not.toBe(youngerId);
    expect(bridge.customerId).toBe(olderId);
    expect(bridge.merges).toEqual([
      expect.objectContaining({ from: youngerId, into: olderId, rule: 'name_and_birth_date' }),
    ]);
  });
});

describe('giant cluster guard', () => {
  it('turns a merge beyond the size limit into a proposal', async () => {
    const resolver = createIdentityResolver({ options: { maxClusterSize: 2 } });
    const email = { email: 'ana.costa@gmail.com' };

    const ids = await addAll(resolver, [ana('r1', email), ana('r2', email)]);
    const third = await resolver.add(ana('r3', email));

    expect(ids[1]).toBe(ids[0]);
    expect(third.customerId).not.toBe(ids[0]);
    expect(third.proposals).toMatchObject([
      { candidateCustomerId: ids[0], reason: 'cluster_size' },
    ]);
  });
});

describe('split', () => {
  const records = [
    ana('r1', { email: 'ana.costa@gmail.com' }),
    ana('r2', { email: 'ana.costa@gmail.com', birthDate: '1990-01-02' }),
    ana('r3', { birthDate: '1990-01-02' }),
  ];

  async function mergedResolver(): Promise<[IdentityResolver, string]> {
    const resolver = createIdentityResolver({ now: () => new Date('2025-03-01T12:00:00Z') });
    const ids = await addAll(resolver, records);
    expect(new Set(ids).size).toBe(1);
    return [resolver, ids[0] as string];
  }

  it('moves records to a new customer and returns an audited event', async () => {
    const [resolver, customerId] = await mergedResolver();

    const result = await resolver.split(customerId, ['r3'], { actor: 'ops@hotel', reason: 'twin' });

    expect(result).toEqual({
      ok: true,
      event: {
        type: 'customer.split',
        customerId,
        newCustomerId: expect.stringMatching(/^cus_/),
        recordIds: ['r3'],
        remainingRecordIds: ['r1', 'r2'],
        actor: 'ops@hotel',
        reason: 'twin',
        at: '2025-03-01T12:00:00.000Z',
      },
    });
  });

  it('never links the split records back, not even when one arrives again', async () => {
    const [resolver, customerId] = await mergedResolver();
    const split = await resolver.split(customerId, ['r3']);
    const newCustomerId = split.ok ? split.event.newCustomerId : '';

    const again = await resolver.add(ana('r3', { birthDate: '1990-01-02' }));

    expect(again.customerId).toBe(newCustomerId);
    expect(again.merges).toEqual([]);
  });

  it.each([
    ['an unknown customer', 'cus_nope', ['r1'], 'unknown_customer'],
    ['records of another customer', undefined, ['zz'], 'unknown_records'],
    ['every record', undefined, ['r1', 'r2', 'r3'], 'would_empty'],
  ])('refuses %s', async (_label, customer, recordIds, reason) => {
    const [resolver, customerId] = await mergedResolver();

    const result = await resolver.split(customer ?? customerId, recordIds);

    expect(result).toEqual({ ok: false, reason });
  });
});

describe('concurrent writers', () => {
  it('re-reads and retries when a customer changed between read and commit', async () => {
    const store = new MemoryIdentityStore();
    const resolver = createIdentityResolver({ store });
    await resolver.add(ana('r1', { email: 'ana.costa@gmail.com' }));
    const commit = jest.spyOn(store, 'commit');

    const [a, b] = await Promise.all([
      resolver.add(ana('r2', { email: 'ana.costa@gmail.com' })),
      resolver.add(ana('r3', { email: 'ana.costa@gmail.com' })),
    ]);
    const customers = await store.getCustomers([a.customerId]);

    expect(b.customerId).toBe(a.customerId);
    expect(customers.get(a.customerId)?.recordIds).toEqual(['r1', 'r2', 'r3']);
    expect(await Promise.all(commit.mock.results.map((call) => call.value))).toEqual([
      { ok: true },
      { ok: false, reason: 'conflict' },
      { ok: true },
    ]);
  });
});
