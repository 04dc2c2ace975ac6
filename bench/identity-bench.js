#!/usr/bin/env node
// Identity resolution benchmark: pairwise and B-cubed precision/recall/F1 and records per second
// on the febrl and splink record-linkage datasets, against the targets of the identity issue.
//
// Usage (from the repository root, after `npx tsc -b packages/identity`):
//   node bench/identity-bench.js [datasets-dir] [--synthetic[=rows]]
//
// The datasets directory is, in order: the first argument, $STAYSTREAM_DATASETS, or
// path.resolve(repoRoot, '..', 'shared', 'datasets') — the shared folder beside the checkout.
// Each run resolves the records in file order with a fresh in-memory store on one thread;
// records/s is measured around resolveAll only (wall clock, and process CPU time beside it),
// after one untimed warm-up pass.
//
// --synthetic also resolves the guests the seeded generator (seed 42) makes for the first `rows`
// rows of hotel_bookings/hotel_bookings.csv (all 119,390 rows when no number is given: ~1 min).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { parse } = require('csv-parse/sync');
const identity = require(path.join(__dirname, '..', 'packages', 'identity', 'dist'));

const repoRoot = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const syntheticArg = args.find((arg) => arg.startsWith('--synthetic'));
const datasets =
  args.find((arg) => !arg.startsWith('--')) ??
  process.env.STAYSTREAM_DATASETS ??
  path.resolve(repoRoot, '..', 'shared', 'datasets');
const linkage = path.join(datasets, 'record_linkage');

const RUNS = [
  { csv: 'febrl/febrl_dataset1.csv', truth: 'rec_id' },
  { csv: 'febrl/febrl_dataset2.csv', truth: 'rec_id' },
  { csv: 'febrl/febrl_dataset3.csv', truth: 'rec_id', targetF1: 0.95 },
  { csv: 'splink/fake_1000.csv', truth: 'cluster', targetF1: 0.85 },
  { csv: 'splink/fake_1000.csv', truth: 'splink/fake_1000_labels.csv' },
];

/** The default options, then the one documented alternative: birth dates weigh but never veto. */
const CONFIGS = [
  { name: 'default', options: {} },
  { name: 'birthDateVeto=off', options: { birthDateVeto: 'off' } },
];

const TARGET_RECORDS_PER_SECOND = 5000;

async function evaluateRun(run, options) {
  const truth = run.truth.endsWith('.csv') ? path.join(linkage, run.truth) : run.truth;
  return identity.runEvaluation({ csvPath: path.join(linkage, run.csv), truth, options });
}

function summaryRow(configName, targetF1, result) {
  const f1 = result.pairwise.f1;
  const target =
    targetF1 === undefined ? '' : `${f1 >= targetF1 ? 'meets' : 'misses'} ≥ ${targetF1}`;
  const speed = result.recordsPerSecond >= TARGET_RECORDS_PER_SECOND ? 'meets' : 'misses';
  return [
    configName.padEnd(18),
    `${result.dataset} (${result.truthSource})`.padEnd(44),
    f1.toFixed(4).padStart(7),
    result.bcubed.f1.toFixed(4).padStart(7),
    String(Math.round(result.recordsPerSecond)).padStart(7),
    String(Math.round(result.recordsPerCpuSecond)).padStart(7),
    `  ${target}`.padEnd(16),
    `speed ${speed}`,
  ].join(' ');
}

/** Generated guests for the booking rows, resolved with the hotels' own phones as placeholders. */
async function runSynthetic(arg) {
  const limit = Number(arg.split('=')[1] ?? Infinity);
  const file = path.join(datasets, 'hotel_bookings', 'hotel_bookings.csv');
  const rows = parse(fs.readFileSync(file, 'utf8'), { columns: true }).slice(0, limit);

  const generator = identity.createGuestGenerator(42);
  const records = [];
  const truth = new Map();
  for (const row of rows) {
    const booking = generator.next(row);
    booking.guests.forEach((guest, i) => {
      records.push(guest);
      truth.set(guest.recordId, booking.truth[i]);
    });
  }

  const options = { propertyCountry: 'PT', propertyPhones: identity.SYNTHETIC_PROPERTY_PHONES };
  const result = await identity.evaluate(records, truth, options);
  const dataset = `synthetic, ${rows.length} rows`;
  console.log(`\n=== ${dataset} (seed 42)\n\n${identity.formatEvaluation(result)}\n`);
  return summaryRow('default', undefined, { ...result, dataset, truthSource: 'generator' });
}

async function main() {
  await evaluateRun(RUNS[2], {}); // warm-up: lets V8 compile the hot paths before timing

  const summary = [];
  for (const config of CONFIGS) {
    console.log(`\n=== options: ${config.name} ${JSON.stringify(config.options)}\n`);
    for (const run of RUNS) {
      const result = await evaluateRun(run, config.options);
      console.log(identity.formatEvaluation(result), '\n');
      summary.push(summaryRow(config.name, run.targetF1, result));
    }
  }
  if (syntheticArg !== undefined) summary.push(await runSynthetic(syntheticArg));

  console.log('=== summary: pairwise F1, B-cubed F1, records/s (wall), records/s (CPU)\n');
  console.log(summary.join('\n'));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
