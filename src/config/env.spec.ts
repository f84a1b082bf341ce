import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadEnv } from './env.js';

const STRONG_SECRET = 'Zq4-7mHkP0vRt2WxYc9LbN8sDf3GjA1e';

describe('environment validation', () => {
  it('gives the embedded-mode defaults', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ port: 3000, dataDir: './data', logLevel: 'info', databasePoolSize: 20 });
    expect(env.databaseUrl).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://u:p@h/db', JWT_SECRET: 'x'.repeat(40) }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'postgres://u:p@h:5432/db' }, 'JWT_SECRET'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ DEMO_PASSWORD: '123' }, 'DEMO_PASSWORD'],
    [{ LOG_FORMAT: 'xml' }, 'LOG_FORMAT'],
    [{ SHUTDOWN_GRACE_SECONDS: '0' }, 'SHUTDOWN_GRACE_SECONDS'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN'],
    [{ METRICS_PORT: '0' }, 'METRICS_PORT'],
    // An open metrics port without a token (issue 28).
    [{ METRICS_PORT: '9464' }, 'METRICS_PORT'],
    [{ SEED_DEMO: 'yes' }, 'SEED_DEMO'],
    [{ SESSION_IDLE_MINUTES: '0' }, 'SESSION_IDLE_MINUTES'],
    [{ SESSION_MAX_HOURS: 'long' }, 'SESSION_MAX_HOURS'],
    [{ TRUST_PROXY: 'proxy.example' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
    [{ COOKIE_SECURE: 'yes please' }, 'COOKIE_SECURE'],
    [{ API_DOCS: 'maybe' }, 'API_DOCS'],
    [{ DATABASE_POOL_SIZE: 'many' }, 'DATABASE_POOL_SIZE'],
    [{ DATABASE_POOL_SIZE: '1' }, 'DATABASE_POOL_SIZE'],
    [{ DATABASE_POOL_SIZE: '100000' }, 'DATABASE_POOL_SIZE'],
    [{ DOCUMENT_WORKERS: '0' }, 'DOCUMENT_WORKERS'],
    [{ DOCUMENT_WORKERS: '9' }, 'DOCUMENT_WORKERS'],
    [{ DOCUMENT_QUEUE: 'full' }, 'DOCUMENT_QUEUE'],
    [{ DOCUMENT_WORKER_HEAP_MB: '16' }, 'DOCUMENT_WORKER_HEAP_MB'],
    [{ MIGRATION_DATABASE_URL: 'postgres://o:p@h/db' }, 'MIGRATION_DATABASE_URL'],
    [
      { DATABASE_URL: 'postgres://u:p@h/db', JWT_SECRET: STRONG_SECRET, MIGRATE_ON_START: 'true' },
      'MIGRATION_DATABASE_URL',
    ],
    [{ MIGRATE_ON_START: 'yes' }, 'MIGRATE_ON_START'],
    [{ JWT_SECRET: 'a'.repeat(32) }, 'JWT_SECRET'],
    [{ JWT_SECRET: 'abab'.repeat(16) }, 'JWT_SECRET'],
    [{ TRUST_PROXY: '0.0.0.0/0' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.1, ::/0' }, 'TRUST_PROXY'],
    [{ DATA_DIR: '/' }, 'DATA_DIR'],
    [{ DATA_DIR: '/tmp' }, 'DATA_DIR'],
    [{ DATABASE_URL: 'postgres://u:p@h/db?options=-c%20role%3Dx', JWT_SECRET: STRONG_SECRET }, 'DATABASE_URL'],
  ])('refuses %j naming %s', (env, variable) => {
    expect(() => loadEnv(env)).toThrow(ConfigError);
    try {
      loadEnv(env);
    } catch (error) {
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as Error).message).toContain(variable);
    }
  });

  it.each([
    ['12345678', /至少 10 位/],
    ['Password123', /常见/],
    ['Judge-pass-2026', /用户名/],
  ])('refuses DEMO_PASSWORD=%s at start-up with a one-line reason', (password, reason) => {
    expect(() => loadEnv({ DEMO_PASSWORD: password })).toThrow(reason);
    try {
      loadEnv({ DEMO_PASSWORD: password });
    } catch (error) {
      expect((error as Error).message).toMatch(/^配置错误 DEMO_PASSWORD: does not meet the password policy: [^\n]+$/);
    }
    expect(loadEnv({ DEMO_PASSWORD: 'Demo-pass-2026' }).demoPassword).toBe('Demo-pass-2026');
  });

  it('says why in one line: a weak secret, a proxy list trusting everyone, a data directory others may write', () => {
    const message = (env: Record<string, string>) => {
      try {
        loadEnv(env);
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    };
    expect(message({ JWT_SECRET: 'a'.repeat(32) })).toMatch(
      /^配置错误 JWT_SECRET: has only 1 distinct characters[^\n]*$/,
    );
    expect(message({ TRUST_PROXY: '0.0.0.0/0' })).toMatch(/^配置错误 TRUST_PROXY: [^\n]*too many addresses[^\n]*$/);
    expect(message({ DATA_DIR: '/' })).toMatch(/^配置错误 DATA_DIR: must not be the root directory[^\n]*$/);
    const dir = mkdtempSync(join(tmpdir(), 'data-dir-'));
    try {
      chmodSync(dir, 0o777);
      expect(message({ DATA_DIR: dir })).toMatch(/^配置错误 DATA_DIR: [^\n]*writable by every user[^\n]*$/);
      chmodSync(dir, 0o700);
      expect(loadEnv({ DATA_DIR: dir }).dataDir).toBe(dir);
    } finally {
      rmSync(dir, { recursive: true });
    }
    // Owned by another user: the root directory's /etc is root's (when the tests do not run as root).
    if (process.getuid?.() !== 0) expect(message({ DATA_DIR: '/etc' })).toMatch(/owned by another user/);
    // With an external database DATA_DIR is not used, so not checked.
    expect(loadEnv({ DATABASE_URL: 'postgres://u:p@h/db', JWT_SECRET: STRONG_SECRET, DATA_DIR: '/' }).dataDir).toBe(
      '/',
    );
    expect(loadEnv({ JWT_SECRET: STRONG_SECRET, TRUST_PROXY: '10.0.0.0/8' }).trustProxy).toEqual(['10.0.0.0/8']);
  });

  it('logs JSON unless stdout is a terminal, and LOG_FORMAT overrides it', () => {
    expect(loadEnv({}, false).logFormat).toBe('json');
    expect(loadEnv({}, true).logFormat).toBe('pretty');
    expect(loadEnv({ LOG_FORMAT: 'json' }, true).logFormat).toBe('json');
  });

  it('reads the session and proxy settings', () => {
    expect(loadEnv({})).toMatchObject({
      sessionIdleMinutes: 30,
      sessionMaxHours: 12,
      trustProxy: [],
      cookieSecure: false,
      apiDocs: true,
    });
    const env = loadEnv({
      SESSION_IDLE_MINUTES: '15',
      SESSION_MAX_HOURS: '10',
      TRUST_PROXY: '10.0.0.5, 192.168.0.0/16,::1',
      COOKIE_SECURE: 'true',
      API_DOCS: 'off',
    });
    expect(env).toMatchObject({
      sessionIdleMinutes: 15,
      sessionMaxHours: 10,
      trustProxy: ['10.0.0.5', '192.168.0.0/16', '::1'],
      cookieSecure: true,
      apiDocs: false,
    });
  });

  it('accepts an external database with a signing key', () => {
    const env = loadEnv({ DATABASE_URL: 'postgres://u:p@db:5432/mediation', JWT_SECRET: STRONG_SECRET, PORT: '8080' });
    expect(env.databaseUrl).toBe('postgres://u:p@db:5432/mediation');
    expect(env.port).toBe(8080);
    expect(env.migrateOnStart).toBe(false);
  });

  it('migrates on start in embedded mode, and with an external server only when asked and given the owner', () => {
    expect(loadEnv({}).migrateOnStart).toBe(true);
    const external = loadEnv({
      DATABASE_URL: 'postgres://mediation_app:p@db/mediation',
      MIGRATION_DATABASE_URL: 'postgres://mediation_owner:q@db/mediation',
      MIGRATE_ON_START: 'true',
      JWT_SECRET: STRONG_SECRET,
    });
    expect(external).toMatchObject({
      migrateOnStart: true,
      migrationDatabaseUrl: 'postgres://mediation_owner:q@db/mediation',
    });
  });

  it('keeps messages local unless a gateway or a mail server is configured, each with its pair', () => {
    expect(loadEnv({}).messages).toEqual({
      smsGatewayUrl: undefined,
      smsGatewayKey: undefined,
      smtpUrl: undefined,
      mailFrom: undefined,
      partyLinkDays: 15,
    });
    const configured = loadEnv({
      SMS_GATEWAY_URL: 'https://sms.court.example/send',
      SMS_GATEWAY_KEY: 'key',
      SMTP_URL: 'smtps://u:p@mail.court.example:465',
      MAIL_FROM: '某某法院 <noreply@court.example>',
      PARTY_LINK_DAYS: '7',
    }).messages;
    expect(configured).toMatchObject({
      smsGatewayKey: 'key',
      mailFrom: '某某法院 <noreply@court.example>',
      partyLinkDays: 7,
    });
    const refused = (env: Record<string, string>) => {
      try {
        loadEnv(env);
      } catch (error) {
        return (error as ConfigError).variable;
      }
      return null;
    };
    expect(refused({ SMS_GATEWAY_URL: 'https://sms.court.example/send' })).toBe('SMS_GATEWAY_KEY');
    expect(refused({ SMS_GATEWAY_URL: 'ftp://sms', SMS_GATEWAY_KEY: 'k' })).toBe('SMS_GATEWAY_URL');
    expect(refused({ SMTP_URL: 'smtp://mail.court.example' })).toBe('MAIL_FROM');
    expect(refused({ SMTP_URL: 'http://mail', MAIL_FROM: 'a@b.cn' })).toBe('SMTP_URL');
    expect(refused({ PARTY_LINK_DAYS: '0' })).toBe('PARTY_LINK_DAYS');
  });

  it('bounds the document workers: one, 16 waiting, 64 MB each unless set', () => {
    expect(loadEnv({})).toMatchObject({ documentWorkers: 1, documentQueue: 16, documentWorkerHeapMb: 64 });
    const set = loadEnv({ DOCUMENT_WORKERS: '2', DOCUMENT_QUEUE: '0', DOCUMENT_WORKER_HEAP_MB: '128' });
    expect(set).toMatchObject({ documentWorkers: 2, documentQueue: 0, documentWorkerHeapMb: 128 });
  });

  it('takes the pool size from DATABASE_POOL_SIZE', () => {
    expect(loadEnv({ DATABASE_POOL_SIZE: '40' }).databasePoolSize).toBe(40);
  });
});
