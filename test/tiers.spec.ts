// The test tiers split `npm test` without losing a spec: every spec file the full run finds is in exactly
// one tier (jest.unit/service/e2e/browser.config.js), so each tier run alone plus the others is the full run.
import { readdirSync } from 'node:fs';
import path from 'node:path';

interface JestConfig {
  testMatch: string[];
  globalSetup?: string;
}
const load = async (name: string): Promise<JestConfig> => (await import(`../${name}`)).default;
const [full, unit, service, e2e, browser] = await Promise.all(
  [
    'jest.config.js',
    'jest.unit.config.js',
    'jest.service.config.js',
    'jest.e2e.config.js',
    'jest.browser.config.js',
  ].map(load),
);
const TIERS = { unit, service, e2e, browser };

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name.startsWith('.') ? [] : filesUnder(file);
    return [file];
  });
}

const matches = (file: string, patterns: string[]) =>
  patterns.some((pattern) => path.matchesGlob(file, pattern.replace('<rootDir>/', '')));

it('puts every spec of the full run in exactly one tier', () => {
  const specs = [...filesUnder('src'), ...filesUnder('test')].filter((f) => matches(f, full.testMatch));
  expect(specs.length).toBeGreaterThan(100);
  const outside = specs.filter((f) => Object.values(TIERS).filter((tier) => matches(f, tier.testMatch)).length !== 1);
  expect(outside).toEqual([]);
});

it('starts the database only in the tiers that use it', () => {
  expect(unit).not.toHaveProperty('globalSetup');
  for (const tier of [service, e2e, browser]) expect(tier.globalSetup).toBe(full.globalSetup);
});
