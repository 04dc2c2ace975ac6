export interface StaystreamErrorOptions {
  /** Whether trying the same operation again may succeed (a broker restart, a timeout). */
  retriable?: boolean;
  cause?: unknown;
}

/** The one error base: a stable machine-readable code, a retriable flag and the original cause. */
export class StaystreamError extends Error {
  readonly code: string;
  readonly retriable: boolean;

  constructor(code: string, message: string, options: StaystreamErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'StaystreamError';
    this.code = code;
    this.retriable = options.retriable ?? false;
  }
}

const PROGRAMMER_ERRORS = [TypeError, RangeError, ReferenceError, SyntaxError];

/** Programmer errors are never retriable; ours say so themselves; anything else is not. */
export function isRetriable(error: unknown): boolean {
  if (PROGRAMMER_ERRORS.some((kind) => error instanceof kind)) return false;
  return error instanceof StaystreamError && error.retriable;
}

export function toStaystreamError(error: unknown, code = 'internal'): StaystreamError {
  if (error instanceof StaystreamError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StaystreamError(code, message, { cause: error });
}
