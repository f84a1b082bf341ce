// bench/statement-cpu: the client's CPU time per statement of the hot reads, sent unnamed (parsed and planned
// each time) and named (prepared once per connection, as src/database/prepared-statement.ts does), against a
// database that `npm run bench -- --keep` left behind. One connection, one statement at a time.
//
//   npx tsc -p tsconfig.bench.json && node dist/bench/statement-cpu.js --dir /tmp/mediation-bench-XXXX [--runs 2000]
import 'reflect-metadata';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { Actor } from '../src/common/actor.js';
import '../src/database/database.js';
import { EmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { caseEventsStatement, caseListStatement, casePageStatement } from '../src/intake/case-list-sql.js';
import { intFlag, parseFlags } from './args.js';

const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  if (!flags.dir) throw new Error('--dir <the work dir a `npm run bench -- --keep` run left> is required');
  const runs = intFlag(flags, 'runs', 2000, 10, 1_000_000);
  const embedded = new EmbeddedPostgres({ dataDir: flags.dir, database: 'bench' });
  const urls = await embedded.start();
  const client = new pg.Client({ connectionString: urls.appUrl });
  await client.connect();
  try {
    const [some] = (await client.query<{ court_id: string; id: string }>('SELECT court_id, id FROM cases LIMIT 1'))
      .rows;
    const actor = { courtId: some.court_id, userId: some.court_id, roles: ['CLERK'] } as unknown as Actor;
    const statements = {
      'SELECT 1': { sql: 'SELECT 1', params: [] as unknown[] },
      'case page': casePageStatement(actor, some.id),
      history: caseEventsStatement(actor, some.id),
      'worklist (ASSIGNED)': caseListStatement(actor, { status: ['ASSIGNED'] }, 21),
    };
    console.log(
      `${new Date().toISOString()} load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    for (const [index, [name, { sql, params }]] of Object.entries(statements).entries()) {
      for (const named of [false, true, false, true]) {
        const cpu = cpuMs();
        const start = performance.now();
        for (let i = 0; i < runs; i++) {
          await client.query(
            named ? { name: `statement_cpu_${index}`, text: sql, values: params } : { text: sql, values: params },
          );
        }
        const perCpu = (cpuMs() - cpu) / runs;
        const perWall = (performance.now() - start) / runs;
        console.log(
          `${name.padEnd(20)} ${named ? 'named  ' : 'unnamed'} ${perCpu.toFixed(3)} ms client CPU, ${perWall.toFixed(3)} ms wall a statement`,
        );
      }
    }
  } finally {
    await client.end();
    await embedded.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
