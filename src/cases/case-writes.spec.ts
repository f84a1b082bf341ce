// Every write of a case row is the kernel's (issue 34): no SQL outside src/cases/ inserts, updates or deletes a
// case, and an entity write of a case outside the kernel's own writes is refused (CaseWriteGuard), which the
// service, e2e and browser tiers then exercise on every path they take.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sourceFiles } from '../../test/support/source-tree.js';
import { PROJECT_ROOT } from '../config/project-root.js';
import { asKernelWrite, CaseWriteGuard, refuseOutsideKernel } from './case-write-guard.js';

const SRC = path.join(PROJECT_ROOT, 'src');
/** `UPDATE cases`, `INSERT INTO cases`, `DELETE FROM cases` (not case_warnings, case_batches, ...). */
const CASE_ROW_SQL = /\b(UPDATE\s+cases|INSERT\s+INTO\s+cases|DELETE\s+FROM\s+cases)\b(?!_)/i;

describe('case rows are written by the kernel only', () => {
  it('no source file outside src/cases/ has SQL that writes the cases table', () => {
    const offenders = sourceFiles(SRC)
      .filter((file) => !file.startsWith(path.join(SRC, 'cases') + path.sep))
      .filter((file) => CASE_ROW_SQL.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(PROJECT_ROOT, file));
    expect(offenders).toEqual([]);
  });

  it('the pattern finds each kind of write, and not the other tables', () => {
    expect(CASE_ROW_SQL.test(`UPDATE cases c SET status = 'REFERRED'`)).toBe(true);
    expect(CASE_ROW_SQL.test('insert into cases (id) VALUES ($1)')).toBe(true);
    expect(CASE_ROW_SQL.test('DELETE FROM cases WHERE id = $1')).toBe(true);
    expect(CASE_ROW_SQL.test('UPDATE case_batches SET status = $1')).toBe(false);
    expect(CASE_ROW_SQL.test('INSERT INTO cases_archive (id) VALUES ($1)')).toBe(false);
    expect(CASE_ROW_SQL.test('SELECT id FROM cases WHERE id = $1 FOR UPDATE')).toBe(false);
  });

  it('the guard refuses an entity write outside the kernel and lets the kernel write', async () => {
    const guard = new CaseWriteGuard({ subscribers: [] } as never);
    for (const hook of ['beforeInsert', 'beforeUpdate', 'beforeRemove', 'beforeSoftRemove'] as const) {
      expect(() => guard[hook]()).toThrow(/outside the case kernel/);
      await expect(asKernelWrite(async () => guard[hook]())).resolves.toBeUndefined();
    }
    // The kernel's scope ends with its write.
    await asKernelWrite(async () => undefined);
    expect(() => refuseOutsideKernel()).toThrow(/outside the case kernel/);
  });
});
