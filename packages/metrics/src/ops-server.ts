import * as http from 'node:http';
import type { Registry } from 'prom-client';

export type ReadinessCheck = () => Promise<boolean>;

export interface OpsServerOptions {
  port: number;
  host?: string;
  registry: Registry;
  /** Named dependency checks; readiness is false while any of them fails. */
  checks: Record<string, ReadinessCheck>;
}

export interface OpsServer {
  readonly port: number;
  close(): Promise<void>;
}

/** /metrics, /health/live and /health/ready for services that have no HTTP server of their own. */
export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const server = http.createServer((request, response) => {
    void route(options, request.url ?? '/').then(({ status, type, body }) => {
      response.writeHead(status, { 'Content-Type': type });
      response.end(body);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;

  return {
    port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function route(options: OpsServerOptions, url: string) {
  if (url.startsWith('/metrics')) {
    return { status: 200, type: options.registry.contentType, body: await options.registry.metrics() };
  }
  if (url.startsWith('/health/live')) {
    return { status: 200, type: 'application/json', body: '{"status":"live"}' };
  }
  if (url.startsWith('/health/ready')) {
    const results = await readiness(options.checks);
    const ready = Object.values(results).every(Boolean);
    return { status: ready ? 200 : 503, type: 'application/json', body: JSON.stringify({ ready, checks: results }) };
  }
  return { status: 404, type: 'application/json', body: '{"error":"not found"}' };
}

/** How long one dependency check may take before it counts as failed. */
export const READINESS_CHECK_TIMEOUT_MS = 2_000;

/** Runs every check at once; one that throws or outlasts the timeout reads as false. */
export async function readiness(
  checks: Record<string, ReadinessCheck>,
  timeoutMs = READINESS_CHECK_TIMEOUT_MS,
): Promise<Record<string, boolean>> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => [name, await withTimeout(check(), timeoutMs)] as const),
  );
  return Object.fromEntries(entries);
}

function withTimeout(check: Promise<boolean>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  return Promise.race([check.catch(() => false), timeout]).finally(() => clearTimeout(timer));
}
