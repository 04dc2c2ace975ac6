export { createClickHouse } from './client';
export type { ClickHouse, ClickHouseOptions, QueryParams } from './client';
export { migrate, TABLES } from './migrations';
export type { TableName } from './migrations';
