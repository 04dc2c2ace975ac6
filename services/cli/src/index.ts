export { reconcile } from './commands/reconcile';
export type { Reconciliation, SourceAccount } from './commands/reconcile';
export { sections as reportSections } from './commands/report';
export { formatRows, toTable } from './format';
export type { OutputFormat } from './format';
