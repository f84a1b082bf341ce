import type { Party } from '../cases/party.entity.js';
import { normaliseIdentityText, RecordsIdentityVerifier } from './identity-verifier.js';

const person = { kind: 'PERSON', name: '张三', idNumber: '11010519491231002X', creditCode: null } as Party;
const company = {
  kind: 'ORGANIZATION',
  name: '北京某某有限公司',
  idNumber: null,
  creditCode: '91110105MA01ABCD2X',
} as Party;

describe('RecordsIdentityVerifier', () => {
  const verifier = new RecordsIdentityVerifier();

  it('matches the name and the last six characters, as people type them', async () => {
    expect((await verifier.verify(person, { name: ' 张 三', idSuffix: '31002x' })).matched).toBe(true);
    expect((await verifier.verify(person, { name: '张三', idSuffix: '３１００２Ｘ' })).matched).toBe(true);
    expect((await verifier.verify(company, { name: '北京某某有限公司', idSuffix: 'ABCD2X' })).matched).toBe(true);
  });

  it('refuses another name, another suffix, or a suffix of the wrong length', async () => {
    expect((await verifier.verify(person, { name: '李四', idSuffix: '31002X' })).matched).toBe(false);
    expect((await verifier.verify(person, { name: '张三', idSuffix: '310021' })).matched).toBe(false);
    expect((await verifier.verify(person, { name: '张三', idSuffix: '1002X' })).matched).toBe(false);
  });

  it('normalises full-width characters and spaces', () => {
    expect(normaliseIdentityText('ａｂ １２')).toBe('AB12');
  });
});
