import { randomBytes } from 'node:crypto';

/** A name no other test run uses: letters, digits and underscores only. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/**
 * Polls until the probe returns a value that satisfies the condition, or fails with the
 * last value seen once the deadline passes. No fixed sleeps in tests.
 */
export async function pollUntil<T>(
  probe: () => Promise<T>,
  condition: (value: T) => boolean,
  { timeoutMs = 60_000, intervalMs = 250, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;

  while (Date.now() < deadline) {
    try {
      last = await probe();
      if (condition(last)) return last;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : ` (last value: ${JSON.stringify(last)})`;
  throw new Error(`${what} not met within ${timeoutMs} ms${detail}`);
}
