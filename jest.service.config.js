// The service tier: the application's services called directly (a Nest application context, no HTTP) against
// the real PostgreSQL, one database cloned from the migrated template per spec file (test/support/service-context.ts).
// Needs the build (the global setup migrates from dist/): `npm run test:service`.
import base from './jest.config.js';

export default { ...base, testMatch: ['<rootDir>/test/service/**/*.spec.ts'] };
