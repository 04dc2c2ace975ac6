#!/usr/bin/env node
import { onShutdown } from '@staystream/runtime';
import { loadCollectorConfig } from './config';
import { startCollector } from './service';

async function main(): Promise<void> {
  const config = loadCollectorConfig();
  const collector = await startCollector(config);
  onShutdown(collector.runtime.logger, config.SHUTDOWN_DEADLINE_MS, () => collector.stop());
}

main().catch((error: unknown) => {
  console.error(`collector failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
