// bench/statistics-parts: where the month page's time goes, against the database a `npm run bench -- --keep` (or
// `--data-only`) run left. The app runs in this process (createApp, no jobs); each asked page is requested through
// it (fastify inject, the statistician's login) and every statement it sends to PostgreSQL is timed as the app waits
// for it (start offset within the request, duration; statements of one request overlap when its parts run
// concurrently). Then each statement is run again alone under EXPLAIN (ANALYZE, BUFFERS, TIMING OFF), the fastest of
// three shown, and its plan (EXPLAIN ANALYZE with per-node timing) is written to <dir>/statistics-plans-<time>.txt.
//
//   npx tsc -p tsconfig.bench.json && node dist/bench/statistics-parts.js --dir /tmp/mediation-bench-XXXX \
//     [--month 2026-11] [--by ,mediator,organization,caseType] [--runs 3]
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';
import { createApp } from '../src/app.factory.js';
import { EmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { intFlag, parseFlags } from './args.js';
import { API } from './app-process.js';
import { BENCH_COURTS, usernamePrefix } from './courts.js';
import { BENCH_PASSWORD } from './generate.js';
import { reportMonth } from './in-process.js';
import { quantile } from './report.js';

interface Sent {
  sql: string;
  parameters: unknown[];
  startMs: number;
  ms: number;
}

/** The first words of a statement, whitespace folded, to name it in a line. */
const nameOf = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 110);

const SKIPPED = /^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SET TRANSACTION|SELECT 1$)/i;

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const dir = flags.dir;
  if (!dir) throw new Error('--dir <the work dir a `npm run bench -- --keep` run left> is required');
  const month = flags.month ?? reportMonth(new Date().toISOString().slice(0, 10));
  const bys = (flags.by ?? ',mediator,organization,caseType').split(',');
  const runs = intFlag(flags, 'runs', 3, 1, 50);

  const embedded = new EmbeddedPostgres({ dataDir: dir, database: 'bench' });
  const urls = await embedded.start();
  const app = await createApp({
    databaseUrl: urls.appUrl,
    jwtSecret: randomBytes(32).toString('hex'),
    jwtTtlSeconds: 3600,
    logLevel: 'warn',
    runScheduledJobs: false,
    apiDocsUi: false,
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const owner = new pg.Client({ connectionString: urls.ownerUrl });
  await owner.connect();

  let recording: Sent[] | null = null;
  let requestStart = 0;
  const original = PostgresQueryRunner.prototype.query;
  PostgresQueryRunner.prototype.query = async function (this: PostgresQueryRunner, ...args: unknown[]) {
    const started = performance.now();
    try {
      return await (original as (...a: unknown[]) => Promise<unknown>).apply(this, args);
    } finally {
      const [sql, parameters] = args as [string, unknown[] | undefined];
      recording?.push({
        sql,
        parameters: parameters ?? [],
        startMs: started - requestStart,
        ms: performance.now() - started,
      });
    }
  } as typeof original;

  const plans: string[] = [];
  try {
    const login = await app.inject({
      method: 'POST',
      url: `${API}/auth/login`,
      payload: { username: `${usernamePrefix(BENCH_COURTS[0])}statistician`, password: BENCH_PASSWORD },
    });
    if (login.statusCode !== 201 && login.statusCode !== 200)
      throw new Error(`login: ${login.statusCode} ${login.body}`);
    const token = (login.json() as { accessToken: string }).accessToken;
    for (const by of bys) {
      const url = `${API}/statistics/monthly?month=${month}${by ? `&by=${by}` : ''}`;
      const totals: number[] = [];
      let last: Sent[] = [];
      for (let run = 0; run <= runs; run++) {
        recording = [];
        requestStart = performance.now();
        const response = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
        const total = performance.now() - requestStart;
        if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
        // The first request warms the caches and the JIT; it is not counted.
        if (run > 0) totals.push(total);
        last = recording;
        recording = null;
      }
      console.log(
        `\nGET ${url}: median ${quantile(totals, 0.5).toFixed(1)} ms of ${runs} [${totals.map((t) => t.toFixed(0)).join(' ')}]`,
      );
      console.log('  start   ms     EXPLAIN ms  buffers (hit/read)  statement (last run)');
      for (const sent of last.filter((s) => !SKIPPED.test(s.sql.trim()))) {
        // Alone, three times without per-node timing (its overhead), the fastest; the plan's text once with it.
        let best:
          { 'Execution Time': number; Plan: { 'Shared Hit Blocks': number; 'Shared Read Blocks': number } } | undefined;
        for (let i = 0; i < 3; i++) {
          const explained = await owner.query(
            `EXPLAIN (ANALYZE, BUFFERS, TIMING OFF, FORMAT JSON) ${sent.sql}`,
            sent.parameters,
          );
          const [found] = explained.rows[0]['QUERY PLAN'] as NonNullable<typeof best>[];
          if (!best || found['Execution Time'] < best['Execution Time']) best = found;
        }
        const plan = best!;
        const text = await owner.query(`EXPLAIN (ANALYZE, BUFFERS) ${sent.sql}`, sent.parameters);
        plans.push(
          `-- ${url}\n${sent.sql}\n-- parameters ${JSON.stringify(sent.parameters)}\n` +
            text.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n') +
            '\n',
        );
        console.log(
          `  ${sent.startMs.toFixed(0).padStart(5)} ${sent.ms.toFixed(1).padStart(7)} ${plan['Execution Time'].toFixed(1).padStart(9)}` +
            `   ${`${plan.Plan['Shared Hit Blocks']}/${plan.Plan['Shared Read Blocks']}`.padEnd(18)} ${nameOf(sent.sql)}`,
        );
      }
    }
  } finally {
    PostgresQueryRunner.prototype.query = original;
    await owner.end();
    await app.close();
    await embedded.stop();
  }
  const file = path.join(dir, `statistics-plans-${Date.now()}.txt`);
  writeFileSync(file, plans.join('\n'));
  console.log(`\nplans: ${file}`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
