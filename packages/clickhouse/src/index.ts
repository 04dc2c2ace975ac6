export { createClickHouse } from './client';
export type { ClickHouse, ClickHouseOptions, QueryOptions, QueryParams } from './client';
export { migrate, TABLES, VIEWS } from './migrations';
export type { TableName } from './migrations';
export { REFRESH_INTERVAL, ROLLUPS, migrateRollups, refreshRollups } from './rollups';
export type { RollupName } from './rollups';
