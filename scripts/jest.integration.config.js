// The integration suites: they need scripts/infra.sh up (scripts/test.sh starts it).
// Timeouts are global options in a multi-project run, so they are set here, not in the preset.
const path = require('node:path');

module.exports = {
  rootDir: path.resolve(__dirname, '..'),
  projects: ['<rootDir>/e2e/jest.integration.config.js'],
  testTimeout: 180_000,
  forceExit: true,
};
