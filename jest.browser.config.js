// The browser tier: the pages in a real Chromium (test/browser/harness.ts). Needs the build: `npm run test:browser`.
import base from './jest.config.js';

export default { ...base, testMatch: ['<rootDir>/test/browser/**/*.spec.ts'] };
