import { getMetadataArgsStorage } from 'typeorm';
import { SnakeNamingStrategy } from '../database/snake-naming.strategy.js';
import {
  PARTY_DETAIL_COLUMNS,
  PARTY_DETAIL_PARAMS,
  partyDetailColumnList,
  partyDetailParams,
  partyDetailRow,
  unnestWithPartyDetails,
} from './party-columns.js';
import { Party } from './party.entity.js';

describe('the party detail columns', () => {
  const columns = getMetadataArgsStorage().columns.filter((c) => c.target === Party);
  const naming = new SnakeNamingStrategy();

  it.each(PARTY_DETAIL_COLUMNS.map((c) => [c.key, c.column]))(
    '%s is a text column of the Party entity named %s',
    (key, column) => {
      const entityColumn = columns.find((c) => c.propertyName === key);
      expect(entityColumn?.options.type).toBe('text');
      expect(naming.columnName(key, undefined, [])).toBe(column);
      expect(entityColumn?.options.nullable ?? false).toBe(!['role', 'kind', 'name'].includes(key));
    },
  );

  it('makes a row of an entered party: the name trimmed, what is not given null', () => {
    expect(partyDetailRow({ role: 'PLAINTIFF', kind: 'PERSON', name: ' 张三 ', phone: '13800138000' })).toEqual({
      role: 'PLAINTIFF',
      kind: 'PERSON',
      name: '张三',
      idNumber: null,
      creditCode: null,
      legalRepresentative: null,
      phone: '13800138000',
      address: null,
      serviceAddress: null,
    });
  });

  it('gives one array per detail, in the order of the column list', () => {
    const params = partyDetailParams([
      { role: 'PLAINTIFF', kind: 'PERSON', name: '张三', idNumber: '110101199001011234' },
      { role: 'DEFENDANT', kind: 'ORGANIZATION', name: '某公司', creditCode: '91110000100000000X' },
    ]);
    expect(Object.keys(params)).toEqual([...PARTY_DETAIL_PARAMS]);
    expect(params['parties.idNumber']).toEqual(['110101199001011234', null]);
    expect(params['parties.creditCode']).toEqual([null, '91110000100000000X']);
    expect(partyDetailColumnList('p')).toBe(
      'p.role, p.kind, p.name, p.id_number, p.credit_code, p.legal_representative, p.phone, p.address, p.service_address',
    );
  });

  it('writes the unnest of the details between the other arrays', () => {
    const at = Object.fromEntries(PARTY_DETAIL_PARAMS.map((name, i) => [name, `$${i + 2}`])) as Record<
      (typeof PARTY_DETAIL_PARAMS)[number],
      string
    >;
    expect(unnestWithPartyDetails(at, [['$1', 'uuid']], [['$11', 'text']])).toBe(
      'unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], ' +
        '$9::text[], $10::text[], $11::text[])',
    );
  });
});
