// Setting up a court on a new deployment (新法院上线): the court, its standard divisions and its first
// administrator, who then creates the other users and divisions from the pages.
import argon2 from 'argon2';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, ValidationFailedError, type FieldError } from '../common/errors.js';
import { passwordProblems, USERNAME_PATTERN, USERNAME_RULE } from '../common/credential-rules.js';
import { User } from '../auth/user.entity.js';
import { Court, POPULATION_MAX, POPULATION_MIN } from './court.entity.js';
import { Division, type DivisionKind } from './division.entity.js';

/** The divisions every court has at the start; the demo court has the same. */
export const STANDARD_DIVISIONS: readonly [string, DivisionKind][] = [
  ['立案庭', 'FILING'],
  ['民一庭', 'TRIAL'],
  ['执行局', 'ENFORCEMENT'],
  ['审管办', 'MANAGEMENT'],
];

interface NewCourt {
  /** 法院代字 as used in case numbers: 京0105, 沪0115, 粤03. */
  code: string;
  name: string;
  population: number;
  adminUsername: string;
  adminPassword: string;
  /** 法院代字 of the court above (an intermediate court), to which closed months are submitted. */
  parentCode?: string;
}

const COURT_CODE = /^[\u4e00-\u9fff]\d{2,4}$/;

function newCourtProblems(spec: NewCourt): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, code: string, message: string) => errors.push({ field, code, message });
  if (!COURT_CODE.test(spec.code))
    add('code', 'COURT_CODE_INVALID', 'code：法院代字应为一个汉字加 2-4 位数字，如 京0105');
  if (spec.name.trim().length < 2 || spec.name.trim().length > 60) {
    add('name', 'COURT_NAME_INVALID', 'name：法院名称为 2-60 个字');
  }
  if (!Number.isInteger(spec.population) || spec.population < POPULATION_MIN || spec.population > POPULATION_MAX) {
    add('population', 'POPULATION_INVALID', 'population：辖区常住人口应为 1 至 1 亿之间的整数');
  }
  if (!USERNAME_PATTERN.test(spec.adminUsername)) {
    add('admin', 'USERNAME_INVALID', `admin：${USERNAME_RULE}`);
  }
  const weak = passwordProblems(spec.adminPassword, spec.adminUsername);
  if (weak) add('password', 'PASSWORD_POLICY', weak);
  return errors;
}

/** Creates the court, its standard divisions and its administrator in one transaction. */
export async function setUpCourt(dataSource: DataSource, spec: NewCourt): Promise<{ court: Court; admin: User }> {
  const problems = newCourtProblems(spec);
  if (problems.length > 0) throw new ValidationFailedError(problems);
  const passwordHash = await argon2.hash(spec.adminPassword);
  return dataSource.transaction(async (m) => {
    if (await m.exists(Court, { where: { code: spec.code } })) {
      throw new ConflictError('COURT_CODE_TAKEN', `法院代字 ${spec.code} 已存在`);
    }
    if (await m.exists(User, { where: { username: spec.adminUsername } })) {
      throw new ConflictError('USERNAME_TAKEN', `用户名 ${spec.adminUsername} 已被使用`);
    }
    const parent = spec.parentCode ? await parentCourt(m, spec.parentCode) : null;
    const court = await m.save(
      m.create(Court, {
        code: spec.code,
        name: spec.name.trim(),
        population: spec.population,
        parentCourtId: parent?.id ?? null,
      }),
    );
    await m.save(STANDARD_DIVISIONS.map(([name, kind]) => m.create(Division, { courtId: court.id, name, kind })));
    const admin = await m.save(
      m.create(User, {
        courtId: court.id,
        divisionId: null,
        username: spec.adminUsername,
        displayName: '系统管理员',
        passwordHash,
        roles: ['ADMIN'],
      }),
    );
    return { court, admin };
  });
}

/** 法院代字 of an intermediate court (中级法院): one character and two digits (京01, 粤03); a basic court has four. */
const INTERMEDIATE_COURT_CODE = /^[\u4e00-\u9fff]\d{2}$/;

/**
 * The court above, which must be an intermediate court: its code is one (京01), it has no court above it, and it
 * registers no cases of its own (a court that does is a basic court, whatever its code).
 */
async function parentCourt(m: EntityManager, code: string): Promise<Court> {
  const parent = await m.findOneBy(Court, { code });
  if (!parent) throw new NotFoundError('PARENT_COURT_NOT_FOUND', `上级法院 ${code} 不存在，请先设立上级法院`);
  if (parent.parentCourtId !== null) {
    throw new ConflictError('PARENT_COURT_NOT_INTERMEDIATE', `${code} 本身有上级法院，不能再作为上级法院`);
  }
  if (!INTERMEDIATE_COURT_CODE.test(parent.code)) {
    throw new ConflictError(
      'PARENT_COURT_NOT_INTERMEDIATE',
      `${code} 是基层法院的代字，不能作为上级法院（上级法院为中级法院，代字如 京01）`,
    );
  }
  const [{ found }] = await m.query('SELECT EXISTS (SELECT 1 FROM cases WHERE court_id = $1) AS found', [parent.id]);
  if (found === true) {
    throw new ConflictError('PARENT_COURT_NOT_INTERMEDIATE', `${code} 登记有案件，是基层法院，不能作为上级法院`);
  }
  return parent;
}

/**
 * Puts an existing court under an intermediate court (`court:setup -- --code 京0105 --parent 京01`). Months it
 * closes from then on are submitted to that court. A court that has already submitted months to its court above
 * is not moved: the court above's roll-ups of those months would change under it (its basic courts are the ones
 * under it now). Naming the same court above again changes nothing.
 */
export async function setParentCourt(dataSource: DataSource, code: string, parentCode: string): Promise<Court> {
  return dataSource.transaction(async (m) => {
    const court = await m.findOne(Court, { where: { code }, lock: { mode: 'pessimistic_write' } });
    if (!court) throw new NotFoundError('COURT_NOT_FOUND', `法院 ${code} 不存在`);
    if (code === parentCode) throw new ConflictError('PARENT_COURT_SELF', '法院不能是自己的上级法院');
    const parent = await parentCourt(m, parentCode);
    if (court.parentCourtId === parent.id) return court;
    if (await m.exists(Court, { where: { parentCourtId: court.id } })) {
      throw new ConflictError('COURT_HAS_CHILDREN', `${code} 已有下级法院，不能再归属其他法院`);
    }
    if (court.parentCourtId !== null) {
      const [{ found }] = await m.query(
        'SELECT EXISTS (SELECT 1 FROM statistics_snapshots WHERE court_id = $1 AND submitted_to_court_id = $2) AS found',
        [court.id, court.parentCourtId],
      );
      if (found === true) {
        throw new ConflictError(
          'COURT_HAS_SUBMISSIONS',
          `${code} 已向现在的上级法院报送过月度数据，改变归属会改写上级法院已有的汇总，不能改变`,
        );
      }
    }
    court.parentCourtId = parent.id;
    return m.save(court);
  });
}
