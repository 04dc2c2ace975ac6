export { collectorConfig, loadCollectorConfig } from './config';
export type { CollectorConfig } from './config';
export { startCollector } from './service';
export type { Collector } from './service';
export { runImport } from './import';
export type { ImportOptions, ImportOutcome } from './import';
export { guardCardData, scrubText, isCardField, luhnValid } from './card-guard';
export { Publisher } from './publisher';
export type { Rejection } from './publisher';
