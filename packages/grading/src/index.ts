export {
  DEFAULT_GRADING_CONFIG,
  GradingConfigError,
  configVersion,
  resolveGradingConfig,
} from './config';
export type { GradingConfig } from './config';
export {
  COMPLETED_STAY_STATUS,
  groupFactsByCustomer,
  latestFeedbackFacts,
  latestStayFacts,
} from './facts';
export type { CustomerAlias, CustomerFacts, FeedbackFact, StayFact, StayStatus } from './facts';
export { decayWeight, extractFeatures, gradingWindow } from './features';
export type { CustomerFeatures, GradingWindow } from './features';
export { computeThresholds, thresholdsAsOf } from './thresholds';
export type { Cut, RankedTier, Scores, Thresholds, Tier, UngradedReason } from './scoring';
export { gradeCustomer, gradeFeatures } from './grade';
export type { Grade, GradeInputs, GradeSource, GradeState, HysteresisState } from './grade';
export { runDaily, runDailyFromFeatures } from './daily';
export type { DailyResult, GradeChange, GradeChangeKind } from './daily';
export { extendHistory, gradeAsOf, historyFromRuns } from './history';
export type { GradeHistoryRow, HistoryUpdate } from './history';
export { explainGrade } from './explain';
export { buildCustomerFeaturesQuery, parseCustomerFeaturesRow } from './sql';
export type { ClickHouseQuery, CustomerFeaturesRow, FeaturesQueryTables } from './sql';
export {
  gradeRecord,
  gradeState,
  historyRecord,
  liveKeys,
  parseHistoryRecord,
} from './records';
export type { GradeHistoryRecord, GradeRecord, GradeStamp, LiveSnapshot } from './records';
