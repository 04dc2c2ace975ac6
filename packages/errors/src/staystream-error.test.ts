import { StaystreamError, isRetriable, toStaystreamError } from './staystream-error';
import { ValidationError } from './validation-error';

describe('isRetriable', () => {
  it.each([
    ['a retriable StaystreamError', new StaystreamError('broker', 'down', { retriable: true }), true],
    ['a non-retriable StaystreamError', new StaystreamError('config', 'bad'), false],
    ['a TypeError', new TypeError('x is undefined'), false],
    ['a plain Error', new Error('boom'), false],
    ['a string', 'boom', false],
  ])('answers for %s', (_label, error, expected) => {
    expect(isRetriable(error)).toBe(expected);
  });
});

describe('toStaystreamError', () => {
  it('keeps the cause of a foreign error', () => {
    const cause = new Error('socket hang up');
    const wrapped = toStaystreamError(cause, 'kafka_unavailable');

    expect(wrapped.code).toBe('kafka_unavailable');
    expect(wrapped.cause).toBe(cause);
  });
});

describe('ValidationError', () => {
  it('summarises the first issue with its field', () => {
    const error = new ValidationError([
      { field: 'body.arrival_date', code: 'invalid_date', message: 'expected YYYY-MM-DD' },
    ]);

    expect(error.message).toBe('body.arrival_date: expected YYYY-MM-DD');
    expect(error.retriable).toBe(false);
  });
});
