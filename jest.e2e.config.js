// The HTTP tier: the whole application through supertest against the real PostgreSQL (test/support/test-app.ts),
// and the checks of the files under deploy/. Needs the build: `npm run test:e2e`.
import base from './jest.config.js';

export default { ...base, testMatch: ['<rootDir>/test/e2e/**/*.spec.ts', '<rootDir>/test/deploy/**/*.spec.ts'] };
