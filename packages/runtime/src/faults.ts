import type { FaultPoint } from '@staystream/config';
import { StaystreamError } from '@staystream/errors';
import type { Logger } from '@staystream/logger';

export interface FaultSettings {
  STAYSTREAM_FAULT?: FaultPoint | undefined;
  STAYSTREAM_FAULT_AT_BATCH: number;
}

/**
 * A test-only fault injector for the crash tests (issue #5). Each service passes every
 * batch through its fault points; the configured point fires once, on the configured batch:
 * a `kill` point ends the process with SIGKILL (no clean-up, like kill -9 from outside), a
 * `fail` point throws a retriable error. With no fault configured it does nothing.
 */
export class Faults {
  private reached = 0;
  private fired = false;

  constructor(
    private readonly settings: FaultSettings,
    private readonly logger: Logger,
  ) {}

  /** Ends the process if this is the configured kill point and batch. */
  kill(point: FaultPoint): void {
    if (!this.due(point)) return;
    this.logger.warn({ fault: point }, 'fault injected: killing the process');
    this.logger.flush();
    process.kill(process.pid, 'SIGKILL');
  }

  /** Throws a retriable error if this is the configured failure point and batch. */
  fail(point: FaultPoint): void {
    if (!this.due(point)) return;
    this.logger.warn({ fault: point }, 'fault injected: failing the operation');
    throw new StaystreamError('fault_injected', `fault injected at ${point}`, { retriable: true });
  }

  private due(point: FaultPoint): boolean {
    if (this.fired || this.settings.STAYSTREAM_FAULT !== point) return false;
    this.reached += 1;
    if (this.reached < this.settings.STAYSTREAM_FAULT_AT_BATCH) return false;
    this.fired = true;
    return true;
  }
}
