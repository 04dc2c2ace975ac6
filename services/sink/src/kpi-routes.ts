import type { FastifyInstance } from 'fastify';
import { buildKpiQuery, parseKpiRequest } from '@staystream/analytics';
import { refreshRollups, type ClickHouse } from '@staystream/clickhouse';

/**
 * KPI queries for analysts and dashboards, answered from the rollups by the store's owner:
 * GET /v1/kpi/:kpi?by=city&grain=month&from=2016-01-01&to=2016-12-31[&near=lat,lon&radius_km=5]
 * and POST /v1/rollups/refresh, which recomputes the rollups from the facts now.
 */
export function registerKpiRoutes(app: FastifyInstance, clickhouse: ClickHouse): void {
  app.get<{ Params: { kpi: string }; Querystring: Record<string, string> }>('/v1/kpi/:kpi', async (request, reply) => {
    const parsed = parseKpiRequest({ ...request.query, kpi: request.params.kpi });
    if (!parsed.ok) {
      const summary = parsed.issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
      return reply.code(400).send({ error: summary, issues: parsed.issues });
    }

    const started = Date.now();
    const { query, params, keys } = buildKpiQuery(parsed.request, clickhouse.database);
    const rows = await clickhouse.query<Record<string, unknown>>(query, params);
    return { kpi: parsed.request.kpi, keys, rows, elapsedMs: Date.now() - started, database: clickhouse.database };
  });

  app.post('/v1/rollups/refresh', async () => {
    const started = Date.now();
    await refreshRollups(clickhouse);
    return { refreshed: true, elapsedMs: Date.now() - started };
  });
}
