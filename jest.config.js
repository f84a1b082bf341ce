// Jest in ESM mode (NestJS 12 is ESM-only), TypeScript through SWC with legacy decorators and metadata.
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: true,
};

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  // Generous: the machines are shared and noisy; a hung test still fails, a slow machine does not.
  testTimeout: 600_000,
  maxWorkers: 2,
  // Each file of the database tiers loads the whole application into the worker's module registry, and the ESM
  // registries are not all given back: a worker that went through ~140 files reached V8's 4 GB heap and crashed
  // (the session-10 run with 32 service files). A worker above this after a file is replaced by a fresh one.
  workerIdleMemoryLimit: '1GB',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.mjs'],
};
