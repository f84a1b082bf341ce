// The unit tier: the pure specs beside the code (src/**/*.spec.ts), of the benchmark's helpers and of the tiers
// themselves (test/tiers.spec.ts); no build and no database, in seconds. `npm test` runs them too, with the service, e2e and browser tiers.
import base from './jest.config.js';

const { globalSetup: _setup, globalTeardown: _teardown, ...rest } = base;

export default {
  ...rest,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/bench/**/*.spec.ts', '<rootDir>/test/*.spec.ts'],
  testTimeout: 60_000,
};
