import { readCaseForm, toRegisterBody } from './case-form.js';

describe('registration form fields', () => {
  const fields = {
    _csrf: 'token',
    caseType: ' 民间借贷纠纷 ',
    claimAmount: '100',
    claims: '请求',
    'parties[0].role': 'PLAINTIFF',
    'parties[0].kind': 'PERSON',
    'parties[0].name': '张三',
    'parties[0].idNumber': '11010519900101001x',
    'parties[0].creditCode': '91110105000000001A',
    'parties[0].phone': '',
    'parties[nab12].role': 'DEFENDANT',
    'parties[nab12].kind': 'ORGANIZATION',
    'parties[nab12].name': '某公司',
    'parties[nab12].idNumber': '110105199001010011',
    'parties[nab12].creditCode': '91110105000000001a',
    'parties[nab12].serviceAddress': '北京',
    'parties[0].__proto__': 'x',
    'parties[../x].name': 'ignored',
  };

  it('keeps the parties in page order and numbers them by position', () => {
    const form = readCaseForm(fields);
    expect(form.caseType).toBe('民间借贷纠纷');
    expect(form.parties.map((p) => [p.key, p.name])).toEqual([
      ['0', '张三'],
      ['1', '某公司'],
    ]);
  });

  it("sends only the fields of the party's kind, upper-cases identity numbers and leaves out empty fields", () => {
    const body = toRegisterBody(readCaseForm(fields));
    expect(body.parties[0]).toEqual({
      role: 'PLAINTIFF',
      kind: 'PERSON',
      name: '张三',
      idNumber: '11010519900101001X',
    });
    expect(body.parties[1]).toEqual({
      role: 'DEFENDANT',
      kind: 'ORGANIZATION',
      name: '某公司',
      creditCode: '91110105000000001A',
      serviceAddress: '北京',
    });
  });

  it('cuts a form with very many parties instead of rendering them all', () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 500; i++) many[`parties[${i}].name`] = `p${i}`;
    expect(readCaseForm(many).parties).toHaveLength(60);
  });

  it('sends the trial procedure and the 民初 number only with 先行调解, and the procedure chosen', () => {
    const choice = { procedure: 'POST_FILING', trialProcedure: 'SIMPLE', filingNumber: '（2026）京0105民初1号' };
    expect(toRegisterBody(readCaseForm({ ...fields, ...choice }))).toMatchObject(choice);
    const voluntary = toRegisterBody(readCaseForm({ ...fields, ...choice, procedure: 'VOLUNTARY' }));
    expect(voluntary).toMatchObject({ procedure: 'VOLUNTARY' });
    expect(voluntary).not.toHaveProperty('trialProcedure');
    expect(voluntary).not.toHaveProperty('filingNumber');
    expect(toRegisterBody(readCaseForm({ ...fields, procedure: 'POST_FILING', filingNumber: '' }))).not.toHaveProperty(
      'filingNumber',
    );
  });
});
