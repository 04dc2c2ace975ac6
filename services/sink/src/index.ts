export { loadSinkConfig, sinkConfig } from './config';
export type { SinkConfig } from './config';
export { startSink, groupId } from './service';
export type { Sink } from './service';
export { TOPIC_TABLES, ledgerRow } from './tables';
export { gradingConfig, gradingSettings, runGradingDay, startGrading } from './grading';
export type { GradingHooks, GradingService, GradingServiceOptions } from './grading';
