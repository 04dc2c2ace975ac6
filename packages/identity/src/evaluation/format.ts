import type { DatasetEvaluation, EvaluationResult } from './evaluate';
import type { PrecisionRecall } from './metrics';

/** A small fixed-width table of one evaluation, for the CLI. */
export function formatEvaluation(result: EvaluationResult | DatasetEvaluation): string {
  const { counts, stats } = result;
  const title =
    'dataset' in result ? `${result.dataset} (truth ${result.truthSource})` : 'evaluation';
  const table: Array<[string, string, string, string]> = [
    ['', 'precision', 'recall', 'F1'],
    ['pairwise', ...triple(result.pairwise)],
    ['B-cubed', ...triple(result.bcubed)],
  ];
  const rate = Math.round(result.recordsPerSecond);
  const cpuRate = Math.round(result.recordsPerCpuSecond);

  const lines = [
    title,
    ...table.map(([label, ...cells]) => label.padEnd(10) + cells.map(cell).join('')),
    '',
    line('records', counts.records, 'customers', counts.predictedClusters),
    line('true persons', counts.truthClusters),
    line('pairs true', counts.truePairs, 'predicted', counts.predictedPairs),
    line('correct', counts.correctPairs),
    `links ${formatCounts(stats.linksByRule)}`,
    line('merges', stats.merges, 'proposals', stats.proposals),
    `vetoes ${formatCounts(stats.vetoesByReason)}`,
    line('resolve ms', Math.round(result.resolveMs), 'records/s', rate),
    line('cpu ms', Math.round(result.cpuMs), 'records/cpu-s', cpuRate),
  ];
  return lines.join('\n');
}

function cell(text: string): string {
  return text.padStart(10);
}

/** "label value  label value", the shape of every line under the table. */
function line(...pairs: Array<string | number>): string {
  const parts: string[] = [];
  for (let i = 0; i + 1 < pairs.length; i += 2) parts.push(`${pairs[i]} ${pairs[i + 1]}`);
  return parts.join('  ');
}

function triple(metrics: PrecisionRecall): [string, string, string] {
  return [metrics.precision.toFixed(4), metrics.recall.toFixed(4), metrics.f1.toFixed(4)];
}

function formatCounts(counts: Partial<Record<string, number>>): string {
  const entries = Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1));
  return entries.length === 0 ? 'none' : entries.map(([key, n]) => `${key}=${n}`).join(' ');
}
