import { aCaseBody, creditCode, mobile, residentId } from '../support/builders.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** A registration body loose enough to break on purpose. */
type Body = Omit<ReturnType<typeof aCaseBody>, 'parties'> & { parties: Record<string, string>[] } & Record<
    string,
    unknown
  >;

/** Changes one thing in a valid body. */
const withChange = (change: (body: Body) => void): Body => {
  const body = structuredClone(aCaseBody({ n: 40 })) as unknown as Body;
  change(body);
  return body;
};

const wrongCheckDigit = (id: string) => id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
const wrongCheckChar = (code: string) => code.slice(0, 17) + (code[17] === '1' ? '2' : '1');

describe('intake: validation of a registration, field by field (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.seedCourt('京0105', '');
  });
  afterAll(() => t.close());

  const post = async (body: object) =>
    t
      .http()
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${await t.token('clerk')}`)
      .send(body);
  const countRows = async () =>
    (
      await t.dataSource.query(
        `SELECT (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM parties) AS parties,
                (SELECT count(*) FROM audit_events WHERE subject_type = 'CASE') AS events`,
      )
    )[0];

  it('registers a dispute between two natural persons', async () => {
    const body = withChange((b) => {
      b.parties[1] = {
        role: 'DEFENDANT',
        kind: 'PERSON',
        name: '李四',
        idNumber: residentId(41, '19851231'),
        phone: mobile(41),
        address: '北京市东城区东四大街5号',
        serviceAddress: '北京市东城区东四大街5号',
      };
    });
    const res = await post(body);
    expect(res.status).toBe(201);
    expect(res.body.parties.map((p: { kind: string }) => p.kind)).toEqual(['PERSON', 'PERSON']);
  });

  it('registers an organization’s claim against a natural person', async () => {
    const body = {
      caseType: '金融借款合同纠纷',
      claimAmount: 58000,
      claims: '请求判令被告归还借款本金58000元',
      parties: [
        {
          role: 'PLAINTIFF',
          kind: 'ORGANIZATION',
          name: '某某银行股份有限公司北京分行',
          creditCode: creditCode(42),
          legalRepresentative: '王行长',
        },
        {
          role: 'DEFENDANT',
          kind: 'PERSON',
          name: '赵六',
          idNumber: residentId(42),
          serviceAddress: '北京市丰台区丰台路3号',
        },
      ],
    };
    const res = await post(body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'REGISTERED', claimAmount: '58000.00' });
    expect(res.body.parties[0]).toMatchObject({ kind: 'ORGANIZATION', creditCode: creditCode(42) });
  });

  it.each<[string, string, string, (b: Body) => void]>([
    [
      'resident ID check digit',
      'parties[0].idNumber',
      'ID_NUMBER_INVALID',
      (b) => (b.parties[0].idNumber = wrongCheckDigit(residentId(40))),
    ],
    [
      'resident ID birth date (13th month)',
      'parties[0].idNumber',
      'ID_NUMBER_INVALID',
      (b) => (b.parties[0].idNumber = residentId(40, '19901301')),
    ],
    [
      'resident ID birth date (in the future)',
      'parties[0].idNumber',
      'ID_NUMBER_INVALID',
      (b) => (b.parties[0].idNumber = residentId(40, '20991231')),
    ],
    [
      'credit code check character',
      'parties[1].creditCode',
      'CREDIT_CODE_INVALID',
      (b) => (b.parties[1].creditCode = wrongCheckChar(creditCode(40))),
    ],
    ['mobile number', 'parties[0].phone', 'PHONE_INVALID', (b) => (b.parties[0].phone = '1380013800')],
    ['amount with three decimals', 'claimAmount', 'AMOUNT_INVALID', (b) => (b.claimAmount = '100.125')],
    ['negative amount', 'claimAmount', 'AMOUNT_INVALID', (b) => (b.claimAmount = '-1.00')],
    ['too large amount', 'claimAmount', 'AMOUNT_INVALID', (b) => (b.claimAmount = '100000000000.01')],
    ['missing case type', 'caseType', 'IS_STRING', (b) => delete (b as Partial<Body>).caseType],
    ['missing claims', 'claims', 'IS_STRING', (b) => delete (b as Partial<Body>).claims],
    ['missing party name', 'parties[0].name', 'IS_LENGTH', (b) => (b.parties[0].name = '')],
    ['missing service address', 'parties[1].serviceAddress', 'REQUIRED', (b) => delete b.parties[1].serviceAddress],
    ['missing plaintiff ID number', 'parties[0].idNumber', 'REQUIRED', (b) => delete b.parties[0].idNumber],
    ['missing defendant', 'parties', 'DEFENDANT_REQUIRED', (b) => (b.parties[1].role = 'THIRD_PARTY')],
    ['over-long claims', 'claims', 'IS_LENGTH', (b) => (b.claims = '请'.repeat(5001))],
    ['over-long address', 'parties[0].address', 'MAX_LENGTH', (b) => (b.parties[0].address = '路'.repeat(301))],
    ['over-long name', 'parties[0].name', 'IS_LENGTH', (b) => (b.parties[0].name = '名'.repeat(101))],
    ['unknown case type', 'caseType', 'CASE_TYPE_UNKNOWN', (b) => (b.caseType = '不存在的案由')],
    ['unknown party role', 'parties[0].role', 'IS_IN', (b) => (b.parties[0].role = 'WITNESS')],
  ])('refuses a bad %s, naming %s (%s), and writes nothing', async (_name, field, code, change) => {
    const before = await countRows();
    const res = await post(withChange(change));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toContainEqual(expect.objectContaining({ field, code }));
    expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await countRows()).toEqual(before);
  });
});
