export { gradingConfig, gradingSettings } from './config';
export type { GradingSettings } from './config';
export { runGradingDay } from './daily';
export type { DailyRunContext, DailyRunDeps, GradingHooks } from './daily';
export { LivePublisher } from './publish';
export { GradingStore } from './store';
export type { CompletedRun } from './store';
export { DAILY_SCHEDULER_ID, startGrading } from './worker';
export type { GradingService, GradingServiceOptions } from './worker';
