#!/usr/bin/env node
// Identity resolution benchmark: pairwise and B-cubed precision/recall/F1 and records per second
// on the febrl and splink record-linkage datasets, against the targets of the identity issue.
//
// Usage (from the repository root, after `npx tsc -b packages/identity`):
//   node bench/identity-bench.js [datasets-dir]
//
// The datasets directory is, in order: the first argument, $STAYSTREAM_DATASETS, or
// path.resolve(repoRoot, '..', 'shared', 'datasets') — the shared folder beside the checkout.
// Each run resolves the records in file order with a fresh in-memory store on one thread;
// records/s is measured around resolveAll only, after one untimed warm-up pass.
'use strict';

const path = require('node:path');
const { formatEvaluation, runEvaluation } = require(
  path.join(__dirname, '..', 'packages', 'identity', 'dist'),
);

const repoRoot = path.resolve(__dirname, '..');
const datasets =
  process.argv[2] ??
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
  return runEvaluation({ csvPath: path.join(linkage, run.csv), truth, options });
}

function summaryRow(config, run, result) {
  const f1 = result.pairwise.f1;
  const target =
    run.targetF1 === undefined
      ? ''
      : `${f1 >= run.targetF1 ? 'meets' : 'misses'} ≥ ${run.targetF1}`;
  const speed = result.recordsPerSecond >= TARGET_RECORDS_PER_SECOND ? 'meets' : 'misses';
  return [
    config.name.padEnd(18),
    `${result.dataset} (${result.truthSource})`.padEnd(48),
    f1.toFixed(4).padStart(8),
    result.bcubed.f1.toFixed(4).padStart(8),
    String(Math.round(result.recordsPerSecond)).padStart(8),
    `  ${target}`.padEnd(16),
    `speed ${speed}`,
  ].join(' ');
}

async function main() {
  await evaluateRun(RUNS[2], {}); // warm-up: lets V8 compile the hot paths before timing

  const summary = [];
  for (const config of CONFIGS) {
    console.log(`\n=== options: ${config.name} ${JSON.stringify(config.options)}\n`);
    for (const run of RUNS) {
      const result = await evaluateRun(run, config.options);
      console.log(formatEvaluation(result), '\n');
      summary.push(summaryRow(config, run, result));
    }
  }

  console.log('=== summary (pairwise F1, B-cubed F1, records/s; speed target ≥ 5,000/s)\n');
  console.log(summary.join('\n'));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
