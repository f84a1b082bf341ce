// Finding and following a bank batch: the worklist by batch and by 银行业务编号, the batch's progress by status
// (each count with its cases and worklist), another court's batch 404; and the problem report in words a clerk
// acts on: no codes, the case on file by its number, an identity number Excel turned into a number.
import { bankRow, csvOf } from '../support/batch.js';
import { apiClient } from '../support/http.js';
import { referralClient } from '../support/referral.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Line {
  status: string;
  label: string;
  count: number;
  caseIds: string[];
  worklistUrl: string;
}

describe('intake: following a bank batch (e2e)', () => {
  let t: TestApp;
  let batchId: string;
  let caseIds: Map<string, string>;

  const { auth } = apiClient(() => t, { user: 'clerk' });
  const get = async (url: string, user = 'clerk') =>
    t
      .http()
      .get(url)
      .set(await auth(user));
  const upload = async (file: Buffer, batchRef?: string) => {
    const req = t
      .http()
      .post('/api/v1/cases/batches')
      .set(await auth());
    if (batchRef !== undefined) req.field('batchRef', batchRef);
    return req.attach('file', file, { filename: 'loans.csv', contentType: 'text/csv' });
  };

  beforeAll(async () => {
    t = await startTestApp();
    await t.seedCourt('京0105', '');
    await t.seedCourt('京0106', 'b_');
    // An empty batch number is none.
    const res = await upload(csvOf([1, 2, 3, 4, 5].map((n) => bankRow(n, {}, 'FB'))), '');
    expect(res.status).toBe(201);
    expect(res.body.batchRef).toBeNull();
    batchId = res.body.batchId;
    const list = await get(`/api/v1/cases?batchId=${batchId}&limit=100`);
    caseIds = new Map(list.body.items.map((c: { externalRef: string; id: string }) => [c.externalRef, c.id]));
    // Moved on through the API: a notice for two, then one consents on both sides and one is refused.
    const referral = referralClient(t);
    for (const ref of ['FB-000002', 'FB-000003', 'FB-000004']) {
      const notice = await referral.issueNotice(caseIds.get(ref)!);
      expect(notice.status).toBe(201);
    }
    const partiesOf = async (id: string) =>
      (await get(`/api/v1/cases/${id}`)).body.parties as { id: string; role: string }[];
    for (const party of await partiesOf(caseIds.get('FB-000003')!)) {
      expect((await referral.answer(caseIds.get('FB-000003')!, party.id, 'CONSENT')).status).toBe(201);
    }
    const refusing = (await partiesOf(caseIds.get('FB-000004')!)).find((p) => p.role === 'DEFENDANT')!;
    expect((await referral.answer(caseIds.get('FB-000004')!, refusing.id, 'REFUSE')).status).toBe(201);
  });
  afterAll(() => t.close());

  it('lists the batch in the worklist, and finds one case by its 银行业务编号', async () => {
    const res = await get(`/api/v1/cases?batchId=${batchId}`);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(5);
    const one = await get('/api/v1/cases?externalRef=FB-000003');
    expect(one.body.items.map((c: { id: string }) => c.id)).toEqual([caseIds.get('FB-000003')]);
    const both = await get(`/api/v1/cases?batchId=${batchId}&status=REGISTERED`);
    expect(both.body.items.map((c: { externalRef: string }) => c.externalRef).sort()).toEqual([
      'FB-000001',
      'FB-000005',
    ]);
    expect((await get('/api/v1/cases?batchId=not-a-batch')).status).toBe(400);
    // Another court's clerk finds none of them.
    expect((await get(`/api/v1/cases?batchId=${batchId}`, 'b_clerk')).body.items).toEqual([]);
  });

  it('gives the batch with its cases counted by status, each count with its cases', async () => {
    const res = await get(`/api/v1/cases/batches/${batchId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: batchId, batchRef: null, totalRows: 5, imported: 5, casesTotal: 5 });
    const lines = res.body.progress as Line[];
    expect(lines.slice(0, 10).map((l) => l.status)).toEqual([
      'REGISTERED',
      'NOTICE_ISSUED',
      'REFERRED',
      'ASSIGNED',
      'IN_MEDIATION',
      'SETTLED',
      'FAILED',
      'EXPIRED',
      'REFUSED',
      'TRANSFERRED',
    ]);
    const by = new Map(lines.map((l) => [l.status, l]));
    expect(by.get('REGISTERED')).toMatchObject({ label: '待发告知书', count: 2 });
    expect(by.get('REGISTERED')!.caseIds.sort()).toEqual([caseIds.get('FB-000001'), caseIds.get('FB-000005')].sort());
    expect(by.get('NOTICE_ISSUED')).toMatchObject({
      label: '待当事人答复',
      count: 1,
      caseIds: [caseIds.get('FB-000002')],
    });
    expect(by.get('REFERRED')).toMatchObject({ label: '待分派调解员', count: 1, caseIds: [caseIds.get('FB-000003')] });
    expect(by.get('REFUSED')).toMatchObject({ count: 1, caseIds: [caseIds.get('FB-000004')] });
    expect(by.get('SETTLED')).toMatchObject({ count: 0, caseIds: [] });
    const listed = await get(by.get('REFERRED')!.worklistUrl);
    expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([caseIds.get('FB-000003')]);
  });

  it("answers 404 for another court's batch and for a batch that is not there", async () => {
    const other = await get(`/api/v1/cases/batches/${batchId}`, 'b_clerk');
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('BATCH_NOT_FOUND');
    expect((await get('/api/v1/cases/batches/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('reports problems in words, names the case on file by its number, and explains an Excel-mangled ID', async () => {
    const res = await upload(
      csvOf([
        bankRow(3, {}, 'FB'),
        bankRow(6, { defendantIdNumber: '1.10105E+17' }, 'FB'),
        bankRow(7, { claimAmount: '-1' }, 'FB'),
      ]),
      '第二批',
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ imported: 0, duplicates: 1, failed: 2, batchRef: '第二批' });
    const csv = await get(`/api/v1/cases/batches/${res.body.batchId}/report?format=csv`);
    expect(csv.status).toBe(200);
    const lines = csv.text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('行号,结果,银行业务编号,列,问题及处理办法,本院已有的案件');
    // What a person reads has no codes and no ids.
    expect(csv.text).not.toMatch(/[A-Z]{2,}_[A-Z_]+/);
    expect(csv.text).not.toContain(caseIds.get('FB-000003'));
    const duplicate = lines.find((l) => l.startsWith('2,'))!;
    const number = (
      await t.dataSource.query('SELECT prelitigation_number AS n FROM cases WHERE id = $1', [caseIds.get('FB-000003')])
    )[0].n as string;
    expect(number).toBeTruthy();
    expect(duplicate).toContain(number);
    const mangled = lines.find((l) => l.startsWith('3,'))!;
    expect(mangled).toContain('1.10105E+17');
    expect(mangled).toContain('科学计数法');
    expect(mangled).toContain('设为“文本”格式');
  });
});
