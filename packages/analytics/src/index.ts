export { GRAINS, KPIS, KpiRequest, PLACES, parseKpiRequest } from './request';
export type { Grain, Kpi, KpiRequestResult, Place, RequestIssue } from './request';
export { buildKpiQuery } from './query';
export type { KpiQuery } from './query';
