import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ClickHouse } from '@staystream/clickhouse';
import type { Runtime } from '@staystream/runtime';
import { registerKpiRoutes } from './kpi-routes';

const QueryRequest = z.object({
  sql: z.string().min(1, 'must not be empty').max(100_000),
  params: z.record(z.string(), z.unknown()).default({}),
});

/**
 * The store's owner answers queries: chDB locks its data directory, so the CLI's `query`
 * comes here while the sink runs. Also serves metrics and health.
 */
export function buildQueryServer(
  runtime: Runtime,
  clickhouse: ClickHouse,
  ready: () => Promise<Record<string, boolean>>,
): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });

  app.post('/v1/query', async (request, reply) => {
    const parsed = QueryRequest.safeParse(request.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return reply.code(400).send({ error: `${issue.path.join('.') || 'body'}: ${issue.message}` });
    }
    // Reads only, one statement, nothing outside the database: checked by `readOnly`.
    const started = Date.now();
    try {
      const rows = await clickhouse.query<Record<string, unknown>>(parsed.data.sql, parsed.data.params, { readOnly: true });
      return { rows, elapsedMs: Date.now() - started, database: clickhouse.database };
    } catch (error) {
      return reply.code(400).send({ error: error instanceof Error ? error.message : String(error) });
    }
  });

  registerKpiRoutes(app, clickhouse);

  app.get('/health/live', async () => ({ status: 'live' }));
  app.get('/health/ready', async (_request, reply) => {
    const checks = await ready();
    const ok = Object.values(checks).every(Boolean);
    return reply.code(ok ? 200 : 503).send({ ready: ok, checks });
  });
  app.get('/metrics', async (_request, reply) => {
    return reply.type(runtime.metrics.registry.contentType).send(await runtime.metrics.registry.metrics());
  });

  return app;
}
