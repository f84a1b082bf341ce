// bench/statistics-page: the month page `GET /statistics/monthly` of two builds side by side, against the database a
// `npm run bench -- --keep` (or `--data-only`) run left: this checkout's build and another's (`--other`, a checkout
// with its own `npm run build`, e.g. main's), each as the bench runs the app (a child process in production mode,
// `start:prod`'s node options), on the same database. In each round every build is measured in turn (the order
// alternates from round to round, so both meet the same noise of a shared machine): `/health` (the baseline) and
// then the month page, one request at a time, the page rotating as in the bench (whole court, by mediator,
// organization, case type). First with the compared months (环比 and 同比) open, both computed live (their
// snapshots, if a run closed them, are deleted first), then after closing them, as a court does early in the next
// month. p50/p99 are of every request of the phase (all rounds pooled), the ratio against the same build's `/health`.
//
// The other build may run on a copy of the database of its own (`--other-dir`, e.g. without this build's migrations,
// which an older build refuses to start on); both servers then run side by side.
//
//   npx tsc -p tsconfig.bench.json && node dist/bench/statistics-page.js --dir /tmp/mediation-bench-XXXX \
//     --other /path/to/main/checkout [--other-dir /copy/of/the/work/dir] [--month 2026-11] [--rounds 4] \
//     [--requests 20] [--phases open,closed]
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { EmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { intFlag, parseFlags, scriptNodeOptions } from './args.js';
import { API, login, startApp, stopApp } from './app-process.js';
import { BENCH_COURTS, usernamePrefix } from './courts.js';
import { reportMonth } from './in-process.js';
import { quantile } from './report.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BY = ['', '&by=mediator', '&by=organization', '&by=caseType'];

interface Build {
  name: string;
  baseUrl: string;
  token: string;
  health: number[];
  page: number[];
}

async function timed(url: string, token: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return performance.now() - started;
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const dir = flags.dir;
  const other = flags.other;
  if (!dir || !other) throw new Error('--dir <a kept bench work dir> and --other <a built checkout> are required');
  const month = flags.month ?? reportMonth(new Date().toISOString().slice(0, 10));
  const rounds = intFlag(flags, 'rounds', 4, 1, 50);
  const requests = intFlag(flags, 'requests', 20, 1, 1000);
  const phases = (flags.phases ?? 'open,closed').split(',');
  const previous = reportMonth(`${month}-01`);
  const yearBefore = `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;

  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const nodeOptions = scriptNodeOptions(manifest.scripts['start:prod']);
  const databases = [...new Set([dir, flags['other-dir'] ?? dir])].map(
    (dataDir) => new EmbeddedPostgres({ dataDir, database: 'bench' }),
  );
  const urls = [];
  for (const database of databases) urls.push(await database.start());
  const owners = [];
  for (const { ownerUrl } of urls) {
    const owner = new pg.Client({ connectionString: ownerUrl });
    await owner.connect();
    owners.push(owner);
  }
  const jwtSecret = randomBytes(32).toString('hex');
  const roots = [
    { name: 'this build', root: ROOT, database: 0 },
    { name: `other (${other})`, root: path.resolve(other), database: urls.length - 1 },
  ];
  const children = [];
  try {
    const builds: Build[] = [];
    for (const [i, { name, root, database }] of roots.entries()) {
      const { child, baseUrl } = await startApp(
        urls[database].appUrl,
        jwtSecret,
        path.join(dir, `statistics-page-${i}.log`),
        nodeOptions,
        undefined,
        root,
      );
      children.push(child);
      const token = await login(baseUrl, `${usernamePrefix(BENCH_COURTS[0])}statistician`);
      builds.push({ name, baseUrl, token, health: [], page: [] });
    }
    for (const phase of phases) {
      if (phase === 'open') {
        for (const owner of owners)
          await owner.query(
            `DELETE FROM statistics_snapshots s USING courts c
            WHERE c.id = s.court_id AND c.code = $1 AND s.month IN ($2, $3)`,
            [BENCH_COURTS[0].code, previous, yearBefore],
          );
      } else {
        // Each database's months closed by the build that runs on it.
        for (const build of urls.length > 1 ? builds : builds.slice(0, 1)) {
          for (const closing of [previous, yearBefore]) {
            const response = await fetch(`${build.baseUrl}${API}/statistics/monthly/${closing}/close`, {
              method: 'POST',
              headers: { authorization: `Bearer ${build.token}`, 'content-type': 'application/json' },
              body: JSON.stringify({ reason: '基准测试' }),
            });
            if (!response.ok) throw new Error(`close ${closing}: ${response.status} ${await response.text()}`);
          }
        }
      }
      for (const build of builds) {
        build.health = [];
        build.page = [];
        // Warm-up: JIT and caches.
        for (let i = 0; i < 8; i++)
          await timed(`${build.baseUrl}${API}/statistics/monthly?month=${month}${BY[i % 4]}`, build.token);
      }
      for (let round = 0; round < rounds; round++) {
        const order = round % 2 === 0 ? builds : [...builds].reverse();
        for (const build of order) {
          for (let i = 0; i < 100; i++) build.health.push(await timed(`${build.baseUrl}/health`, build.token));
          for (let i = 0; i < requests; i++) {
            build.page.push(
              await timed(`${build.baseUrl}${API}/statistics/monthly?month=${month}${BY[i % BY.length]}`, build.token),
            );
          }
        }
      }
      const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
      console.log(
        `\n${new Date().toISOString()} month ${month}, compared months ${phase}; ${rounds} rounds of ${requests} ` +
          `page requests and 100 /health each; load average ${load}`,
      );
      for (const build of builds) {
        const health = quantile(build.health, 0.99);
        const p99 = quantile(build.page, 0.99);
        console.log(
          `  ${build.name.padEnd(40)} page p50 ${quantile(build.page, 0.5).toFixed(0)} ms, p99 ${p99.toFixed(0)} ms ` +
            `(${(p99 / health).toFixed(0)}x /health p99 ${health.toFixed(2)} ms), max ${Math.max(...build.page).toFixed(0)} ms`,
        );
      }
    }
  } finally {
    for (const child of children) await stopApp(child);
    for (const owner of owners) await owner.end();
    for (const database of databases) await database.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
