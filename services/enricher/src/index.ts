export { enricherConfig, loadEnricherConfig } from './config';
export type { EnricherConfig } from './config';
export { startEnricher, groupId } from './service';
export type { Enricher } from './service';
export { assignCustomer, customerIdOf } from './steps/customer-id';
export { emptyEnriched, enrichFeedback, enrichReservation, enrichStay } from './steps/enrich';
export { runReplay } from './replay';
export type { ReplayOutcome, ReplayPlan } from './replay';
