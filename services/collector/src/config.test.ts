import { ConfigError } from '@staystream/config';
import { loadCollectorConfig } from './config';

describe('loadCollectorConfig', () => {
  it('has safe defaults for the limits', () => {
    expect(loadCollectorConfig({})).toMatchObject({
      COLLECTOR_AUTH: 'required',
      COLLECTOR_BODY_LIMIT_BYTES: 5 * 1024 * 1024,
      COLLECTOR_MAX_EVENTS_PER_REQUEST: 5_000,
      COLLECTOR_RATE_LIMIT_REQUESTS: 600,
      COLLECTOR_RATE_LIMIT_WINDOW_MS: 60_000,
      SHUTDOWN_DEADLINE_MS: 20_000,
    });
  });

  it.each([
    ['an unknown auth mode', { COLLECTOR_AUTH: 'maybe' }, /COLLECTOR_AUTH="maybe": .*required.*off/],
    ['a body limit that is not a number', { COLLECTOR_BODY_LIMIT_BYTES: '5MB' }, /COLLECTOR_BODY_LIMIT_BYTES="5MB"/],
    ['a rate limit of zero', { COLLECTOR_RATE_LIMIT_REQUESTS: '0' }, /COLLECTOR_RATE_LIMIT_REQUESTS="0": .*>=1/],
    ['a short pepper', { SOURCE_KEY_PEPPER: 'short' }, /SOURCE_KEY_PEPPER=\(secret, 5 characters\): must be at least 16 characters/],
  ])('stops on %s, naming the key, the value and what is accepted', (_label, env, message) => {
    expect(() => loadCollectorConfig(env)).toThrow(ConfigError);
    expect(() => loadCollectorConfig(env)).toThrow(message);
  });
});
