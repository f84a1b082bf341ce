import { readFileSync } from 'node:fs';
import { ADVISORY_LOCKS } from './advisory-locks.js';
import { sourceFiles } from '../../test/support/source-tree.js';

describe('advisory lock keys', () => {
  it('gives every lock its own key', () => {
    const keys = Object.values(ADVISORY_LOCKS);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps every key in the registry: no other source file writes one or takes a lock by its own key', () => {
    const offenders = sourceFiles('src')
      .filter((path) => !path.endsWith('advisory-locks.ts'))
      .filter((path) => {
        const text = readFileSync(path, 'utf8');
        // The one session-level lock (migrations at start-up) is taken by the database module with the registry's key.
        const ownLock =
          /pg_(try_)?advisory_/.test(text) &&
          !(path.endsWith('database/database.ts') && text.includes('ADVISORY_LOCKS.migrations'));
        return /\b7_?480_?\d{3}\b/.test(text) || ownLock;
      });
    expect(offenders).toEqual([]);
  });
});
