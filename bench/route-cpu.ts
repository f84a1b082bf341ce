// bench/route-cpu: the app's CPU time per request of each hot route against a database that
// `npm run bench -- --keep` left behind, in a minute instead of a whole bench run, to try changes one by one.
// The routes are taken in turn, round after round, so that every route meets the same noise of a shared machine.
//
//   npx tsc -p tsconfig.bench.json && node dist/bench/route-cpu.js --dir /tmp/mediation-bench-XXXX \
//     [--seconds 5] [--rounds 3] [--connections 4] [--routes health,case,events,worklist,register] [--profile]
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RequestSpec } from 'autocannon';
import { EmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { intFlag, parseFlags } from './args.js';
import { API, loadFixture, login, startApp, stopApp } from './app-process.js';
import { intakeBody } from './bodies.js';
import { BENCH_COURTS, usernamePrefix } from './courts.js';
import { rotatingGet, rotatingPost, runLoad, withCpuPerRequest } from './load.js';
import { summariseProfile, renderShares, type CpuProfile } from './profile.js';
import { quantile } from './report.js';
import { mulberry32, randomInt } from './random.js';

const STATUSES = ['REGISTERED', 'NOTICE_ISSUED', 'REFERRED', 'ASSIGNED', 'IN_MEDIATION', 'SETTLED', 'TRANSFERRED'];

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const dir = flags.dir;
  if (!dir) throw new Error('--dir <the work dir a `npm run bench -- --keep` run left> is required');
  const seconds = intFlag(flags, 'seconds', 5, 1, 600);
  const rounds = intFlag(flags, 'rounds', 3, 1, 20);
  const connections = intFlag(flags, 'connections', 4, 1, 256);
  const only = new Set((flags.routes ?? 'health,case,events,worklist,register').split(','));
  const profileDir = flags.profile === 'true' ? path.join(dir, `route-profile-${Date.now()}`) : undefined;
  if (profileDir) mkdirSync(profileDir);

  const embedded = new EmbeddedPostgres({ dataDir: dir, database: 'bench' });
  const urls = await embedded.start();
  const fixture = await loadFixture(urls.appUrl, 20261);
  const nodeOptions = ['--max-old-space-size=200', '--max-semi-space-size=16'];
  const jwtSecret = randomBytes(32).toString('hex');
  const { child, baseUrl } = await startApp(
    urls.appUrl,
    jwtSecret,
    path.join(dir, 'route-cpu.log'),
    nodeOptions,
    profileDir,
  );
  try {
    const clerk = await login(baseUrl, `${usernamePrefix(BENCH_COURTS[0])}clerk`);
    const next = mulberry32(20261);
    const anyCase = () => fixture.caseIds[randomInt(next, fixture.caseIds.length)];
    let n = Date.now() % 1_000_000;
    const routes: { name: string; request: RequestSpec }[] = [
      { name: 'health', request: rotatingGet(() => '/health') },
      { name: 'case', request: rotatingGet(() => `${API}/cases/${anyCase()}`, clerk) },
      { name: 'events', request: rotatingGet(() => `${API}/cases/${anyCase()}/events`, clerk) },
      {
        name: 'worklist',
        request: rotatingGet(() => `${API}/cases?status=${STATUSES[randomInt(next, STATUSES.length)]}`, clerk),
      },
      { name: 'register', request: rotatingPost(`${API}/cases`, () => intakeBody(n++, next, fixture.known), clerk) },
    ].filter((r) => only.has(r.name));
    // Warm-up: JIT and caches.
    for (const r of routes) await runLoad({ baseUrl, connections, seconds: 2, request: r.request });
    const cpu = new Map<string, number[]>(routes.map((r) => [r.name, []]));
    const rate = new Map<string, number[]>(routes.map((r) => [r.name, []]));
    for (let round = 0; round < rounds; round++) {
      for (const r of routes) {
        const result = await withCpuPerRequest(child.pid!, () =>
          runLoad({ baseUrl, connections, seconds, request: r.request }),
        );
        if (result.failures > 0) console.log(`${r.name}: ${result.failures} failed of ${result.total}`);
        cpu.get(r.name)!.push(result.cpuPerRequest);
        rate.get(r.name)!.push(result.throughput);
      }
    }
    const health = cpu.has('health') ? quantile(cpu.get('health')!, 0.5) : undefined;
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    console.log(
      `${new Date().toISOString()} load average ${load}; ${rounds} rounds of ${seconds} s at ${connections} connections`,
    );
    for (const r of routes) {
      const median = quantile(cpu.get(r.name)!, 0.5);
      const ratio = health ? ` (${(median / health).toFixed(1)}x /health)` : '';
      const all = cpu
        .get(r.name)!
        .map((v) => v.toFixed(2))
        .join(' ');
      console.log(
        `${r.name.padEnd(9)} ${median.toFixed(3)} ms CPU/request${ratio}  [${all}]  ${quantile(rate.get(r.name)!, 0.5).toFixed(0)} req/s`,
      );
    }
  } finally {
    await stopApp(child);
    await embedded.stop();
  }
  if (profileDir) {
    for (const file of readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'))) {
      const summary = summariseProfile(JSON.parse(readFileSync(path.join(profileDir, file), 'utf8')) as CpuProfile, 30);
      console.log(`\nCPU profile ${path.join(profileDir, file)}, self time:`);
      console.log(renderShares('by package', summary.byPackage));
      console.log(renderShares('by function', summary.byFunction));
    }
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
