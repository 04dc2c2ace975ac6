// Every workspace's unit tests in one run; each project keeps its own preset and tsconfig.
const path = require('node:path');
const root = path.resolve(__dirname, '..');

module.exports = {
  rootDir: root,
  projects: ['<rootDir>/packages/*/package.json', '<rootDir>/schemas/package.json', '<rootDir>/services/*/package.json']
    .map((p) => p.replace('/package.json', '')),
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
