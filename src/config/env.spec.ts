import { ConfigError, loadEnv } from './env.js';

describe('environment validation', () => {
  it('gives the embedded-mode defaults', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ port: 3000, dataDir: './data', logLevel: 'info' });
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
    [{ MIGRATION_DATABASE_URL: 'postgres://o:p@h/db' }, 'MIGRATION_DATABASE_URL'],
    [
      { DATABASE_URL: 'postgres://u:p@h/db', JWT_SECRET: 'k'.repeat(32), MIGRATE_ON_START: 'true' },
      'MIGRATION_DATABASE_URL',
    ],
    [{ MIGRATE_ON_START: 'yes' }, 'MIGRATE_ON_START'],
    [{ DATABASE_URL: 'postgres://u:p@h/db?options=-c%20role%3Dx', JWT_SECRET: 'k'.repeat(32) }, 'DATABASE_URL'],
  ])('refuses %j naming %s', (env, variable) => {
    expect(() => loadEnv(env)).toThrow(ConfigError);
    try {
      loadEnv(env);
    } catch (error) {
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as Error).message).toContain(variable);
    }
  });

  it('accepts an external database with a signing key', () => {
    const env = loadEnv({ DATABASE_URL: 'postgres://u:p@db:5432/mediation', JWT_SECRET: 'k'.repeat(32), PORT: '8080' });
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
      JWT_SECRET: 'k'.repeat(32),
    });
    expect(external).toMatchObject({
      migrateOnStart: true,
      migrationDatabaseUrl: 'postgres://mediation_owner:q@db/mediation',
    });
  });
});
