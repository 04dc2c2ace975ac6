import { pollUntil } from '@staystream/testing';
import { startPipeline, type TestPipeline } from './pipeline';
import { freePort, PrivateRedis } from './processes';

interface Readiness {
  status: number;
  ready: boolean;
  checks: Record<string, boolean>;
}

async function readiness(url: string): Promise<Readiness> {
  const response = await fetch(`${url}/health/ready`);
  const body = (await response.json()) as { ready: boolean; checks: Record<string, boolean> };
  return { status: response.status, ...body };
}

describe('readiness while Redis is stopped', () => {
  let redis: PrivateRedis;
  let pipeline: TestPipeline;

  beforeAll(async () => {
    redis = new PrivateRedis(await freePort());
    await redis.start();
    pipeline = await startPipeline('it_ready', { REDIS_URL: redis.url });
  });

  afterAll(async () => {
    await redis?.start().catch(() => undefined);
    await pipeline?.stop();
    await redis?.stop();
  });

  it('turns false while Redis is down and true again once it is back, and the service stays live', async () => {
    const url = pipeline.collector.url;
    expect(await readiness(url)).toEqual({ status: 200, ready: true, checks: { kafka: true, registry: true, redis: true } });

    await redis.stop();
    const down = await pollUntil(() => readiness(url), (r) => !r.ready, { what: 'readiness false', timeoutMs: 20_000 });
    expect(down).toEqual({ status: 503, ready: false, checks: { kafka: true, registry: true, redis: false } });
    expect((await fetch(`${url}/health/live`)).status).toBe(200);

    await redis.start();
    const up = await pollUntil(() => readiness(url), (r) => r.ready, { what: 'readiness true again', timeoutMs: 20_000 });
    expect(up.status).toBe(200);
  });

  it('answers 503 rather than hanging when an API key cannot be checked', async () => {
    await redis.stop();
    try {
      const started = Date.now();
      const { status, body } = await pipeline.post('reservations', { property_id: 'p1' });

      expect(status).toBe(503);
      expect(body.error).toMatch(/cannot check API keys/);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await redis.start();
    }
  });
});
