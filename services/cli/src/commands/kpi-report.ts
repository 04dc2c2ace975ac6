import { buildKpiQuery, parseKpiRequest } from '@staystream/analytics';
import { createClickHouse, migrate, refreshRollups } from '@staystream/clickhouse';
import { StaystreamError } from '@staystream/errors';
import type { Logger } from '@staystream/logger';
import type { CliConfig } from '../config';
import { formatRows, type OutputFormat } from '../format';
import { openStore } from '../store';

export interface KpiReportOptions {
  by?: string;
  grain?: string;
  from?: string;
  to?: string;
  near?: string;
  radiusKm?: string;
  h3Resolution?: string;
  format: OutputFormat;
}

/** The CLI flag of a request field, for error messages. */
const FLAGS: Record<string, string> = { radius_km: '--radius-km', h3_resolution: '--h3-resolution', kpi: '<kpi>' };

/**
 * `staystream report <kpi> --by --grain --from --to [--near lat,lon --radius-km N]`: one KPI
 * from the rollups, through the sink while it owns the store. NULL (no room count, no answers)
 * prints as n/a in table and CSV output and stays null in JSON.
 */
export async function kpiReportCommand(config: CliConfig, logger: Logger, kpi: string, options: KpiReportOptions): Promise<number> {
  const parsed = parseKpiRequest({
    kpi,
    by: options.by,
    grain: options.grain,
    from: options.from,
    to: options.to,
    near: options.near,
    radius_km: options.radiusKm,
    h3_resolution: options.h3Resolution,
  });
  if (!parsed.ok) {
    for (const issue of parsed.issues) console.error(`error: ${FLAGS[issue.field] ?? `--${issue.field}`}: ${issue.message}`);
    return 2;
  }

  const store = await openStore(config, logger);
  try {
    const { query, params } = buildKpiQuery(parsed.request, store.database);
    const started = Date.now();
    const rows = await store.query(query, params);
    const elapsedMs = Date.now() - started;
    const shown = options.format === 'json' ? rows : rows.map(withNotApplicable);
    console.log(formatRows(shown, options.format));
    if (options.format === 'table') console.error(`${rows.length} rows in ${elapsedMs} ms (${store.via})`);
    return 0;
  } finally {
    await store.close();
  }
}

function withNotApplicable(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value === null ? 'n/a' : value]));
}

/** `staystream rollups refresh`: recomputes the KPI rollups now (through the sink while it runs). */
export async function refreshRollupsCommand(config: CliConfig, logger: Logger): Promise<number> {
  const started = Date.now();
  const viaSink = !config.CLICKHOUSE_URL && (await answers(`${config.SINK_URL}/health/live`));
  if (viaSink) {
    const response = await fetch(`${config.SINK_URL}/v1/rollups/refresh`, { method: 'POST' });
    if (!response.ok) throw new StaystreamError('refresh_failed', `the sink answered ${response.status}: ${await response.text()}`);
  } else {
    const clickhouse = createClickHouse({ url: config.CLICKHOUSE_URL, dataDir: config.STAYSTREAM_DATA_DIR, database: config.CLICKHOUSE_DATABASE, logger });
    try {
      await migrate(clickhouse);
      await refreshRollups(clickhouse);
    } finally {
      await clickhouse.close();
    }
  }
  console.error(`rollups refreshed in ${Date.now() - started} ms (${viaSink ? 'sink' : 'direct'})`);
  return 0;
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1_000) })).ok;
  } catch {
    return false;
  }
}
