// Every core: the production setup of docs/deploy.md layout 3 — app instances behind nginx (least_conn, keepalive)
// on one machine — measured with one instance and with two behind the same nginx, so that the proxy's own cost is
// in both and the ratio is what the second process adds. Needs Debian's nginx (`apt-get install -y nginx`); without
// it the rows say so.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RequestSpec } from 'autocannon';
import { freePort, startApp, stopApp } from './app-process.js';
import { cpuMs, runLoad, type LoadResult } from './load.js';
import { ms, perSecond, ratio, type Metric } from './report.js';

export type Measured = LoadResult & { cpuPerRequest: number };

export interface SetupFigures {
  health: Measured;
  worklist: Measured;
  intake: Measured;
}

export type InstancesFigures = { one: SetupFigures; two: SetupFigures } | { missing: string };

export interface InstancesOptions {
  databaseUrl: string;
  jwtSecret: string;
  workDir: string;
  nodeOptions: string[];
  seconds: number;
  readConnections: number;
  intakeConnections: number;
  /** The requests, made once the instances run (a login on one instance is valid on all: the same secret). */
  requests: (baseUrl: string) => Promise<{ health: RequestSpec; worklist: RequestSpec; intake: RequestSpec }>;
}

function findNginx(): string | undefined {
  return ['nginx', '/usr/sbin/nginx'].find((candidate) => spawnSync(candidate, ['-v']).error === undefined);
}

/** nginx in the foreground with the site's upstream settings in front of the given ports. */
async function startNginx(
  nginx: string,
  dir: string,
  ports: number[],
): Promise<{ child: ChildProcess; baseUrl: string }> {
  const port = await freePort();
  const conf = path.join(dir, `nginx-${ports.length}.conf`);
  writeFileSync(
    conf,
    [
      `pid ${dir}/nginx-${ports.length}.pid;`,
      `error_log ${dir}/nginx-error.log warn;`,
      'worker_processes 1;',
      'events { worker_connections 1024; }',
      'http {',
      '  access_log off;',
      `  client_body_temp_path ${dir}/nginx-body; proxy_temp_path ${dir}/nginx-proxy;`,
      `  fastcgi_temp_path ${dir}/nginx-fcgi; uwsgi_temp_path ${dir}/nginx-uwsgi; scgi_temp_path ${dir}/nginx-scgi;`,
      '  upstream app {',
      '    least_conn;',
      ...ports.map((p) => `    server 127.0.0.1:${p};`),
      '    keepalive 64;',
      '  }',
      '  server {',
      `    listen 127.0.0.1:${port};`,
      '    client_max_body_size 25m;',
      '    location / {',
      '      proxy_pass http://app;',
      '      proxy_http_version 1.1;',
      '      proxy_set_header Connection "";',
      '      proxy_set_header Host $host;',
      '      proxy_set_header X-Forwarded-For $remote_addr;',
      '    }',
      '  }',
      '}',
    ].join('\n'),
  );
  const child = spawn(nginx, ['-c', conf, '-p', `${dir}/`, '-g', 'daemon off;'], { stdio: 'ignore' });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 240; attempt++) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}); see ${dir}/nginx-error.log`);
    if (
      await fetch(`${baseUrl}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, baseUrl };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('nginx did not pass /health on within 60 s');
}

/** A load, with the CPU time all the app processes used per completed request. */
async function measured(pids: number[], work: () => Promise<LoadResult>): Promise<Measured> {
  const cpu = () => pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
  const before = cpu();
  const result = await work();
  return { ...result, cpuPerRequest: (cpu() - before) / Math.max(1, result.total) };
}

export async function measureInstances(o: InstancesOptions): Promise<InstancesFigures> {
  const nginx = findNginx();
  if (!nginx) return { missing: 'nginx not found: install it with `apt-get install -y nginx` (Debian)' };
  const apps = [
    await startApp(o.databaseUrl, o.jwtSecret, path.join(o.workDir, 'app-1.log'), o.nodeOptions),
    await startApp(o.databaseUrl, o.jwtSecret, path.join(o.workDir, 'app-2.log'), o.nodeOptions),
  ];
  try {
    const setup = async (count: number): Promise<SetupFigures> => {
      const used = apps.slice(0, count);
      const proxy = await startNginx(
        nginx,
        o.workDir,
        used.map((a) => Number(new URL(a.baseUrl).port)),
      );
      try {
        const requests = await o.requests(proxy.baseUrl);
        const pids = used.map((a) => a.child.pid!);
        const load = (connections: number, request: RequestSpec) =>
          measured(pids, () => runLoad({ baseUrl: proxy.baseUrl, connections, seconds: o.seconds, request }));
        // Warm-up: each instance's JIT and pool.
        await runLoad({
          baseUrl: proxy.baseUrl,
          connections: o.readConnections,
          seconds: 3,
          request: requests.worklist,
        });
        return {
          health: await load(o.readConnections, requests.health),
          worklist: await load(o.readConnections, requests.worklist),
          intake: await load(o.intakeConnections, requests.intake),
        };
      } finally {
        proxy.child.kill('SIGQUIT');
      }
    };
    const one = await setup(1);
    const two = await setup(2);
    return { one, two };
  } finally {
    for (const app of apps) await stopApp(app.child);
  }
}

/** The rows: two instances beside one behind the same nginx, and intake beside pgbench. */
export function instancesMetrics(
  f: InstancesFigures | undefined,
  o: { intakeConnections: number; readConnections: number },
  pgbenchTps?: number,
): Metric[] {
  if (!f) return [];
  if ('missing' in f) {
    return [
      {
        metric: 'two instances behind nginx',
        value: 'pending',
        baseline: '-',
        ratio: null,
        target: '-',
        pass: null,
        how: f.missing,
      },
    ];
  }
  const { one, two } = f;
  const how = (s: SetupFigures) =>
    `/health ${perSecond(s.health.throughput)} (CPU ${ms(s.health.cpuPerRequest)}/request), worklist ${perSecond(s.worklist.throughput)} ` +
    `p99 ${ms(s.worklist.p99)} (CPU ${ms(s.worklist.cpuPerRequest)}), intake ${perSecond(s.intake.throughput)} p99 ${ms(s.intake.p99)} ` +
    `(CPU ${ms(s.intake.cpuPerRequest)}; ${s.intake.failures} failed of ${s.intake.total})`;
  return [
    {
      metric: `intake POST /cases via nginx, 2 instances (${o.intakeConnections} conn.)`,
      value: perSecond(two.intake.throughput),
      baseline: pgbenchTps ? `${perSecond(pgbenchTps)} (pgbench)` : 'not measured',
      ratio: ratio(two.intake.throughput, pgbenchTps),
      target: '>= 0.40 x pgbench',
      pass: pgbenchTps ? two.intake.throughput >= 0.4 * pgbenchTps && two.intake.failures === 0 : null,
      how: `bench/instances.ts: two app processes behind nginx (least_conn, keepalive); 2 instances: ${how(two)}; 1 instance behind the same nginx: ${how(one)}`,
    },
    {
      metric: `intake via nginx p99, 2 instances (${o.intakeConnections} conn.)`,
      value: ms(two.intake.p99),
      baseline: `${ms(one.intake.p99)} (1 instance)`,
      ratio: ratio(two.intake.p99, one.intake.p99),
      target: '<= 50 ms',
      pass: two.intake.p99 <= 50,
    },
    {
      metric: 'intake via nginx, 2 instances ÷ 1',
      value: perSecond(two.intake.throughput),
      baseline: `${perSecond(one.intake.throughput)} (1 instance)`,
      ratio: ratio(two.intake.throughput, one.intake.throughput),
      target: '-',
      pass: null,
    },
    {
      metric: 'app CPU per registration, 2 instances',
      value: ms(two.intake.cpuPerRequest),
      baseline: `${ms(two.health.cpuPerRequest)} (/health)`,
      ratio: ratio(two.intake.cpuPerRequest, two.health.cpuPerRequest),
      target: '<= 4 x /health',
      pass: two.intake.cpuPerRequest <= 4 * two.health.cpuPerRequest,
    },
    {
      metric: `worklist via nginx capacity, 2 instances (${o.readConnections} conn.)`,
      value: perSecond(two.worklist.throughput),
      baseline: `${perSecond(one.worklist.throughput)} (1 instance)`,
      ratio: ratio(two.worklist.throughput, one.worklist.throughput),
      target: '-',
      pass: null,
    },
  ];
}
