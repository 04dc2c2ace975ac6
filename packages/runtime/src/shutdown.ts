import type { Logger } from '@staystream/logger';

/**
 * Runs the service's stop steps once on SIGTERM or SIGINT, within a deadline, then exits:
 * 0 when every step finished in time, 1 otherwise.
 */
export function onShutdown(logger: Logger, deadlineMs: number, stop: () => Promise<void>): void {
  let stopping = false;

  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, durationMs: deadlineMs }, 'shutting down');

    const timer = setTimeout(() => {
      logger.error({ durationMs: deadlineMs }, 'shutdown deadline passed');
      process.exit(1);
    }, deadlineMs);
    timer.unref();

    stop()
      .then(() => {
        logger.info('stopped');
        logger.flush();
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };

  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
}
