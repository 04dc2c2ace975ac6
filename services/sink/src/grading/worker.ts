import type { ClickHouse } from '@staystream/clickhouse';
import type { InfraConfig } from '@staystream/config';
import { StaystreamError } from '@staystream/errors';
import type { Logger } from '@staystream/logger';
import {
  createQueue,
  createRedis,
  createWorker,
  queuePrefix,
  UnrecoverableError,
  type GradingJobResult,
  type Job,
} from '@staystream/queue';
import { gradingSettings, type GradingSettings } from './config';
import { runGradingDay, type GradingHooks } from './daily';
import { LivePublisher } from './publish';
import { GradingStore } from './store';

export const DAILY_SCHEDULER_ID = 'grading-daily';

export interface GradingService {
  stop(): Promise<void>;
}

export interface GradingServiceOptions {
  config: InfraConfig & GradingSettings;
  clickhouse: ClickHouse;
  logger: Logger;
  hooks?: GradingHooks;
}

/**
 * The daily grading job: a BullMQ worker in the process that owns the store, and a repeatable
 * schedule (GRADING_CRON, UTC) whose runs grade the day that just ended. `grades run` in the
 * CLI queues the same job for any day.
 */
export async function startGrading(options: GradingServiceOptions): Promise<GradingService> {
  const { config, clickhouse, hooks } = options;
  const logger = options.logger.child({ module: 'grading' });
  const gradingConfig = gradingSettings(config);
  const namespace = `staystream:${config.TOPIC_PREFIX || 'main'}`;
  const prefix = queuePrefix(config.TOPIC_PREFIX);

  const redis = createRedis(config.REDIS_URL);
  const deps = {
    store: new GradingStore(clickhouse),
    publisher: new LivePublisher(redis, namespace),
    config: gradingConfig,
    logger,
    hooks,
  };

  const worker = createWorker(
    'grading',
    redis,
    async (job): Promise<GradingJobResult> => {
      const asOf = job.data.asOf ?? dayBeforeSchedule(job);
      logger.info({ jobId: job.id, asOf, attempt: job.attemptsMade }, 'grading run started');
      try {
        return await runGradingDay(deps, asOf, {
          attempt: job.attemptsMade,
          progress: (progress) => job.updateProgress(progress),
        });
      } catch (error) {
        throw finalIfHopeless(error);
      }
    },
    { prefix },
  );
  worker.on('failed', (job, error) =>
    logger.error({ jobId: job?.id, attempt: job?.attemptsMade, err: error }, 'grading run failed'),
  );

  const queue = createQueue('grading', redis, prefix);
  await schedule(queue, config);
  logger.info({ queue: queue.name, reason: config.GRADING_CRON }, 'grading worker running');

  return {
    async stop() {
      await worker.close();
      await queue.close();
      await redis.quit().catch(() => undefined);
    },
  };
}

async function schedule(
  queue: ReturnType<typeof createQueue<'grading'>>,
  config: GradingSettings,
): Promise<void> {
  if (config.GRADING_CRON === 'off') {
    await queue.removeJobScheduler(DAILY_SCHEDULER_ID);
    return;
  }

  await queue.upsertJobScheduler(
    DAILY_SCHEDULER_ID,
    { pattern: config.GRADING_CRON, tz: 'UTC' },
    {
      name: 'grade',
      data: {},
      opts: {
        attempts: config.GRADING_JOB_ATTEMPTS,
        backoff: { type: 'exponential', delay: config.GRADING_RETRY_BACKOFF_MS },
        removeOnComplete: { age: 30 * 24 * 3600 },
        removeOnFail: { age: 30 * 24 * 3600 },
      },
    },
  );
}

/** A scheduled run grades the UTC day before the moment it was scheduled for. */
function dayBeforeSchedule(job: Job): string {
  const scheduledAt = job.timestamp + (job.delay ?? 0);
  return new Date(scheduledAt - 86_400_000).toISOString().slice(0, 10);
}

/** Settings and input errors fail the job at once; anything else may succeed on a retry. */
function finalIfHopeless(error: unknown): unknown {
  const hopeless =
    error instanceof RangeError ||
    (error instanceof StaystreamError && error.code.startsWith('grading_'));
  return hopeless && error instanceof Error ? new UnrecoverableError(error.message) : error;
}
