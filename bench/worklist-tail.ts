// bench/worklist-tail: where the worklist's p99 at 200 req/s comes from, against a database a `npm run bench --
// --keep` run left. The worklist is paced one status at a time (the whole bench rotates them), beside the case page
// as the reference, in alternating rounds, with the event-loop probe (bench/loop-probe.ts) in the app: a status
// whose tail is its own shows in its row; a tail every route shares is the process (the garbage collector, the
// loop) or the machine, and shows in the probe's lines of the same seconds.
//
//   npx tsc -p tsconfig.bench.json && node dist/bench/worklist-tail.js --dir /tmp/mediation-bench-XXXX \
//     [--seconds 8] [--rounds 2] [--rate 200] [--app-node-options="--max-old-space-size=200 --max-semi-space-size=16"]
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { intFlag, parseFlags } from './args.js';
import { API, loadFixture, login, startApp, stopApp } from './app-process.js';
import { BENCH_COURTS, usernamePrefix } from './courts.js';
import { runPaced, type LoadResult } from './load.js';
import { mulberry32, randomInt } from './random.js';

const STATUSES = ['REGISTERED', 'NOTICE_ISSUED', 'REFERRED', 'ASSIGNED', 'IN_MEDIATION', 'SETTLED', 'TRANSFERRED'];

const fmt = (r: LoadResult) => `p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, max ${r.max.toFixed(1)} ms`;

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const dir = flags.dir;
  if (!dir) throw new Error('--dir <the work dir a `npm run bench -- --keep` run left> is required');
  const seconds = intFlag(flags, 'seconds', 8, 1, 600);
  const rounds = intFlag(flags, 'rounds', 2, 1, 20);
  const rate = intFlag(flags, 'rate', 200, 1, 10_000);
  const embedded = new EmbeddedPostgres({ dataDir: dir, database: 'bench' });
  const urls = await embedded.start();
  const logFile = path.join(dir, `worklist-tail-${Date.now()}.log`);
  // The heap options of `start:prod` unless given (`--app-node-options="--max-old-space-size=200 ..."`, with the `=`).
  const heap = (flags['app-node-options'] ?? '--max-old-space-size=200 --max-semi-space-size=16').split(' ');
  const app = await startApp(urls.appUrl, randomBytes(32).toString('hex'), logFile, [
    ...heap.filter(Boolean),
    '--import=./dist/bench/loop-probe.js',
  ]).catch(async (error: unknown) => {
    await embedded.stop();
    throw error;
  });
  const { child, baseUrl } = app;
  try {
    const fixture = await loadFixture(urls.appUrl, 20261);
    const clerk = await login(baseUrl, `${usernamePrefix(BENCH_COURTS[0])}clerk`);
    const next = mulberry32(20261);
    const anyCase = () => fixture.caseIds[randomInt(next, fixture.caseIds.length)];
    const targets: { name: string; path: () => string }[] = [
      { name: 'case page', path: () => `${API}/cases/${anyCase()}` },
      ...STATUSES.map((status) => ({ name: `worklist ${status}`, path: () => `${API}/cases?status=${status}` })),
    ];
    // Warm-up: each target once at a low rate, so the first round does not measure a cold cache alone.
    for (const t of targets) await runPaced({ baseUrl, rate: 50, seconds: 1, path: t.path, token: clerk });
    for (let round = 1; round <= rounds; round++) {
      for (const t of round % 2 ? targets : [...targets].reverse()) {
        const from = new Date().toISOString();
        const result = await runPaced({ baseUrl, rate, seconds, path: t.path, token: clerk });
        console.log(
          `round ${round} ${t.name.padEnd(22)} ${fmt(result)}, ${result.failures} failed (${from.slice(11, 19)})`,
        );
      }
    }
  } finally {
    await stopApp(child);
    await embedded.stop();
  }
  const probes = readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('loop-probe'));
  console.log(`\nthe app's loop-probe lines (${logFile}):`);
  for (const line of probes) console.log(line);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
