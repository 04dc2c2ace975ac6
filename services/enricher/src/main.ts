#!/usr/bin/env node
import { onShutdown } from '@staystream/runtime';
import { loadEnricherConfig } from './config';
import { startEnricher } from './service';

async function main(): Promise<void> {
  const config = loadEnricherConfig();
  const enricher = await startEnricher(config);
  onShutdown(enricher.runtime.logger, config.SHUTDOWN_DEADLINE_MS, () => enricher.stop());
}

main().catch((error: unknown) => {
  console.error(`enricher failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
