// Every file under deploy/ is checked here: the systemd unit by systemd-analyze, the nginx site by
// Debian's nginx -t, and .env.example against the variables src/config/env.ts validates.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UPLOAD_FILE_LIMIT } from '../../src/common/http/body-limits.js';
import { loadEnv } from '../../src/config/env.js';
import { PRODUCTION_NODE_ARGS } from '../support/child-app.js';

const DEPLOY = path.resolve('deploy');
const UNIT = 'mediation-platform.service';
const TEMPLATE = 'mediation-platform@.service';
const SITE = 'nginx/mediation-platform.conf';
const ENV_EXAMPLE = '.env.example';
const INSTALL_PREFIX = '/opt/mediation-platform';

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(path.join(dir, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`],
  );
}

function deployFile(name: string): string {
  return readFileSync(path.join(DEPLOY, name), 'utf8');
}

/** A system tool: required in CI (.ci/run installs it), skipped elsewhere when absent. */
function tool(name: string, candidates: string[]): string | undefined {
  const found = candidates.find((candidate) => spawnSync(candidate, ['--version']).error === undefined);
  if (!found && process.env.CI) throw new Error(`${name} is missing: .ci/run installs it`);
  return found;
}

const systemdAnalyze = tool('systemd-analyze', ['systemd-analyze', '/usr/bin/systemd-analyze']);
const nginx = tool('nginx', ['nginx', '/usr/sbin/nginx']);

function withTempDir<T>(work: (dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'mp-deploy-'));
  try {
    return work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('deploy/ files', () => {
  it('has a check below for every file', () => {
    expect(filesUnder(DEPLOY).sort()).toEqual([ENV_EXAMPLE, UNIT, TEMPLATE, SITE].sort());
  });

  describe(`the systemd unit (${UNIT})`, () => {
    const unit = deployFile(UNIT);
    const setting = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(unit)?.[1];

    it('restarts always, caps memory, drains within its stop timeout and runs node with the production heap cap', () => {
      expect(setting('Restart')).toBe('always');
      expect(setting('MemoryMax')).toMatch(/^\d+[MG]$/);
      // The app stops its own embedded PostgreSQL; systemd must not signal the database directly.
      expect(setting('KillMode')).toBe('process');
      expect(Number(setting('TimeoutStopSec'))).toBeGreaterThan(loadEnv({}).shutdownGraceSeconds);
      expect(PRODUCTION_NODE_ARGS.length).toBeGreaterThan(0);
      for (const arg of PRODUCTION_NODE_ARGS) expect(setting('ExecStart')).toContain(arg);
      expect(setting('ExecStart')).toContain('dist/src/main.js');
    });

    (systemdAnalyze ? it : it.skip)('passes systemd-analyze verify without a warning', () => {
      withTempDir((dir) => {
        // The install prefix, here: the pinned node at <prefix>/node as docs/deploy.md links it.
        symlinkSync(path.dirname(path.dirname(process.execPath)), path.join(dir, 'node'));
        const file = path.join(dir, UNIT);
        writeFileSync(file, unit.replaceAll(INSTALL_PREFIX, dir));
        const result = spawnSync(systemdAnalyze!, ['verify', file], { encoding: 'utf8' });
        expect({ status: result.status, output: `${result.stdout}${result.stderr}`.trim() }).toEqual({
          status: 0,
          output: '',
        });
      });
    });
  });

  describe(`the template unit of several instances on one server (${TEMPLATE})`, () => {
    const template = deployFile(TEMPLATE);
    const setting = (key: string) => [...template.matchAll(new RegExp(`^${key}=(.*)$`, 'gm'))].map((m) => m[1]);

    it('runs node as the single unit does, on the port its instance name gives, restarting always', () => {
      const single = deployFile(UNIT);
      expect(setting('ExecStart')).toEqual([/^ExecStart=(.*)$/m.exec(single)![1]]);
      expect(setting('Environment')).toContain('PORT=%i');
      expect(setting('Restart')).toEqual(['always']);
      expect(setting('MemoryMax')[0]).toMatch(/^\d+[MG]$/);
      expect(Number(setting('TimeoutStopSec')[0])).toBeGreaterThan(loadEnv({}).shutdownGraceSeconds);
      // Per-instance settings (METRICS_PORT) after the shared ones, and optional.
      expect(setting('EnvironmentFile')).toEqual([
        '/etc/mediation-platform/env',
        '-/etc/mediation-platform/instance-%i.env',
      ]);
    });

    it('refuses to start without an external database (the embedded one belongs to one process)', () => {
      const [pre] = setting('ExecStartPre');
      const command = /^\/bin\/sh -c '(.*)'$/.exec(pre)![1];
      const embedded = spawnSync('/bin/sh', ['-c', command], { encoding: 'utf8', env: { PATH: process.env.PATH } });
      expect(embedded.status).toBe(1);
      expect(embedded.stderr).toContain('DATABASE_URL');
      const external = spawnSync('/bin/sh', ['-c', command], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, DATABASE_URL: 'postgres://db/mediation' },
      });
      expect(external.status).toBe(0);
    });

    (systemdAnalyze ? it : it.skip)('passes systemd-analyze verify without a warning, as an instance', () => {
      withTempDir((dir) => {
        symlinkSync(path.dirname(path.dirname(process.execPath)), path.join(dir, 'node'));
        const file = path.join(dir, 'mediation-platform@3001.service');
        writeFileSync(file, template.replaceAll(INSTALL_PREFIX, dir));
        const result = spawnSync(systemdAnalyze!, ['verify', file], { encoding: 'utf8' });
        expect({ status: result.status, output: `${result.stdout}${result.stderr}`.trim() }).toEqual({
          status: 0,
          output: '',
        });
      });
    });
  });

  describe(`the nginx site (${SITE})`, () => {
    const site = deployFile(SITE);

    it('terminates TLS and passes the proxy headers TRUST_PROXY relies on', () => {
      expect(site).toMatch(/listen 443 ssl/);
      expect(site).toMatch(/proxy_set_header X-Forwarded-For \$remote_addr;/);
      expect(site).toMatch(/proxy_set_header X-Forwarded-Proto \$scheme;/);
      expect(site).toMatch(/proxy_set_header Host \$host;/);
      expect(site).toMatch(/return 301 https:\/\//);
      const bodyLimit = /client_max_body_size (\d+)m;/.exec(site)?.[1];
      expect(Number(bodyLimit) * 1024 * 1024).toBeGreaterThan(UPLOAD_FILE_LIMIT);
      expect(site).toContain(`127.0.0.1:${loadEnv({}).port}`);
      // Several instances share the load by requests in flight, not in turn.
      expect(site).toMatch(/^\s*least_conn;/m);
    });

    (nginx ? it : it.skip)('passes nginx -t inside a minimal nginx.conf, with a self-signed certificate', () => {
      withTempDir((dir) => {
        const cert = path.join(dir, 'site.crt');
        const key = path.join(dir, 'site.key');
        const made = spawnSync(
          'openssl',
          ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost'].concat([
            '-keyout',
            key,
            '-out',
            cert,
          ]),
          { encoding: 'utf8' },
        );
        expect(made.status).toBe(0);
        const testedSite = site
          .replace(/^(\s*ssl_certificate) \S+;/m, `$1 ${cert};`)
          .replace(/^(\s*ssl_certificate_key) \S+;/m, `$1 ${key};`);
        expect(testedSite).toContain(cert);
        expect(testedSite).toContain(key);
        writeFileSync(path.join(dir, 'site.conf'), testedSite);
        writeFileSync(
          path.join(dir, 'nginx.conf'),
          [
            `pid ${dir}/nginx.pid;`,
            `error_log ${dir}/error.log;`,
            'events {}',
            `http { access_log off; include ${dir}/site.conf; }`,
          ].join('\n'),
        );
        const result = spawnSync(nginx!, ['-t', '-q', '-c', path.join(dir, 'nginx.conf'), '-p', `${dir}/`], {
          encoding: 'utf8',
        });
        expect({ status: result.status, output: result.stderr.trim() }).toEqual({ status: 0, output: '' });
      });
    });
  });

  describe(`the environment example (${ENV_EXAMPLE})`, () => {
    it('names exactly the variables src/config/env.ts validates', () => {
      const listed = new Set(
        [...deployFile(ENV_EXAMPLE).matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]),
      );
      const validated = validatedVariables();
      const missing = [...validated].filter((name) => !listed.has(name)).sort();
      const extra = [...listed].filter((name) => !validated.has(name)).sort();
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    });
  });

  it('keeps the backups the CLI writes by default (backups/) out of git', () => {
    const ignored = spawnSync('git', ['check-ignore', '-q', 'backups/mediation-2026-12-01.tar.gz']);
    expect(ignored.status).toBe(0);
  });
});

/**
 * The variables env.ts reads: those loadEnv() asks for (an environment that records every lookup) and
 * those its source names next to `env` or in a ConfigError (read only on some branches).
 */
function validatedVariables(): Set<string> {
  const names = new Set<string>();
  const recorder = new Proxy({} as Record<string, string | undefined>, {
    get: (_target, key) => {
      if (typeof key === 'string') names.add(key);
      return undefined;
    },
    has: (_target, key) => {
      if (typeof key === 'string') names.add(key);
      return false;
    },
  });
  loadEnv(recorder, false);
  const source = readFileSync(path.resolve('src/config/env.ts'), 'utf8');
  const patterns = [
    /\(\s*env\s*,\s*'([A-Z][A-Z0-9_]*)'/g,
    /\benv\.([A-Z][A-Z0-9_]*)\b/g,
    /\benv\[\s*'([A-Z][A-Z0-9_]*)'\s*\]/g,
    /ConfigError\(\s*'([A-Z][A-Z0-9_]*)'/g,
  ];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) names.add(match[1]);
  return names;
}
