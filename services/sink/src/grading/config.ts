import { z } from 'zod';
import { resolveGradingConfig, type GradingConfig } from '@staystream/grading';

/** Settings of the daily grading job; the live path reads the same numbers from its snapshot. */
export const gradingConfig = {
  /** Currency every graded amount is in; facts in another currency stop the run (no FX table yet). */
  REPORTING_CURRENCY: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code').default('EUR'),
  /** When the daily run starts, a five-field cron pattern in UTC; `off` schedules nothing. */
  GRADING_CRON: z
    .string()
    .regex(/^(off|\S+(\s+\S+){4})$/, 'expected a five-field cron pattern or off')
    .default('5 0 * * *'),
  GRADING_WINDOW_MONTHS: z.coerce.number().int().min(1).max(240).default(36),
  GRADING_HALF_LIFE_MONTHS: z.coerce.number().positive().max(1200).default(12),
  GRADING_NEW_CUSTOMER_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
  /** Consecutive daily runs below the held tier before it drops one tier (the grace). */
  GRADING_DOWNGRADE_AFTER_RUNS: z.coerce.number().int().min(1).max(365).default(3),
  /** Attempts of a scheduled run before it fails. */
  GRADING_JOB_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  /** First wait before a retry, in ms; doubles with every attempt. */
  GRADING_RETRY_BACKOFF_MS: z.coerce.number().int().min(0).default(30_000),
};

type Settings = { readonly [K in keyof typeof gradingConfig]: z.infer<(typeof gradingConfig)[K]> };

/** The library's config from the environment's settings; checked once at start-up. */
export function gradingSettings(settings: Settings): GradingConfig {
  return resolveGradingConfig({
    windowMonths: settings.GRADING_WINDOW_MONTHS,
    halfLifeMonths: settings.GRADING_HALF_LIFE_MONTHS,
    newCustomerDays: settings.GRADING_NEW_CUSTOMER_DAYS,
    downgradeAfterRuns: settings.GRADING_DOWNGRADE_AFTER_RUNS,
    reportingCurrency: settings.REPORTING_CURRENCY,
  });
}

export type GradingSettings = Settings;
