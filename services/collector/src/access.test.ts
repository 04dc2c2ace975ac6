import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { createLogger } from '@staystream/logger';
import { createMetrics } from '@staystream/metrics';
import { SourceRegistry, type SourceStore } from '@staystream/sources';
import { authenticate, forbidden, type AccessDeps } from './access';

function memoryStore(): SourceStore {
  const hashes = new Map<string, Map<string, string>>();
  const hash = (key: string) => hashes.get(key) ?? hashes.set(key, new Map()).get(key)!;
  return {
    hget: async (key, field) => hash(key).get(field) ?? null,
    hset: async (key, field, value) => (hash(key).set(field, value), 1),
    hgetall: async (key) => Object.fromEntries(hash(key)),
  };
}

const unreachable: SourceStore = {
  hget: () => Promise.reject(new Error('connect ECONNREFUSED')),
  hset: () => Promise.reject(new Error('connect ECONNREFUSED')),
  hgetall: () => Promise.reject(new Error('connect ECONNREFUSED')),
};

async function server(sources: SourceRegistry | null) {
  let log = '';
  const destination = new Writable({ write: (chunk, _e, done) => ((log += String(chunk)), done()) });
  const deps: AccessDeps = { sources, logger: createLogger({ service: 'test', destination, level: 'debug' }), metrics: createMetrics('test') };
  const app = Fastify();
  app.decorateRequest('source', null);
  app.post('/v1/events/:type', { onRequest: authenticate(deps) }, async (request, reply) => {
    const items = Array.isArray(request.body) ? request.body : [request.body];
    return forbidden(deps, request, reply, 'reservation', items) ?? reply.code(202).send({ source: request.source?.id ?? null });
  });
  return { app, log: () => log, metrics: deps.metrics };
}

describe('authenticate', () => {
  it('lets a known key through and never logs a key, even a refused one', async () => {
    const registry = new SourceRegistry(memoryStore(), 'ns', 'a-test-pepper-of-some-length');
    const { apiKey } = await registry.add({ id: 'lisbon-pms', properties: ['lisbon-01'] });
    const { app, log } = await server(registry);
    const wrongKey = `${apiKey.slice(0, -4)}AAAA`;

    const ok = await app.inject({ method: 'POST', url: '/v1/events/reservations', headers: { authorization: `Bearer ${apiKey}` }, payload: { property_id: 'lisbon-01' } });
    const refused = await app.inject({ method: 'POST', url: '/v1/events/reservations', headers: { 'x-api-key': wrongKey }, payload: {} });

    expect([ok.statusCode, ok.json()]).toEqual([202, { source: 'lisbon-pms' }]);
    expect([refused.statusCode, refused.json().error]).toEqual([401, 'the API key is not known']);
    expect(log()).toContain('unknown_key');
    expect(log()).not.toContain(apiKey.slice(4, 20));
    expect(log()).not.toContain(wrongKey.slice(4, 20));
  });

  it('answers 503, not 401, while the keys cannot be read', async () => {
    const { app, metrics } = await server(new SourceRegistry(unreachable, 'ns', 'a-test-pepper-of-some-length'));

    const response = await app.inject({ method: 'POST', url: '/v1/events/reservations', headers: { authorization: 'Bearer ssk_x' }, payload: {} });

    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect((await metrics.requestsRejected.get()).values).toEqual([expect.objectContaining({ labels: { reason: 'auth_unavailable' }, value: 1 })]);
  });

  it('lets every request through when authentication is off', async () => {
    const { app } = await server(null);

    const response = await app.inject({ method: 'POST', url: '/v1/events/reservations', payload: { property_id: 'anywhere' } });

    expect([response.statusCode, response.json()]).toEqual([202, { source: null }]);
  });
});
