export type { GuestRecord, GuestRole, GuestFeatures, LoyaltyMembership } from './model';
export type { NormalisedLoyalty } from './model';
export { resolveIdentityOptions, IdentityOptionsError } from './options';
export type { IdentityOptions, IdentityOptionsInput, BirthDateVeto } from './options';

export { normaliseRecord } from './normalise/record';
export { normaliseEmail, DEFAULT_EMAIL_RULES } from './normalise/email';
export type { EmailKind, EmailRules, NormalisedEmail } from './normalise/email';
export { normalisePhone, normalisePropertyPhones } from './normalise/phone';
export type { NormalisedPhone, PhoneContext, PhoneKind, PhoneLine } from './normalise/phone';
export type { PhonePlaceholderReason } from './normalise/phone';
export { normaliseName } from './normalise/name';
export type { NameInput, NormalisedName } from './normalise/name';
export {
  normaliseBirthDate,
  isDayMonthSwap,
  DEFAULT_BIRTH_DATE_RULES,
} from './normalise/birth-date';
export type { BirthDateRules, NormalisedBirthDate } from './normalise/birth-date';
export { normaliseAddress, normalisePostcode } from './normalise/address';
export type { NormalisedAddress, PostalAddress } from './normalise/address';
export { toCountryCode } from './normalise/country';
export { foldText, soundex } from './normalise/text';

export { jaroWinkler } from './match/similarity';
export { decidePair } from './match/decide';
export type { LinkRule, PairDecision, VetoReason } from './match/decide';
export { blockingKeys } from './match/blocking';
export { PRIOR_MODEL, compileWeights } from './match/model';
export type { LevelProbabilities, MatchModel, MatchWeights } from './match/model';
export { FIELD_LEVELS } from './match/levels';
export type { ComparisonVector, Field, Level } from './match/levels';

export { createIdentityResolver, IdentityConflictError } from './resolve/resolver';
export type { IdentityResolver, IdentityResolverOptions } from './resolve/resolver';
export type { ResolutionResult } from './resolve/resolver';
export type { PairVeto } from './resolve/plan';
export type { SplitAudit, SplitEvent, SplitFailure, SplitResult } from './resolve/split';
export { resolveAll } from './resolve/batch';
export type { BatchResolution, BatchStats } from './resolve/batch';
export { deriveCustomerId } from './resolve/customer-id';

export { MemoryIdentityStore } from './store/memory-store';
export type { IdentityStore, StoredRecord, CustomerState } from './store/identity-store';
export type {
  CommitResult,
  CustomerMerge,
  MergeProposal,
  ProposalReason,
} from './store/identity-store';
export type { IdentifierObservation, ResolutionChange, SplitChange } from './store/identity-store';

export { buildGoldenRecord } from './golden/golden-record';
export type { GoldenName, GoldenRecord, SurvivingValue } from './golden/golden-record';

export { evaluate, runEvaluation } from './evaluation/evaluate';
export type {
  DatasetEvaluation,
  EvaluationResult,
  RunEvaluationOptions,
} from './evaluation/evaluate';
export { formatEvaluation } from './evaluation/format';
export { clusterMetrics } from './evaluation/metrics';
export type { ClusterMetrics, PrecisionRecall } from './evaluation/metrics';
export { parseGuestCsv } from './evaluation/csv';
export type { CsvRow, GuestCsv, GuestCsvOptions } from './evaluation/csv';
export { truthFromColumn, truthFromFebrlIds, truthFromPairs } from './evaluation/truth';
export type { Truth } from './evaluation/truth';

export {
  createGuestGenerator,
  SYNTHETIC_PROPERTIES,
  SYNTHETIC_PROPERTY_PHONES,
} from './synthetic/generator';
export type { BookingRow, GuestGenerator, SyntheticBooking } from './synthetic/generator';
export { estimateUProbabilities } from './match/estimate';
export type { EstimateOptions } from './match/estimate';
export { RedisIdentityStore } from './store/redis-store';
export type { RedisLike, RedisPipelineLike } from './store/redis-store';
export { SAME_RECORD_RULE, decodeLinkReason, encodeLinkReason, linkReasonsKey } from './store/link-reasons';
export type { LinkReason } from './store/link-reasons';
