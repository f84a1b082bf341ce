import { ConfigError, loadEnv } from './env.js';

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
    [{ DATABASE_POOL_SIZE: 'many' }, 'DATABASE_POOL_SIZE'],
    [{ DATABASE_POOL_SIZE: '1' }, 'DATABASE_POOL_SIZE'],
    [{ DATABASE_POOL_SIZE: '100000' }, 'DATABASE_POOL_SIZE'],
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
  });

  it('takes the pool size from DATABASE_POOL_SIZE', () => {
    expect(loadEnv({ DATABASE_POOL_SIZE: '40' }).databasePoolSize).toBe(40);
  });
});
