// Services keep their rules and transactions; a module's reads live in its query file (issue 34, item 4). This
// fails when a source file outside the query kinds below uses the DataSource for anything but owning a
// transaction or a session, more often than the allow-list says. Allowed everywhere: `dataSource.transaction(...)`,
// `dataSource.createQueryRunner()`, `underJobLock(this.dataSource, ...)`, the data source's lifecycle (initialize,
// destroy, runMigrations), and a single-statement write through it (save, insert, update, delete, upsert,
// increment; `query` of an INSERT, UPDATE or DELETE), which is its own transaction. Anything else (`query` of a
// SELECT, `find`, `getRepository(...).findOne`, `createQueryBuilder`, `manager` handed on) is a read.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config/project-root.js';
import { sourceFiles } from './support/source-tree.js';

/** The kinds of file whose work is reading: a module's named queries, measured SQL, the case finders. */
const QUERY_KINDS = [
  /-queries\.ts$/,
  /-sql\.ts$/,
  /\/cases\/case-finders\.ts$/,
  // CaseReader: the case finders on the data source, for callers without a manager of their own (the pages).
  /\/cases\/case-reader\.service\.ts$/,
  // The connection, the migrations and their runner.
  /\/src\/database\//,
];

/**
 * File (relative to the project) → how many reads through the DataSource it may still hold, and why. An entry
 * whose reads are gone must be taken off (the test says so), so the list only shrinks.
 */
const ALLOWED: Record<string, { reads: number; why: string }> = {
  'src/demo/demo-seed.ts': {
    reads: 2,
    why:
      'demo: the seed hands the data source to seedCourt and to each demo extension, which own their ' +
      'transactions and only write; its one read (is there a court yet) is demo-queries.ts',
  },
  'src/intake/intake.service.ts': {
    reads: 1,
    why:
      'intake: the registration statement (REGISTER_CASE_WITH_RELATED_SQL) is a single-statement write (its own ' +
      'transaction) that also returns the related cases, run prepared: queryPrepared(this.dataSource, …) is not ' +
      'told from a read here',
  },
  'src/statistics/monthly-extras.service.ts': {
    reads: 2,
    why:
      'statistics: the extras of a month start at once, each on a pool connection of its own (issue 31: the page within ' +
      '500 ms at 1M), so it hands the manager of the data source to the readers whose SQL is in late-entries.ts, ' +
      'follow-up.ts and overdue-steps.ts; and the latest total of a closed month',
  },
  'src/statistics/overdue.service.ts': {
    reads: 1,
    why: 'statistics: the overdue list of today runs OVERDUE_CASES_SQL (overdue-steps.ts) and the cases it names',
  },
};

const WRITE_METHOD = /^\s*\.\s*(save|insert|update|delete|upsert|increment|decrement|remove)\s*\(/;
const WRITE_SQL = /^\s*\.\s*query\s*(<[^>]*>)?\s*\(\s*[`'"]\s*(INSERT|UPDATE|DELETE)\b/i;

/** How the DataSource held under `name` is used at `rest` (the text right after the name). */
function isRead(rest: string, before: string): boolean {
  if (/^\s*[:?!]?\s*:\s*DataSource\b/.test(rest) || /^\s*:/.test(rest)) return false; // its declaration
  if (
    /^\s*\.\s*(transaction|createQueryRunner|initialize|destroy|runMigrations|isInitialized|subscribers)\b/.test(rest)
  ) {
    return false;
  }
  // The driver itself (the metrics' pool gauges read the pool's counters: connections in use, idle, waiting) runs
  // no statement; a call through it (`.driver.query`) still counts.
  if (/^\s*\.\s*driver\b(?!\s*\.)/.test(rest)) return false;
  // Handed to the job skeleton, or to a service built by hand (a CLI's wiring).
  if (/(underJobLock|new \w+)\(\s*(this\.)?$/.test(before)) return false;
  if (WRITE_SQL.test(rest)) return false;
  const manager = /^\s*\.\s*manager\b/.exec(rest);
  if (manager && WRITE_METHOD.test(rest.slice(manager[0].length))) return false;
  const repository = /^\s*\.\s*getRepository\s*\(\s*\w+\s*\)/.exec(rest);
  if (repository && WRITE_METHOD.test(rest.slice(repository[0].length))) return false;
  return true;
}

/** The reads through the DataSource in one file's text: each as the line it is on. */
export function dataSourceReads(text: string): string[] {
  const names = new Set([...text.matchAll(/\b(\w+)\s*[?!]?:\s*DataSource\b/g)].map((m) => m[1]));
  const reads: string[] = [];
  for (const name of names) {
    for (const m of text.matchAll(new RegExp(`\\b${name}\\b`, 'g'))) {
      const at = m.index + name.length;
      if (isRead(text.slice(at, at + 200), text.slice(Math.max(0, m.index - 40), m.index))) {
        const lineStart = text.lastIndexOf('\n', m.index) + 1;
        reads.push(text.slice(lineStart, text.indexOf('\n', m.index)).trim());
      }
    }
  }
  return reads;
}

const SRC = path.join(PROJECT_ROOT, 'src');

describe('services read through their module queries, not the DataSource', () => {
  it('no file outside the query kinds reads through the DataSource beyond the allow-list', () => {
    const counts: Record<string, number> = {};
    for (const file of sourceFiles(SRC)) {
      if (QUERY_KINDS.some((kind) => kind.test(file))) continue;
      const n = dataSourceReads(readFileSync(file, 'utf8')).length;
      if (n > 0) counts[path.relative(PROJECT_ROOT, file)] = n;
    }
    const over = Object.entries(counts)
      .filter(([file, n]) => n > (ALLOWED[file]?.reads ?? 0))
      .map(([file, n]) => `${file}: ${n} read(s) through the DataSource, ${ALLOWED[file]?.reads ?? 0} allowed`);
    expect(over).toEqual([]);
    const stale = Object.entries(ALLOWED)
      .filter(([file, { reads }]) => (counts[file] ?? 0) < reads)
      .map(
        ([file, { reads }]) => `${file}: ${counts[file] ?? 0} read(s) left, ${reads} allowed: lower or drop the entry`,
      );
    expect(stale).toEqual([]);
  });

  it('tells a read from owning a transaction or a single write', () => {
    const held = (body: string) =>
      `constructor(@InjectDataSource() private readonly dataSource: DataSource) {}\n${body}`;
    expect(dataSourceReads(held('return this.dataSource.transaction(async (m) => m.save(x));'))).toEqual([]);
    expect(dataSourceReads(held('const r = this.dataSource.createQueryRunner();'))).toEqual([]);
    expect(dataSourceReads(held("await underJobLock(this.dataSource, 'x', work);"))).toEqual([]);
    expect(dataSourceReads(held('await this.dataSource.getRepository(Audit).insert(row);'))).toEqual([]);
    expect(dataSourceReads(held('await this.dataSource.manager.save(row);'))).toEqual([]);
    expect(dataSourceReads(held('await this.dataSource.query(`UPDATE x SET y = 1`);'))).toEqual([]);
    expect(
      dataSourceReads(held('const pool = (this.dataSource.driver as unknown as { master: Pool }).master;')),
    ).toEqual([]);
    expect(dataSourceReads(held('return this.dataSource.query(`SELECT 1`);'))).toHaveLength(1);
    expect(dataSourceReads(held('return this.dataSource.driver.master.query(`SELECT 1`);'))).toHaveLength(1);
    expect(dataSourceReads(held('return this.dataSource.getRepository(User).findOneBy({ id });'))).toHaveLength(1);
    expect(dataSourceReads(held('return this.dataSource.manager.find(User);'))).toHaveLength(1);
    expect(dataSourceReads(held('return partiesOf(this.dataSource.manager, id);'))).toHaveLength(1);
    expect(dataSourceReads(held('return this.dataSource.createQueryBuilder(User, "u").getMany();'))).toHaveLength(1);
  });
});
