// Integration tests need the real Kafka, registry, Redis and ClickHouse (scripts/test.sh starts them).
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/integration'],
  testMatch: ['**/*.int.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
  },
  testTimeout: 120_000,
  maxWorkers: 1,
  detectOpenHandles: false,
  forceExit: true,
};
