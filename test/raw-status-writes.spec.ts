// Tests put a case into a status through the builders (test/support/case-builders.ts, buildersOn over HTTP) or
// the real API steps under the test's clock, not with SQL (issue 34, item 3). This fails when a file under test/
// writes `cases.status` with raw SQL (`UPDATE cases ... SET ... status =`, or `INSERT INTO cases (... status ...)`)
// more often than the allow-list below says, each entry with the reason raw SQL is still there.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config/project-root.js';
import { filesUnder } from './support/source-tree.js';

/** File (relative to the project) → how many raw writes of `cases.status` it may hold, and why. */
const ALLOWED: Record<string, { writes: number; why: string }> = {
  'test/support/case-builders.ts': {
    writes: 1,
    why: 'expiry as DeadlineScanService writes it, for one case: the scan itself would expire every due case',
  },
  'test/e2e/statistics-plans.e2e.spec.ts': {
    writes: 1,
    why: 'two years of rows generated in one INSERT so the planner sees a court with history',
  },
  'test/e2e/statistics-open-cases-plan.e2e.spec.ts': {
    writes: 1,
    why: 'two years of rows generated in one INSERT so the planner sees a court with history',
  },
  'test/e2e/mediation-deadlines.e2e.spec.ts': {
    writes: 1,
    why: '20 000 concluded rows generated in one INSERT so the planner picks the partial deadline index',
  },
  'test/e2e/mediation-deadline-batch.e2e.spec.ts': {
    writes: 1,
    why: 'hundreds of open rows at chosen versions and deadlines generated for the batched deadline scan',
  },
  'test/e2e/worklist-number-search.e2e.spec.ts': {
    writes: 1,
    why: 'filler rows generated in one INSERT so a scan costs more than the number index',
  },
};

/** Each SQL text that writes `cases.status`: an UPDATE of cases whose SET names status, an INSERT listing it. */
export function rawStatusWrites(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\bUPDATE\s+cases\b(?!_)/gi)) {
    // The statement up to its WHERE or the end of its template string (at most 600 characters).
    const statement = text.slice(m.index, m.index + 600).split(/\bWHERE\b|`/i)[0];
    if (/\bSET\b[\s\S]*\bstatus\s*=/i.test(statement)) found.push(statement);
  }
  for (const m of text.matchAll(/\bINSERT\s+INTO\s+cases\b(?!_)\s*\(([^)]*)\)/gi)) {
    if (/\bstatus\b/i.test(m[1])) found.push(m[0]);
  }
  return found;
}

const TEST = path.join(PROJECT_ROOT, 'test');
const SELF = path.join(TEST, 'raw-status-writes.spec.ts');

describe('test fixtures put cases into a status through the builders', () => {
  it('no file under test/ writes cases.status with raw SQL beyond the allow-list', () => {
    const counts: Record<string, number> = {};
    for (const file of [...filesUnder(TEST), ...filesUnder(TEST, '.mjs')].filter((f) => f !== SELF)) {
      const n = rawStatusWrites(readFileSync(file, 'utf8')).length;
      if (n > 0) counts[path.relative(PROJECT_ROOT, file)] = n;
    }
    const over = Object.entries(counts)
      .filter(([file, n]) => n > (ALLOWED[file]?.writes ?? 0))
      .map(([file, n]) => `${file}: ${n} raw write(s) of cases.status, ${ALLOWED[file]?.writes ?? 0} allowed`);
    expect(over).toEqual([]);
    // An entry whose writes are gone is taken off the list, so the list only shrinks.
    const stale = Object.entries(ALLOWED)
      .filter(([file, { writes }]) => (counts[file] ?? 0) < writes)
      .map(([file]) => file);
    expect(stale).toEqual([]);
  });

  it('finds each form of the write, and not the others', () => {
    expect(rawStatusWrites(`UPDATE cases SET status = 'REFERRED' WHERE id = $1`)).toHaveLength(1);
    expect(rawStatusWrites(`update cases\n   set mediator_id = $2,\n  status = $3 where id = $1`)).toHaveLength(1);
    expect(rawStatusWrites('INSERT INTO cases (court_id, case_type, status) VALUES ($1, $2, $3)')).toHaveLength(1);
    expect(rawStatusWrites(`UPDATE cases SET registered_by = $2 WHERE status = 'REFERRED'`)).toEqual([]);
    expect(rawStatusWrites(`UPDATE cases SET mediator_user_id = NULL WHERE id = $1`)).toEqual([]);
    expect(rawStatusWrites(`UPDATE case_batches SET status = 'DONE'`)).toEqual([]);
    expect(rawStatusWrites('INSERT INTO cases_archive (status) VALUES ($1)')).toEqual([]);
    expect(rawStatusWrites('INSERT INTO cases (court_id, case_type) VALUES ($1, $2)')).toEqual([]);
    expect(rawStatusWrites(`SELECT status FROM cases WHERE id = $1 FOR UPDATE`)).toEqual([]);
  });
});
