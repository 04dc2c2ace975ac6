export type OutputFormat = 'table' | 'json' | 'csv';

export function formatRows(rows: Record<string, unknown>[], format: OutputFormat): string {
  if (format === 'json') return JSON.stringify(rows, null, 2);
  if (format === 'csv') return toCsv(rows);
  return toTable(rows);
}

export function toTable(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return '(no rows)';
  const columns = Object.keys(rows[0]!);
  const cells = rows.map((row) => columns.map((c) => show(row[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const numeric = columns.map((c) => rows.every((row) => typeof row[c] === 'number' || row[c] === null));

  const line = (values: string[]) =>
    values.map((v, i) => (numeric[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

function toCsv(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return '';
  const columns = Object.keys(rows[0]!);
  const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return [columns.join(','), ...rows.map((row) => columns.map((c) => quote(show(row[c]))).join(','))].join('\n');
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
