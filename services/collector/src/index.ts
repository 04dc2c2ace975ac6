export { collectorConfig, loadCollectorConfig } from './config';
export type { CollectorConfig } from './config';
export { startCollector } from './service';
export type { Collector } from './service';
export { runImport } from './import';
export type { ImportOptions } from './import';
export { Publisher } from './publisher';
export type { Rejection } from './publisher';
