#!/usr/bin/env node
import { Command, Option } from 'commander';
import { createLogger } from '@staystream/logger';
import { loadCliConfig } from './config';
import { importCommand } from './commands/import';
import { infraCommand } from './commands/infra';
import { queryCommand } from './commands/query';
import { dlqCommand, type DlqFilter } from './commands/dlq';
import { fingerprintCommand } from './commands/fingerprint';
import { gradesDistributionCommand, gradesRunCommand, gradesShowCommand } from './commands/grades';
import { reconcileCommand } from './commands/reconcile';
import { replayCommand } from './commands/replay';
import { reportCommand } from './commands/report';
import { kpiReportCommand, refreshRollupsCommand, type KpiReportOptions } from './commands/kpi-report';
import { propertiesImportCommand } from './commands/properties';
import { resetCommand } from './commands/reset';
import { statusCommand } from './commands/status';
import { addSourceCommand, listSourcesCommand, revokeSourceCommand } from './commands/sources';
import {
  customersShowCommand,
  identityEvaluateCommand,
  identityProposalsCommand,
  identityScoreCommand,
  identitySplitCommand,
} from './commands/identity';
import type { OutputFormat } from './format';

const config = loadCliConfig();
const logger = createLogger({ service: 'cli', level: process.env.LOG_LEVEL ?? 'warn' });
const format = new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'csv']).default('table');

const program = new Command()
  .name('staystream')
  .description('Staystream: hotel guest data from collectors through Kafka into ClickHouse.')
  .showHelpAfterError();

program
  .command('infra')
  .description('install, start, stop or check Kafka, the schema registry and Redis')
  .argument('<action>', 'up, down or status')
  .argument('[components...]', 'kafka, registry, redis (all by default)')
  .action((action: string, components: string[]) => exit(infraCommand(config, action, components)));

program
  .command('import')
  .description('import a batch export (CSV, optionally gzipped) through the collector as a BullMQ job')
  .argument('<file>', 'the export file')
  .option('-a, --adapter <name>', 'the adapter to read it with (detected from the header by default)')
  .option('-n, --limit <rows>', 'stop after this many rows', (v) => parseInt(v, 10))
  .option('--no-wait', 'queue the job and return at once')
  .option('--no-progress', 'no progress bar')
  .option('--json', 'print the closing summary as JSON')
  .option('-p, --properties <file>', 'the file of the properties the rows refer to (booking-reviews: the per-hotel file)')
  .option('--synthetic-guests <seed>', 'give rows without guests seeded synthetic ones (hotel-bookings), to exercise identity resolution')
  .option('--truth-out <file>', 'with --synthetic-guests: where each guest record\'s true person is written', 'synthetic-guests-truth.csv')
  .action(async (file: string, options: { adapter?: string; limit?: number; wait: boolean; progress: boolean; json?: boolean; properties?: string; syntheticGuests?: string; truthOut?: string }) =>
    exit(await importCommand(config, file, options)),
  );

program
  .command('properties')
  .description('the properties dimension')
  .command('import')
  .description('post a properties CSV (our columns, or the Booking.com per-hotel file) to the collector; rejected rows name their field. Sends COLLECTOR_API_KEY (a key from `sources add`) unless the collector runs with COLLECTOR_AUTH=off')
  .argument('<csv>', 'the file (optionally gzipped)')
  .option('--json', 'print the result as JSON')
  .action(async (csv: string, options: { json?: boolean }) => exit(await propertiesImportCommand(config, csv, options)));

program
  .command('rollups')
  .description('the KPI rollups')
  .command('refresh')
  .description('recompute the KPI rollups from the facts now (they also refresh every minute)')
  .action(async () => exit(await refreshRollupsCommand(config, logger)));

program
  .command('query')
  .description('run a read-only SQL query against ClickHouse')
  .argument('<sql>', 'the query, e.g. "SELECT count() FROM staystream.reservations FINAL"')
  .addOption(format)
  .action(async (sql: string, options: { format: OutputFormat }) => exit(await queryCommand(config, logger, sql, options.format)));

program
  .command('report')
  .description('one KPI by place and period from the rollups; with no KPI, the main job\'s report')
  .argument('[kpi]', 'room_nights, occupancy, adr, revpar, length_of_stay, lead_time, cancellation_rate, no_show_rate, channel_mix, segment_mix, source_market, repeat_guest_rate, review_score or nps')
  .addOption(format)
  .addOption(new Option('--by <place>', 'roll up to').choices(['property', 'city', 'region', 'country', 'h3']).default('property'))
  .addOption(new Option('--grain <grain>', 'period').choices(['day', 'week', 'month']).default('month'))
  .option('--from <date>', 'first local date (YYYY-MM-DD); needed with a KPI')
  .option('--to <date>', 'last local date (YYYY-MM-DD); needed with a KPI')
  .option('--near <lat,lon>', 'only properties around this point (with --radius-km)')
  .option('--radius-km <km>', 'the radius around --near')
  .option('--h3-resolution <n>', 'H3 resolution for --by h3 (0-15)', '7')
  .action(async (kpi: string | undefined, options: KpiReportOptions & { format: OutputFormat }) =>
    exit(kpi ? await kpiReportCommand(config, logger, kpi, options) : await reportCommand(config, logger, options.format)),
  );

program
  .command('reconcile')
  .description('account for every accepted event per source: loaded, rejected or pending; exits 1 if any is unaccounted for')
  .option('--json', 'print the accounts as JSON')
  .action(async (options: { json?: boolean }) => exit(await reconcileCommand(config, logger, Boolean(options.json))));

program
  .command('replay')
  .description('replay raw topics through enrichment and the sink with a consumer group of its own; idempotent')
  .option('-t, --topics <names>', 'raw topics to replay, comma-separated: reservations, stays, feedback (all by default)')
  .option('--from <position>', 'an offset, an ISO time, "beginning" (default) or "end"')
  .option('--to <position>', 'an offset, an ISO time, "beginning" or "end" (default: the end as of now)')
  .option('-p, --property <id>', 'only re-derive the events of this property')
  .option('--id <id>', 'the replay id (group staystream-replay-<id>); the same id resumes a stopped replay')
  .option('--dry-run', 'print what would be replayed and stop')
  .option('--no-wait', 'do not wait for the sink to load what the replay produced')
  .option('--no-progress', 'no progress bar')
  .option('--json', 'print the plan or the summary as JSON')
  .action(async (options: { topics?: string; from?: string; to?: string; property?: string; id?: string; dryRun?: boolean; wait: boolean; progress: boolean; json?: boolean }) =>
    exit(
      await replayCommand(config, logger, {
        ...options,
        dryRun: Boolean(options.dryRun),
        waitForSink: options.wait,
        json: Boolean(options.json),
      }),
    ),
  );

program
  .command('dlq')
  .description('list dead letters by stage and reason, or replay fixed ones through the pipeline')
  .argument('<action>', 'list or replay')
  .addOption(new Option('--stage <stage>', 'only this stage').choices(['collect', 'decode', 'validate', 'enrich', 'identity', 'grade', 'load']))
  .option('--reason <code>', 'only this reason code')
  .option('--id <dlq_id>', 'only this dead letter')
  .option('--dry-run', 'replay: count what would be replayed')
  .option('--json', 'print as JSON')
  .action(async (action: string, options: DlqFilter & { dryRun?: boolean; json?: boolean }) =>
    exit(await dlqCommand(config, logger, action, options, { dryRun: Boolean(options.dryRun), json: Boolean(options.json) })),
  );

program
  .command('fingerprint')
  .description('a hash of every analytics table (FINAL rows, ingestion times excluded): equal after any replay')
  .option('--json', 'print per table as JSON')
  .action(async (options: { json?: boolean }) => exit(await fingerprintCommand(config, logger, Boolean(options.json))));

/** Exits once the log is flushed; open client handles (Kafka, Redis) must not keep us alive. */
program
  .command('status')
  .description('consumer lag per group and partition, dead letters by reason, last event per property')
  .option('--json', 'print as JSON')
  .option('--lag-only', 'only the consumer lag (does not open ClickHouse)')
  .action(async (options: { json?: boolean; lagOnly?: boolean }) =>
    exit(await statusCommand(config, logger, { json: Boolean(options.json), lagOnly: Boolean(options.lagOnly) })),
  );

program
  .command('reset')
  .description('delete this namespace\'s topics, consumer groups, Redis keys and ClickHouse database (services stopped)')
  .requiredOption('--yes', 'confirm: this deletes data')
  .action(async () => exit(await resetCommand(config, logger)));

const sources = program
  .command('sources')
  .description('the systems allowed to send events over HTTP, each with its own API key (stored hashed)');

sources
  .command('add')
  .description('create a source and print its API key once')
  .argument('<id>', 'a name for the sending system, e.g. lisbon-pms')
  .requiredOption('-p, --properties <ids>', 'comma-separated property ids it may send for, or * for all')
  .option('-t, --types <types>', 'comma-separated event types: reservation, stay, feedback, property (all by default)')
  .option('--json', 'print the source and its key as JSON')
  .action(async (id: string, options: { properties: string; types?: string; json?: boolean }) =>
    exit(await addSourceCommand(config, id, options)),
  );

sources
  .command('list')
  .description('list the sources: scope, key hint, created and revoked times (never the keys)')
  .option('--json', 'print as JSON')
  .action(async (options: { json?: boolean }) => exit(await listSourcesCommand(config, Boolean(options.json))));

sources
  .command('revoke')
  .description('revoke a source: its key is refused from now on')
  .argument('<id>', 'the source')
  .action(async (id: string) => exit(await revokeSourceCommand(config, id)));

const identity = program.command('identity').description('guest identity resolution: evaluate, review proposals, split');

identity
  .command('evaluate')
  .description("run the enricher's resolver over a labelled CSV (no Kafka) and print precision, recall, F1, B-cubed and records/s")
  .argument('<csv>', 'the labelled file')
  .requiredOption('-t, --truth <column|pairs-file>', 'a truth column (cluster, rec_id) or a file of labelled pairs')
  .option('--id-column <name>', 'the record id column (detected by default)')
  .addOption(new Option('--birth-date-veto <mode>', 'when differing birth dates forbid a link').choices(['unless_swap', 'unless_swap_or_typo', 'off']))
  .option('--json', 'print the figures as JSON')
  .action(async (csv: string, options: { truth: string; idColumn?: string; birthDateVeto?: 'unless_swap' | 'unless_swap_or_typo' | 'off'; json?: boolean }) =>
    exit(await identityEvaluateCommand(csv, options)),
  );

identity
  .command('score')
  .description('precision and recall of the pipeline\'s customers against a truth file (record_id,person_id), e.g. of synthetic guests')
  .requiredOption('-t, --truth <file>', 'the truth CSV written by `import --synthetic-guests`')
  .option('--json', 'print the figures as JSON')
  .action(async (options: { truth: string; json?: boolean }) => exit(await identityScoreCommand(config, logger, options.truth, Boolean(options.json))));

identity
  .command('proposals')
  .description('merges the resolver would not make on its own (the review band)')
  .option('--tenant <id>', 'the tenant', 'default')
  .addOption(format)
  .action(async (options: { tenant: string; format: OutputFormat }) => exit(await identityProposalsCommand(config, options.tenant, options.format)));

identity
  .command('split')
  .description('move records out of a customer into a new one, audited; the two are never linked again')
  .argument('<customer>', 'the customer id')
  .argument('<records...>', 'the record ids to move (see `staystream customers show`)')
  .requiredOption('--reason <text>', 'why: kept on the audit record')
  .option('--actor <name>', 'who asks', process.env.USER ?? 'operator')
  .option('--tenant <id>', 'the tenant', 'default')
  .action(async (customer: string, records: string[], options: { reason: string; actor: string; tenant: string }) =>
    exit(await identitySplitCommand(config, logger, customer, records, options)),
  );

program
  .command('customers')
  .description('look at customers')
  .command('show')
  .description('a customer: golden record, source records and why each was linked, merges and splits')
  .argument('<customer>', 'the customer id')
  .option('--tenant <id>', 'the tenant', 'default')
  .action(async (customer: string, options: { tenant: string }) => exit(await customersShowCommand(config, logger, customer, options.tenant)));

const grades = program.command('grades').description('customer value grades: the daily run, one explained grade, the distribution');
grades
  .command('run')
  .description('grade every customer as of a day (yesterday by default) with the daily job, and wait for it')
  .option('--as-of <date>', 'the day to grade, YYYY-MM-DD')
  .option('--no-wait', 'queue the job and return at once')
  .option('--no-progress', 'no progress lines')
  .option('--json', 'print the summary as JSON')
  .action(async (options: { asOf?: string; wait: boolean; progress: boolean; json?: boolean }) =>
    exit(await gradesRunCommand(config, options)),
  );
grades
  .command('show')
  .description("a customer's grade with its explanation and history")
  .argument('<customer>', 'the customer id')
  .option('--as-of <date>', 'the grade in force on this day (time travel)')
  .option('--json', 'print as JSON')
  .action(async (customer: string, options: { asOf?: string; json?: boolean }) =>
    exit(await gradesShowCommand(config, logger, customer, options)),
  );
grades
  .command('distribution')
  .description('customers per tier in the latest daily run, overall or by property or country')
  .addOption(new Option('--by <dimension>', 'split by').choices(['property', 'country']))
  .option('--as-of <date>', 'the latest run up to this day')
  .addOption(format)
  .action(async (options: { by?: string; asOf?: string; format: OutputFormat }) =>
    exit(await gradesDistributionCommand(config, logger, options)),
  );

function exit(code: number): void {
  logger.flush(() => process.exit(code));
}

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
