import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DEFAULT_LEGACY_UNTIL, type FilingNumberSource } from '../cases/procedure.js';
import { Court } from '../courts/court.entity.js';
import { STANDARD_DIVISIONS } from '../courts/court-setup.js';
import { Division } from '../courts/division.entity.js';
import type { Role } from '../common/role.js';
import { User } from '../auth/user.entity.js';
import { passwordProblems } from '../common/credential-rules.js';
import { DemoQueries } from './demo-queries.js';

export interface CourtSpec {
  code: string;
  name: string;
  population: number;
  /** Prefix for usernames, so several courts can coexist (`''` gives `clerk`, `judge`...). */
  usernamePrefix: string;
  password: string;
  /** The court's switch to the 2025 procedure (default 2025-01-01); a later date keeps the old one open. */
  legacyUntil?: string;
  filingNumbers?: FilingNumberSource;
}

export interface SeededCourt {
  court: Court;
  divisions: Record<string, Division>;
  users: Record<DemoUser, User>;
}

export type DemoUser = 'clerk' | 'coordinator' | 'mediator' | 'judge' | 'enforcer' | 'statistician' | 'admin' | 'bank';

/** The demo bank account's institution (the applicant of the demo's bank batches). */
export const DEMO_BANK_INSTITUTION = '某某银行股份有限公司北京分行';

const STAFF: [DemoUser, string, Role[], string | null][] = [
  ['clerk', '王立案', ['CLERK'], '立案庭'],
  ['coordinator', '李协调', ['COORDINATOR'], '立案庭'],
  ['mediator', '赵调解', ['MEDIATOR'], null],
  ['judge', '陈法官', ['JUDGE'], '民一庭'],
  ['enforcer', '刘执行', ['ENFORCEMENT'], '执行局'],
  ['statistician', '孙统计', ['STATISTICIAN'], '审管办'],
  ['admin', '周管理', ['ADMIN'], null],
  ['bank', '吴银行', ['BANK'], null],
];

/** The demo court's usernames (the start-up banner lists them; DEMO_PASSWORD is checked against them). */
export { DEMO_USERNAMES } from '../config/demo-users.js';

/** A court with its divisions and one user per role. Used by the demo seed and by tests. */
export async function seedCourt(dataSource: DataSource, spec: CourtSpec): Promise<SeededCourt> {
  const passwordHash = await argon2.hash(spec.password);
  return dataSource.transaction(async (manager) => {
    const court = await manager.save(
      manager.create(Court, {
        code: spec.code,
        name: spec.name,
        population: spec.population,
        legacyUntil: spec.legacyUntil ?? DEFAULT_LEGACY_UNTIL,
        filingNumbers: spec.filingNumbers ?? 'OWN',
      }),
    );
    const divisions: Record<string, Division> = {};
    for (const [name, kind] of STANDARD_DIVISIONS) {
      divisions[name] = await manager.save(manager.create(Division, { courtId: court.id, name, kind }));
    }
    const users = {} as Record<DemoUser, User>;
    for (const [key, displayName, roles, division] of STAFF) {
      users[key] = await manager.save(
        manager.create(User, {
          courtId: court.id,
          divisionId: division ? divisions[division].id : null,
          username: `${spec.usernamePrefix}${key}`,
          displayName,
          passwordHash,
          roles,
          bankInstitution: roles.includes('BANK') ? DEMO_BANK_INSTITUTION : null,
        }),
      );
    }
    return { court, divisions, users };
  });
}

/** Hooks that later modules add to the demo (roster entries, notice rules...). */
type DemoExtension = (dataSource: DataSource, seeded: SeededCourt) => Promise<void>;
const demoExtensions: DemoExtension[] = [];
export function registerDemoExtension(extension: DemoExtension): void {
  demoExtensions.push(extension);
}

/** A random password that meets the policy (12 characters from three classes, with a symbol added). */
function generatedPassword(): string {
  for (;;) {
    const candidate = `${randomBytes(9).toString('base64url')}-${randomBytes(1)[0] % 10}`;
    if (passwordProblems(candidate) === null) return candidate;
  }
}

/** On an empty database: court 京0105 and one user per role. Prints the password once if it was generated. */
export async function seedDemoIfEmpty(
  app: INestApplication,
  demoPassword?: string,
  log: (line: string) => void = console.log,
): Promise<boolean> {
  const dataSource: DataSource = app.get<DataSource>(getDataSourceToken());
  if ((await new DemoQueries(dataSource).courtCount()) > 0) return false;
  const password = demoPassword ?? generatedPassword();
  const seeded = await seedCourt(dataSource, {
    code: '京0105',
    name: '北京市朝阳区人民法院',
    population: 3_446_000,
    usernamePrefix: '',
    password,
    // On the 2025 procedure, numbering its own 民初 cases: a window registration is 先行调解 by default.
    legacyUntil: DEFAULT_LEGACY_UNTIL,
    filingNumbers: 'OWN',
  });
  // The notice prints the court's contacts and the rating page; the demo's pages are on this machine.
  await dataSource.getRepository(Court).update(seeded.court.id, {
    phone: '010-85990000',
    address: '北京市朝阳区朝阳公园南路1号',
    publicUrl: `http://localhost:${process.env.PORT ?? 3000}`,
  });
  for (const extend of demoExtensions) await extend(dataSource, seeded);
  const names = STAFF.map(([key]) => key).join(', ');
  log(`演示法院 京0105 已创建。用户: ${names}`);
  log(demoPassword ? '密码: DEMO_PASSWORD 所设' : `密码（仅显示这一次）: ${password}`);
  return true;
}
