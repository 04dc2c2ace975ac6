export { loadCliConfig } from './config';
export type { CliConfig } from './config';
export { runImportCommand } from './commands/import';
export { reconcile } from './commands/reconcile';
export type { Reconciliation, SourceAccount } from './commands/reconcile';
export { sections as reportSections } from './commands/report';
export { formatRows, toTable } from './format';
export type { OutputFormat } from './format';
