import type { Logger } from '@staystream/logger';
import type { CliConfig } from '../config';
import { formatRows, type OutputFormat } from '../format';
import { openStore } from '../store';

export async function queryCommand(config: CliConfig, logger: Logger, sql: string, format: OutputFormat): Promise<number> {
  const store = await openStore(config, logger);
  try {
    const rows = await store.query(sql);
    console.log(formatRows(rows, format));
    return 0;
  } finally {
    await store.close();
  }
}
