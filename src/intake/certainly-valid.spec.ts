import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { certainlyValidListQuery, ListCasesQuery } from './list-cases.dto.js';
import { certainlyValidRegistration, RegisterCaseDto } from './register-case.dto.js';

// The pipe's options (src/common/http/validation.pipe.ts).
const OPTIONS = { whitelist: true, forbidNonWhitelisted: true };

const plaintiff = {
  role: 'PLAINTIFF',
  kind: 'PERSON',
  name: '张三',
  idNumber: '110105199001011234',
  phone: '13800138000',
};
const defendant = {
  role: 'DEFENDANT',
  kind: 'ORGANIZATION',
  name: '北京某某科技有限公司',
  creditCode: '91110105MA01ABCD1X',
  legalRepresentative: '李四',
  address: '北京市朝阳区望京街10号',
  serviceAddress: '北京市朝阳区望京街10号',
};
const body = {
  caseType: '民间借贷纠纷',
  claimAmount: '12000.50',
  claims: '请求判令被告归还借款',
  parties: [plaintiff, defendant],
};

const registrations: Record<string, unknown> = {
  valid: body,
  'with externalRef': { ...body, externalRef: 'JK-1' },
  'numeric amount': { ...body, claimAmount: 12000 },
  'null optional': { ...body, parties: [{ ...plaintiff, phone: null }, defendant] },
  'unknown field': { ...body, extra: 1 },
  'unknown party field': { ...body, parties: [{ ...plaintiff, age: 30 }, defendant] },
  'one party': { ...body, parties: [plaintiff] },
  '51 parties': { ...body, parties: Array.from({ length: 51 }, () => plaintiff) },
  'party not an object': { ...body, parties: [plaintiff, 'x'] },
  'party an array': { ...body, parties: [plaintiff, [defendant]] },
  'bad role': { ...body, parties: [{ ...plaintiff, role: 'JUDGE' }, defendant] },
  'empty name': { ...body, parties: [{ ...plaintiff, name: '' }, defendant] },
  'name of 101': { ...body, parties: [{ ...plaintiff, name: '张'.repeat(101) }, defendant] },
  'name of 100 rare characters': { ...body, parties: [{ ...plaintiff, name: '𠮷'.repeat(100) }, defendant] },
  'name a variation selector': { ...body, parties: [{ ...plaintiff, name: '\uFE0F' }, defendant] },
  'numeric name': { ...body, parties: [{ ...plaintiff, name: 5 }, defendant] },
  'empty claims': { ...body, claims: '' },
  'claims of 5001': { ...body, claims: '请'.repeat(5001) },
  'no caseType': { ...body, caseType: undefined },
  'numeric caseType': { ...body, caseType: 3 },
  'empty externalRef': { ...body, externalRef: '' },
  'address of 301': { ...body, parties: [plaintiff, { ...defendant, address: '路'.repeat(301) }] },
  'empty legal representative': { ...body, parties: [plaintiff, { ...defendant, legalRepresentative: '' }] },
  'parties an object': { ...body, parties: { 0: plaintiff, 1: defendant } },
};

const listQueries: Record<string, unknown> = {
  none: {},
  status: { status: 'REGISTERED' },
  statuses: { status: 'REGISTERED,NOTICE_ISSUED' },
  'empty status': { status: '' },
  'cursor and limit': { status: ['ASSIGNED'], cursor: 'abc', limit: '50' },
  'bad status': { status: 'NOPE' },
  'limit 0': { limit: '0' },
  'limit 101': { limit: '101' },
  'limit text': { limit: 'x' },
  'limit 1.5': { limit: '1.5' },
  'empty cursor': { cursor: '' },
  'a filter': { status: 'REGISTERED', q: '张三' },
  'unknown field': { sort: 'asc' },
};

async function classValidatorErrors(dto: new () => object, plain: unknown): Promise<number> {
  return (await validate(plainToInstance(dto, plain) as object, OPTIONS)).length;
}

describe('certainly valid, before class-validator', () => {
  it.each(Object.entries(registrations))(
    'registration %s: valid by the check only where class-validator finds nothing',
    async (_name, plain) => {
      const dto = plainToInstance(RegisterCaseDto, plain);
      if (certainlyValidRegistration(dto)) expect(await classValidatorErrors(RegisterCaseDto, plain)).toBe(0);
    },
  );

  it.each(Object.entries(listQueries))(
    'worklist query %s: valid by the check only where class-validator finds nothing',
    async (_name, plain) => {
      const dto = plainToInstance(ListCasesQuery, plain);
      if (certainlyValidListQuery(dto)) expect(await classValidatorErrors(ListCasesQuery, plain)).toBe(0);
    },
  );

  it('takes the ordinary valid bodies and queries without class-validator', () => {
    for (const name of ['valid', 'with externalRef', 'numeric amount', 'null optional']) {
      expect([name, certainlyValidRegistration(plainToInstance(RegisterCaseDto, registrations[name]))]).toEqual([
        name,
        true,
      ]);
    }
    for (const name of ['none', 'status', 'statuses', 'empty status', 'cursor and limit']) {
      expect([name, certainlyValidListQuery(plainToInstance(ListCasesQuery, listQueries[name]))]).toEqual([name, true]);
    }
  });
});
