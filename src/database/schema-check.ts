// Start-up checks on the app's own connection: the schema matches the code, and the login is the
// least-privilege role it should be. Each failure stops start-up with a message saying what to do.
import pg from 'pg';

class DatabaseStartupError extends Error {}

export class SchemaNewerError extends DatabaseStartupError {
  constructor(readonly unknown: string[]) {
    super(
      `数据库结构比本程序新：数据库已应用本程序不认识的迁移 ${unknown.join(', ')}。` +
        '请部署与数据库相同或更新版本的程序（不要用旧程序连接已升级的数据库）。',
    );
  }
}

class MigrationsPendingError extends DatabaseStartupError {
  constructor(readonly pending: string[]) {
    super(
      `数据库有 ${pending.length} 个待执行的迁移（${pending.slice(0, 5).join(', ')}${pending.length > 5 ? ' …' : ''}）。` +
        '请先以所有者账号执行 MIGRATION_DATABASE_URL=... npm run migrate，' +
        '或设置 MIGRATE_ON_START=true 与 MIGRATION_DATABASE_URL 让程序启动时执行。',
    );
  }
}

type Query = (sql: string) => Promise<Record<string, unknown>[]>;

/** The names in TypeORM's migrations table; undefined when the app's role may not read it (an older schema). */
export async function appliedMigrations(query: Query, table = 'migrations'): Promise<string[] | undefined> {
  const [{ found }] = (await query(`SELECT to_regclass('public.${table}') IS NOT NULL AS found`)) as {
    found: boolean;
  }[];
  if (!found) return [];
  const [{ readable }] = (await query(`SELECT has_table_privilege('public.${table}', 'SELECT') AS readable`)) as {
    readable: boolean;
  }[];
  if (!readable) return undefined;
  return ((await query(`SELECT name FROM public.${table} ORDER BY id`)) as { name: string }[]).map((r) => r.name);
}

/** Throws when the database has migrations the code does not know, or lacks some of the code's. */
async function assertSchemaCurrent(query: Query, codeMigrations: string[]): Promise<void> {
  const applied = await appliedMigrations(query);
  if (applied === undefined) throw new MigrationsPendingError(codeMigrations.slice(-1));
  const known = new Set(codeMigrations);
  const unknown = applied.filter((name) => !known.has(name));
  if (unknown.length > 0) throw new SchemaNewerError(unknown);
  const done = new Set(applied);
  const pending = codeMigrations.filter((name) => !done.has(name));
  if (pending.length > 0) throw new MigrationsPendingError(pending);
}

/**
 * What the app's login may do that it should not: be a superuser or create roles or databases, own (or be
 * a member of the owner of) any table or the database, or change the history. Empty when least-privilege.
 */
async function privilegeProblems(query: Query): Promise<string[]> {
  const [role] = (await query(`
    SELECT current_user AS name, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolreplication,
      EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace
              AND pg_has_role(current_user, c.relowner, 'MEMBER')) AS owns_tables,
      (SELECT pg_has_role(current_user, d.datdba, 'MEMBER') FROM pg_database d
        WHERE d.datname = current_database()) AS owns_database,
      has_schema_privilege('public', 'CREATE') AS creates_in_public,
      to_regclass('public.audit_events') IS NOT NULL
        AND (has_table_privilege('public.audit_events', 'UPDATE')
          OR has_table_privilege('public.audit_events', 'DELETE')
          OR has_table_privilege('public.audit_events', 'TRUNCATE')) AS changes_history
    FROM pg_roles WHERE rolname = current_user`)) as Record<string, unknown>[];
  const problems: string[] = [];
  const flags: [string, string][] = [
    ['rolsuper', '是超级用户'],
    ['rolcreaterole', '可创建角色 (CREATEROLE)'],
    ['rolcreatedb', '可创建数据库 (CREATEDB)'],
    ['rolbypassrls', '可绕过行级安全 (BYPASSRLS)'],
    ['rolreplication', '有复制权限 (REPLICATION)'],
    ['owns_tables', '拥有数据表或是其所有者角色的成员'],
    ['owns_database', '拥有数据库或是其所有者角色的成员'],
    ['creates_in_public', '可在 public 模式中建表'],
    ['changes_history', '可修改、删除或清空 audit_events'],
  ];
  for (const [column, problem] of flags) if (role?.[column] === true) problems.push(problem);
  return problems;
}

/** Both checks over one connection as the app; throws DatabaseStartupError with every problem found. */
export async function checkAppDatabase(appUrl: string, codeMigrations: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: appUrl });
  await client.connect();
  try {
    const query: Query = async (sql) => (await client.query(sql)).rows as Record<string, unknown>[];
    await assertSchemaCurrent(query, codeMigrations);
    const problems = await privilegeProblems(query);
    if (problems.length > 0) {
      const user = (await query('SELECT current_user AS u'))[0].u as string;
      throw new DatabaseStartupError(
        `DATABASE_URL 的账号 ${user} 权限过大：${problems.join('；')}。` +
          '程序须以自己的最小权限角色登录（见 docs/backup.md 与 docs/configuration.md 的 DATABASE_URL），迁移用 MIGRATION_DATABASE_URL。',
      );
    }
  } finally {
    await client.end();
  }
}
