export { StaystreamError, isRetriable, toStaystreamError } from './staystream-error';
export type { StaystreamErrorOptions } from './staystream-error';
export { ValidationError } from './validation-error';
export type { FieldIssue } from './validation-error';
export { DEAD_LETTER_STAGES } from './dead-letter';
export type { DeadLetterStage, DeadLetter } from './dead-letter';
