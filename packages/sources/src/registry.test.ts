import { SourceRegistry, allows, type SourceStore } from './registry';

/** The three hash commands over a Map, as Redis would answer them. */
function memoryStore(): SourceStore & { dump(): string } {
  const hashes = new Map<string, Map<string, string>>();
  const hash = (key: string) => hashes.get(key) ?? hashes.set(key, new Map()).get(key)!;
  return {
    hget: async (key, field) => hash(key).get(field) ?? null,
    hset: async (key, field, value) => (hash(key).set(field, value), 1),
    hgetall: async (key) => Object.fromEntries(hash(key)),
    dump: () => JSON.stringify([...hashes].map(([k, v]) => [k, [...v]])),
  };
}

describe('SourceRegistry', () => {
  const pepper = 'a-test-pepper-of-some-length';

  it('authenticates a new key and never stores it in clear', async () => {
    const store = memoryStore();
    const registry = new SourceRegistry(store, 'ns', pepper);

    const { apiKey, source } = await registry.add({ id: 'lisbon-pms', properties: ['lisbon-01'] });

    expect(await registry.authenticate(apiKey)).toEqual({ ok: true, source });
    expect(store.dump()).not.toContain(apiKey);
    expect(store.dump()).not.toContain(apiKey.slice(12));
  });

  it.each([
    ['no key', undefined, 'missing_key'],
    ['an empty key', '', 'missing_key'],
    ['a key of another shape', 'Bearer nonsense', 'unknown_key'],
    ['a well-formed key nobody issued', `ssk_${'A'.repeat(43)}`, 'unknown_key'],
  ])('refuses %s', async (_label, key, reason) => {
    const registry = new SourceRegistry(memoryStore(), 'ns', pepper);
    await registry.add({ id: 'lisbon-pms', properties: ['*'] });

    expect(await registry.authenticate(key)).toEqual({ ok: false, reason });
  });

  it('refuses a revoked key and lists the source as revoked', async () => {
    const registry = new SourceRegistry(memoryStore(), 'ns', pepper);
    const { apiKey } = await registry.add({ id: 'lisbon-pms', properties: ['lisbon-01'] });

    await registry.revoke('lisbon-pms');

    expect(await registry.authenticate(apiKey)).toEqual({ ok: false, reason: 'revoked_key' });
    expect((await registry.list())[0]).toMatchObject({ id: 'lisbon-pms', revokedAt: expect.any(Number) });
  });

  it('refuses a key hashed under another pepper', async () => {
    const store = memoryStore();
    const { apiKey } = await new SourceRegistry(store, 'ns', pepper).add({ id: 'a', properties: ['*'] });

    expect(await new SourceRegistry(store, 'ns', 'another-pepper-entirely').authenticate(apiKey)).toEqual({
      ok: false,
      reason: 'unknown_key',
    });
  });

  it('keeps namespaces apart', async () => {
    const store = memoryStore();
    const { apiKey } = await new SourceRegistry(store, 'one', pepper).add({ id: 'a', properties: ['*'] });

    expect((await new SourceRegistry(store, 'two', pepper).authenticate(apiKey)).ok).toBe(false);
  });

  it('refuses to add an active source twice, and allows it again after a revoke', async () => {
    const registry = new SourceRegistry(memoryStore(), 'ns', pepper);
    const first = await registry.add({ id: 'a', properties: ['*'] });

    await expect(registry.add({ id: 'a', properties: ['*'] })).rejects.toThrow('source a exists');
    await registry.revoke('a');
    const second = await registry.add({ id: 'a', properties: ['*'] });

    expect((await registry.authenticate(second.apiKey)).ok).toBe(true);
    expect((await registry.authenticate(first.apiKey)).ok).toBe(false);
  });

  it.each([
    ['an id with spaces', { id: 'my pms', properties: ['*'] }, /source id "my pms"/],
    ['no properties', { id: 'a', properties: [] }, /properties: name at least one/],
    ['an unknown event type', { id: 'a', properties: ['*'], eventTypes: ['bookings' as never] }, /event types \["bookings"\]/],
  ])('names the field of %s', async (_label, input, message) => {
    await expect(new SourceRegistry(memoryStore(), 'ns', pepper).add(input)).rejects.toThrow(message);
  });

  it('fails revoking a source that does not exist', async () => {
    await expect(new SourceRegistry(memoryStore(), 'ns', pepper).revoke('ghost')).rejects.toThrow('no source named ghost');
  });
});

describe('allows', () => {
  const source = { id: 's', properties: ['lisbon-01'], eventTypes: ['reservation' as const], keyHint: '', createdAt: 0, revokedAt: null };

  it.each([
    ['its own property and type', 'lisbon-01', 'reservation', true],
    ['another property', 'porto-01', 'reservation', false],
    ['another event type', 'lisbon-01', 'feedback', false],
  ] as const)('%s → %s', (_label, property, type, expected) => {
    expect(allows(source, property, type)).toBe(expected);
  });

  it('lets * stand for every property', () => {
    expect(allows({ ...source, properties: ['*'] }, 'anywhere', 'reservation')).toBe(true);
  });
});
