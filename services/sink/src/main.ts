#!/usr/bin/env node
import { onShutdown } from '@staystream/runtime';
import { loadSinkConfig } from './config';
import { startSink } from './service';

async function main(): Promise<void> {
  const config = loadSinkConfig();
  const sink = await startSink(config);
  onShutdown(sink.runtime.logger, config.SHUTDOWN_DEADLINE_MS, () => sink.stop());
}

main().catch((error: unknown) => {
  console.error(`sink failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
