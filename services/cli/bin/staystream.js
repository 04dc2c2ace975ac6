#!/usr/bin/env node
// The `staystream` command (`npx staystream`): the built CLI. Kept outside dist/ so that npm can
// link it before the first build; any of the scripts in scripts/ builds it.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const main = path.join(__dirname, '..', 'dist', 'main.js');
if (!fs.existsSync(main)) {
  process.stderr.write('staystream: the CLI is not built yet; run `npm run build` (or any scripts/*.sh) first\n');
  process.exit(1);
}
require(main);
