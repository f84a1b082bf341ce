// bench/route-cpu: the app's CPU time per request of each hot route against a database that
// `npm run bench -- --keep` left behind, in a minute instead of a whole bench run, to try changes one by one.
// The routes are taken in turn, round after round, so that every route meets the same noise of a shared machine.
//
//   npx tsc -p tsconfig.bench.json && node dist/bench/route-cpu.js --dir /tmp/mediation-bench-XXXX \
//     [--seconds 5] [--rounds 3] [--connections 4] [--routes health,case,events,worklist,register] [--profile]
//     [--against <another worktree, built>:<its work dir>]   (two versions side by side, interleaved)
import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
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

/** One app under measurement: its database, its process, its requests. */
interface Side {
  label: string;
  embedded: EmbeddedPostgres;
  child: ChildProcess;
  routes: { name: string; request: RequestSpec }[];
  baseUrl: string;
  cpu: Map<string, number[]>;
  rate: Map<string, number[]>;
}

async function startSide(label: string, dir: string, root: string | undefined, only: Set<string>, profileDir?: string) {
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
    root,
  );
  const clerk = await login(baseUrl, `${usernamePrefix(BENCH_COURTS[0])}clerk`);
  const next = mulberry32(20261);
  const anyCase = () => fixture.caseIds[randomInt(next, fixture.caseIds.length)];
  let n = Date.now() % 1_000_000;
  const routes = [
    { name: 'health', request: rotatingGet(() => '/health') },
    { name: 'case', request: rotatingGet(() => `${API}/cases/${anyCase()}`, clerk) },
    { name: 'events', request: rotatingGet(() => `${API}/cases/${anyCase()}/events`, clerk) },
    {
      name: 'worklist',
      request: rotatingGet(() => `${API}/cases?status=${STATUSES[randomInt(next, STATUSES.length)]}`, clerk),
    },
    { name: 'register', request: rotatingPost(`${API}/cases`, () => intakeBody(n++, next, fixture.known), clerk) },
  ].filter((r) => only.has(r.name));
  const side: Side = {
    label,
    embedded,
    child,
    routes,
    baseUrl,
    cpu: new Map(routes.map((r) => [r.name, []])),
    rate: new Map(routes.map((r) => [r.name, []])),
  };
  return side;
}

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
  // --against <worktree>:<work dir>: another build (e.g. an older commit's worktree) on its own database, measured
  // beside this one, route by route and round by round, which of the two goes first alternating.
  const against = flags.against?.split(':');
  if (against && (against.length !== 2 || !against[0] || !against[1])) {
    throw new Error('--against takes <worktree>:<work dir>');
  }

  const sides: Side[] = [];
  try {
    sides.push(await startSide('this', dir, undefined, only, profileDir));
    if (against) sides.push(await startSide(path.basename(against[0]), against[1], path.resolve(against[0]), only));
    const measure = async (side: Side, r: { name: string; request: RequestSpec }) => {
      const result = await withCpuPerRequest(side.child.pid!, () =>
        runLoad({ baseUrl: side.baseUrl, connections, seconds, request: r.request }),
      );
      if (result.failures > 0) console.log(`${side.label} ${r.name}: ${result.failures} failed of ${result.total}`);
      return result;
    };
    // Warm-up: JIT and caches.
    for (const side of sides) {
      for (const r of side.routes)
        await runLoad({ baseUrl: side.baseUrl, connections, seconds: 2, request: r.request });
    }
    for (let round = 0; round < rounds; round++) {
      for (const [i, r] of sides[0].routes.entries()) {
        const order = (round + i) % 2 === 0 ? sides : [...sides].reverse();
        for (const side of order) {
          const result = await measure(side, side.routes[i]);
          side.cpu.get(r.name)!.push(result.cpuPerRequest);
          side.rate.get(r.name)!.push(result.throughput);
        }
      }
    }
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    console.log(
      `${new Date().toISOString()} load average ${load}; ${rounds} rounds of ${seconds} s at ${connections} connections`,
    );
    for (const side of sides) {
      const health = side.cpu.has('health') ? quantile(side.cpu.get('health')!, 0.5) : undefined;
      if (sides.length > 1) console.log(`${side.label}:`);
      for (const r of side.routes) {
        const median = quantile(side.cpu.get(r.name)!, 0.5);
        const ratio = health ? ` (${(median / health).toFixed(1)}x /health)` : '';
        const all = side.cpu
          .get(r.name)!
          .map((v) => v.toFixed(2))
          .join(' ');
        console.log(
          `${r.name.padEnd(9)} ${median.toFixed(3)} ms CPU/request${ratio}  [${all}]  ${quantile(side.rate.get(r.name)!, 0.5).toFixed(0)} req/s`,
        );
      }
    }
    if (sides.length > 1) {
      // Round by round, the two measured next to each other: the other's CPU a request over this one's.
      console.log(`${sides[1].label} ÷ this, median of the rounds' ratios:`);
      for (const r of sides[0].routes) {
        const ratios = sides[0].cpu.get(r.name)!.map((v, k) => sides[1].cpu.get(r.name)![k] / v);
        console.log(
          `${r.name.padEnd(9)} ${quantile(ratios, 0.5).toFixed(2)}  [${ratios.map((v) => v.toFixed(2)).join(' ')}]`,
        );
      }
    }
  } finally {
    for (const side of sides) {
      await stopApp(side.child);
      await side.embedded.stop();
    }
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
