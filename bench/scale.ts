// bench/scale: what a database of N cases weighs and how its three heaviest reads are planned, for the
// ten-million arithmetic in bench/README.md ("Issue 35: ten million on paper"). Against the work dir of a
// `npm run bench -- --cases N --keep` run:
//
//   npx tsc -p tsconfig.bench.json && node dist/bench/scale.js --dir /tmp/mediation-bench-XXXX
//
// Prints the tables and indexes by size (rows, heap, indexes, total, bytes a case), then EXPLAIN (ANALYZE,
// BUFFERS) of the clerk's worklist page, the monthly statistics of one court-month and the deadline scan's
// due cases, each run twice (the second, warm, is the one printed).
import 'reflect-metadata';
import pg from 'pg';
import { EmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { DUE_FOR_EXPIRY_SQL } from '../src/cases/case-expiry.js';
import { caseListStatement } from '../src/intake/case-list-sql.js';
import { chinaDate, chinaMonthRange } from '../src/common/china-time.js';
import type { Actor } from '../src/common/actor.js';
import type { ListCasesQuery } from '../src/intake/list-cases.dto.js';
import { parseFlags } from './args.js';
import { loadFixture } from './app-process.js';
import { MONTHLY_BY_MEDIATOR_SQL, MONTHLY_TOTALS_SQL, reportMonth } from './in-process.js';

const MB = 1024 * 1024;

async function sizes(client: pg.Client): Promise<void> {
  const {
    rows: [{ cases }],
  } = await client.query('SELECT count(*)::int AS cases FROM cases');
  const { rows } = await client.query(
    `SELECT c.relname AS table, c.reltuples::bigint AS rows, pg_relation_size(c.oid) AS heap,
            pg_indexes_size(c.oid) AS indexes, pg_total_relation_size(c.oid) AS total
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r'
      ORDER BY pg_total_relation_size(c.oid) DESC LIMIT 16`,
  );
  const {
    rows: [{ db }],
  } = await client.query('SELECT pg_database_size(current_database()) AS db');
  console.log(
    `\n${cases} cases; database ${(Number(db) / MB).toFixed(0)} MB (${(Number(db) / cases).toFixed(0)} bytes a case)\n`,
  );
  console.log('| table | rows | heap MB | indexes MB | total MB | bytes a case |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    const mb = (v: string) => (Number(v) / MB).toFixed(0);
    console.log(
      `| ${r.table} | ${r.rows} | ${mb(r.heap)} | ${mb(r.indexes)} | ${mb(r.total)} | ${(Number(r.total) / cases).toFixed(0)} |`,
    );
  }
  const { rows: indexes } = await client.query(
    `SELECT indexrelid::regclass::text AS index, pg_relation_size(indexrelid) AS size
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relname IN ('cases', 'audit_events', 'parties')
      ORDER BY pg_relation_size(indexrelid) DESC`,
  );
  console.log(
    '\nindexes of cases, audit_events, parties (MB): ' +
      indexes.map((r) => `${r.index} ${(Number(r.size) / MB).toFixed(0)}`).join(', '),
  );
}

async function explain(client: pg.Client, name: string, sql: string, params: unknown[]): Promise<void> {
  await client.query('BEGIN');
  try {
    let plan: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      plan = rows.map((r) => r['QUERY PLAN'] as string);
    }
    console.log(`\n### ${name}\n\n\`\`\`\n${plan.join('\n')}\n\`\`\``);
  } finally {
    await client.query('ROLLBACK');
  }
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  if (!flags.dir) throw new Error('--dir <the work dir a `npm run bench -- --keep` run left> is required');
  const embedded = new EmbeddedPostgres({ dataDir: flags.dir, database: 'bench' });
  const urls = await embedded.start();
  const client = new pg.Client({ connectionString: urls.ownerUrl });
  await client.connect();
  try {
    const fixture = await loadFixture(urls.appUrl, 20261);
    await sizes(client);
    const clerk: Actor = {
      userId: fixture.clerkId,
      username: 'bench-clerk',
      displayName: 'bench',
      courtId: fixture.courtId,
      divisionId: fixture.divisionId,
      roles: ['CLERK'],
    };
    const worklist = caseListStatement(clerk, { status: ['IN_MEDIATION'] } as ListCasesQuery, 21);
    await explain(client, 'worklist, first page of IN_MEDIATION (clerk)', worklist.sql, worklist.params);
    const {
      rows: [{ asof }],
    } = await client.query(`SELECT max(registered_at)::date::text AS asof FROM cases`);
    const month = reportMonth(asof);
    const { start, end } = chinaMonthRange(month);
    await explain(client, `monthly statistics totals, ${month}`, MONTHLY_TOTALS_SQL, [
      fixture.courtId,
      start,
      end,
      chinaDate(end),
    ]);
    await explain(client, `monthly statistics by mediator, ${month}`, MONTHLY_BY_MEDIATOR_SQL, [
      fixture.courtId,
      start,
      end,
    ]);
    await explain(client, 'deadline scan, due cases (nothing due: as of the data)', DUE_FOR_EXPIRY_SQL, [asof, 100]);
  } finally {
    await client.end();
    await embedded.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
