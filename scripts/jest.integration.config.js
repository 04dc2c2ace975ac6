// The integration suites: they need scripts/infra.sh up (scripts/test.sh starts it).
const path = require('node:path');

module.exports = {
  rootDir: path.resolve(__dirname, '..'),
  projects: ['<rootDir>/e2e/jest.integration.config.js'],
};
