import pino from 'pino';

/**
 * The field vocabulary every log call draws from. Payloads, personal data, API keys and SQL
 * never appear at info level.
 */
export const LOG_FIELDS = [
  'service',
  'module',
  'topic',
  'partition',
  'offset',
  'groupId',
  'jobId',
  'queue',
  'table',
  'rows',
  'bytes',
  'durationMs',
  'attempt',
  'err',
  'eventId',
  'propertyId',
  'source',
  'reason',
  'count',
  'url',
  'port',
  'fields',
  'signal',
  'asOf',
] as const;

export type LogField = (typeof LOG_FIELDS)[number];
export type Logger = pino.Logger;

export interface LoggerOptions {
  service: string;
  level?: string;
  /** Where lines go; standard error by default so standard output stays for command results. */
  destination?: pino.DestinationStream;
}

const REDACTED_PATHS = [
  'apiKey',
  '*.apiKey',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'headers["x-api-key"]',
  'email',
  '*.email',
  'phone',
  '*.phone',
  'payload',
  '*.payload',
];

export function createLogger(options: LoggerOptions): Logger {
  const destination = options.destination ?? pino.destination({ fd: 2, sync: false });

  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
