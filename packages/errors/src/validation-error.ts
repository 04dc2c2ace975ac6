import { StaystreamError } from './staystream-error';

/** One problem with one field of an input: the path to it, a stable code and a sentence. */
export interface FieldIssue {
  field: string;
  code: string;
  message: string;
}

export class ValidationError extends StaystreamError {
  readonly issues: FieldIssue[];

  constructor(issues: FieldIssue[]) {
    const first = issues[0];
    const summary = first ? `${first.field}: ${first.message}` : 'invalid input';
    super('validation_failed', summary);
    this.name = 'ValidationError';
    this.issues = issues;
  }
}
