export { createLogger, LOG_FIELDS } from './logger';
export type { Logger, LoggerOptions, LogField } from './logger';
