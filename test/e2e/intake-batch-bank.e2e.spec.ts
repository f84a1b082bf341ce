// A bank's own account (role BANK): created by the court's admin with the bank's name, it uploads its batches,
// sees those batches and their cases only (masked as lists show them), downloads the result file, and nothing
// else; another bank's batch or case, or the court's own, is 404.
import ExcelJS from 'exceljs';
import { DEMO_BANK_INSTITUTION } from '../../src/demo/demo-seed.js';
import { bankRows, csvOf } from '../support/batch.js';
import { apiClient, binary } from '../support/http.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

describe('intake: a bank’s own account (e2e)', () => {
  let t: TestApp;
  let bankBatch: string;
  let clerkBatch: string;
  const api = apiClient(() => t, { user: 'bank' });

  const upload = async (user: string, file: Buffer) =>
    t
      .http()
      .post('/api/v1/cases/batches')
      .set(await api.auth(user))
      .attach('file', file, { filename: 'loans.csv', contentType: 'text/csv' });
  const createUser = (body: object) =>
    api.post('admin', 'users', { displayName: '银行对接', password: TEST_PASSWORD, ...body });

  beforeAll(async () => {
    t = await startTestApp();
    await t.seedCourt('京0105', '');
    const own = await upload('bank', csvOf(bankRows(4, 'YH')));
    expect(own.status).toBe(201);
    bankBatch = own.body.batchId;
    clerkBatch = (await upload('clerk', csvOf(bankRows(2, 'FY')))).body.batchId;
  });
  afterAll(() => t.close());

  it('is created by the admin with the bank’s name, and holds no other role', async () => {
    const made = await createUser({ username: 'bank2', roles: ['BANK'], bankInstitution: '另一银行股份有限公司' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ roles: ['BANK'], bankInstitution: '另一银行股份有限公司' });
    const both = await createUser({ username: 'bank3', roles: ['BANK', 'CLERK'], bankInstitution: '某行' });
    expect(both.status).toBe(400);
    expect(both.body.details[0]).toMatchObject({ code: 'BANK_ROLE_ALONE' });
    const nameless = await createUser({ username: 'bank4', roles: ['BANK'] });
    expect(nameless.body.details[0]).toMatchObject({ code: 'BANK_INSTITUTION_REQUIRED' });
  });

  it('lists its own batches only, and follows them', async () => {
    const list = await api.get('bank', 'cases/batches');
    expect(list.status).toBe(200);
    expect(list.body.map((b: { id: string }) => b.id)).toEqual([bankBatch]);
    expect(list.body[0]).toMatchObject({ casesTotal: 4, settled: 0, ended: 0, open: 4 });
    const court = await api.get('clerk', 'cases/batches');
    expect(court.body.map((b: { id: string }) => b.id).sort()).toEqual([bankBatch, clerkBatch].sort());
    expect((await api.get('bank', `cases/batches/${bankBatch}`)).body.casesTotal).toBe(4);
    expect((await api.get('bank', `cases/batches/${clerkBatch}`)).status).toBe(404);
  });

  it('sees its batches’ cases masked, and no other case of the court', async () => {
    const all = await api.get('bank', 'cases?limit=100');
    expect(all.status).toBe(200);
    expect(all.body.items.map((c: { externalRef: string }) => c.externalRef).sort()).toEqual([
      'YH-000001',
      'YH-000002',
      'YH-000003',
      'YH-000004',
    ]);
    const one = await api.get('bank', `cases/${all.body.items[0].id}`);
    expect(one.status).toBe(200);
    const borrower = one.body.parties.find((p: { role: string }) => p.role === 'DEFENDANT');
    expect(borrower.idNumber).toMatch(/\*{4,}/);
    const courtCase = (await api.get('clerk', 'cases?externalRef=FY-000001')).body.items[0].id;
    expect((await api.get('bank', `cases/${courtCase}`)).status).toBe(404);
    expect((await api.get('bank', `cases?batchId=${clerkBatch}`)).body.items).toEqual([]);
  });

  it('downloads its result file; another bank gets 404, and every other route is 403', async () => {
    const res = await t
      .http()
      .get(`/api/v1/cases/batches/${bankBatch}/result?format=xlsx`)
      .set(await api.auth('bank'))
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as ArrayBuffer);
    expect(workbook.worksheets[0]!.rowCount).toBe(5);
    expect(workbook.worksheets[0]!.getRow(2).getCell(1).value).toBe('YH-000001');

    expect((await api.get('bank2', `cases/batches/${bankBatch}`)).status).toBe(404);
    expect((await api.get('bank2', `cases/batches/${bankBatch}/result`)).status).toBe(404);
    expect((await api.get('bank2', 'cases')).body.items).toEqual([]);
    const caseId = (await api.get('bank', 'cases?externalRef=YH-000001')).body.items[0].id;
    expect((await api.get('bank2', `cases/${caseId}`)).status).toBe(404);

    expect((await api.post('bank', `cases/batches/${bankBatch}/notices`)).status).toBe(403);
    expect((await api.get('bank', `cases/${caseId}/events`)).status).toBe(403);
    expect((await api.get('bank', 'statistics/monthly?month=2026-10')).status).toBe(403);
    expect(DEMO_BANK_INSTITUTION).toBe(bankRows(1)[0]!.plaintiffName);
  });
});
