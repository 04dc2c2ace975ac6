import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StaystreamError } from '@staystream/errors';
import type { CliConfig } from '../config';

/** The repository root: STAYSTREAM_ROOT, or the nearest folder above this file with turbo.json. */
export function repoRoot(config: CliConfig): string {
  if (config.STAYSTREAM_ROOT) return config.STAYSTREAM_ROOT;
  let dir = __dirname;
  while (dir !== path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'turbo.json'))) return dir;
    dir = path.dirname(dir);
  }
  throw new StaystreamError('repo_root_unknown', 'cannot find the Staystream checkout; set STAYSTREAM_ROOT');
}

/** `infra up|down|status` runs the project's own script, which installs and starts what it needs. */
export function infraCommand(config: CliConfig, action: string, components: string[]): number {
  const script = path.join(repoRoot(config), 'scripts', 'infra.sh');
  const result = spawnSync('bash', [script, action, ...components], { stdio: 'inherit' });
  return result.status ?? 1;
}
