import { pollUntil, uniqueName } from './helpers';

describe('uniqueName', () => {
  it('gives different names on each call', () => {
    expect(uniqueName('t')).not.toBe(uniqueName('t'));
    expect(uniqueName('t')).toMatch(/^t_[a-z0-9]+_[0-9a-f]{6}$/);
  });
});

describe('pollUntil', () => {
  it('resolves with the first value that satisfies the condition', async () => {
    let n = 0;
    await expect(pollUntil(async () => ++n, (v) => v >= 3, { intervalMs: 1 })).resolves.toBe(3);
  });

  it('fails with the last value after the deadline', async () => {
    await expect(pollUntil(async () => 1, (v) => v > 1, { timeoutMs: 30, intervalMs: 5, what: 'more' })).rejects.toThrow(
      /more not met within 30 ms \(last value: 1\)/,
    );
  });

  it('names the last error, also one that is not an Error of this realm', async () => {
    const foreign = { name: 'TypeError', message: 'fetch failed' };
    await expect(
      pollUntil(async () => Promise.reject(foreign), () => true, { timeoutMs: 20, intervalMs: 5, what: 'ready' }),
    ).rejects.toThrow(/ready not met within 20 ms \(last error: fetch failed\)/);
  });
});
