#!/usr/bin/env node
import { loadEnricherConfig } from './config';
import { runReplay, type ReplayPlan } from './replay';

/**
 * The replay worker the `staystream replay` command starts: the plan comes as JSON in the
 * first argument, progress and the outcome go to stdout as JSON lines.
 */
async function main(): Promise<void> {
  const plan = JSON.parse(process.argv[2] ?? '') as ReplayPlan;
  const config = loadEnricherConfig();
  let lastReport = 0;

  const outcome = await runReplay(config, plan, (read, total) => {
    if (Date.now() - lastReport < 200 && read < total) return;
    lastReport = Date.now();
    process.stdout.write(JSON.stringify({ type: 'progress', read, total }) + '\n');
  });
  process.stdout.write(JSON.stringify({ type: 'outcome', ...outcome }) + '\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stdout.write(JSON.stringify({ type: 'error', message: error instanceof Error ? error.message : String(error) }) + '\n');
    process.exit(1);
  },
);
