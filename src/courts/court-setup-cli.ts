// `npm run court:setup -- --code 京0108 --name 北京市海淀区人民法院 --population 3130000 --admin hd_admin
// [--parent 京01]`: a new court on the database named by DATABASE_URL (migrated first when MIGRATION_DATABASE_URL
// names the owner), under the intermediate court `--parent` when given. The administrator's password comes from
// COURT_ADMIN_PASSWORD, or is generated and printed once. `--code 京0105 --parent 京01` alone puts an existing
// court under an intermediate court.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { parseArgs } from 'node:util';
import { DomainError } from '../common/errors.js';
import { appConnectionOptions, prepareDatabase } from '../database/database.js';
import { User } from '../auth/user.entity.js';
import { Court } from './court.entity.js';
import { setParentCourt, setUpCourt } from './court-setup.js';
import { Division } from './division.entity.js';

const { values } = parseArgs({
  options: {
    code: { type: 'string' },
    name: { type: 'string' },
    population: { type: 'string' },
    admin: { type: 'string', default: 'admin' },
    parent: { type: 'string' },
  },
});
const databaseUrl = process.env.DATABASE_URL;
const linkOnly = Boolean(values.code && values.parent && !values.name && !values.population);
if (!databaseUrl || !values.code || (!linkOnly && (!values.name || !values.population))) {
  console.error(
    '用法: DATABASE_URL=... npm run court:setup -- --code 京0108 --name 法院名称 --population 人口 [--admin 用户名] [--parent 上级法院代字]\n' +
      '      DATABASE_URL=... npm run court:setup -- --code 京0105 --parent 京01   （已有法院归属上级法院）',
  );
  process.exit(2);
}
const given = process.env.COURT_ADMIN_PASSWORD || undefined;
// 12 random characters plus a symbol, a capital and a digit: always meets the password policy.
const password = given ?? `${randomBytes(9).toString('base64url')}-A1`;

const ownerUrl = process.env.MIGRATION_DATABASE_URL || undefined;
await prepareDatabase({ appUrl: databaseUrl, ownerUrl, migrate: ownerUrl !== undefined, log: (l) => console.log(l) });
const dataSource = new DataSource({ ...appConnectionOptions(databaseUrl, 2), entities: [Court, Division, User] });
await dataSource.initialize();
try {
  if (linkOnly) {
    const court = await setParentCourt(dataSource, values.code, values.parent!);
    console.log(`法院 ${court.code} ${court.name} 已归属上级法院 ${values.parent}`);
  } else {
    const { court, admin } = await setUpCourt(dataSource, {
      code: values.code,
      name: values.name!,
      population: Number(values.population),
      adminUsername: values.admin,
      adminPassword: password,
      parentCode: values.parent,
    });
    console.log(`法院 ${court.code} ${court.name} 已创建，管理员 ${admin.username}`);
    console.log(!given ? `密码（仅显示这一次）: ${password}` : '密码: COURT_ADMIN_PASSWORD 所设');
  }
} catch (error) {
  if (!(error instanceof DomainError)) throw error;
  console.error(error.message);
  if (error.details) console.error(JSON.stringify(error.details, null, 2));
  process.exitCode = 1;
} finally {
  await dataSource.destroy();
}
