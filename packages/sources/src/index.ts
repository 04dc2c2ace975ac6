export { SourceRegistry, allows, SCOPED_EVENT_TYPES } from './registry';
export type { Authentication, NewSource, ScopedEventType, Source, SourceStore } from './registry';
export { sourceKeyConfig, DEVELOPMENT_PEPPER } from './config';
