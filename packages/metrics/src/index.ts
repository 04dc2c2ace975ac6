export { createMetrics } from './metrics';
export type { Metrics } from './metrics';
export { readiness, startOpsServer } from './ops-server';
export type { OpsServer, OpsServerOptions, ReadinessCheck } from './ops-server';
