import { randomBytes } from 'node:crypto';

/** A name no other test run uses: letters, digits and underscores only. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/**
 * Polls until the probe returns a value that satisfies the condition, or fails with the
 * last value (or error) seen once the deadline passes. No fixed sleeps in tests.
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
      lastError = undefined;
      if (condition(last)) return last;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  // NOTE: not `instanceof Error`: errors of Node's own realm (fetch's) fail that test under jest.
  const detail = lastError !== undefined ? ` (last error: ${describe(lastError)})` : ` (last value: ${JSON.stringify(last)})`;
  throw new Error(`${what} not met within ${timeoutMs} ms${detail}`);
}

function describe(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
