export { loadSinkConfig, sinkConfig } from './config';
export type { SinkConfig } from './config';
export { startSink, groupId } from './service';
export type { Sink } from './service';
export { TOPIC_TABLES, ledgerRow } from './tables';
