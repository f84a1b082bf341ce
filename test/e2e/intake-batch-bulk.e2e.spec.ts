// A bank's batch in bulk (issue 30): uploaded, every notice issued in one run and printed as one PDF, the answers
// recorded from the returned sheet, assigned in bulk, the outcomes recorded from the bank's settlement list, and
// the result file read back against the cases. Each refusal is reported by row with the good rows applied.
import { jest } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { bankRows, csvOf } from '../support/batch.js';
import { createMediator, createOrganization } from '../support/assignment.js';
import { apiClient, binary } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ReferralNoticeService } from '../../src/referral/referral-notice.service.js';
import { ratingCodeFor } from '../../src/referral/rating-code.js';
import { TEST_JWT_SECRET } from '../support/statistics.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CASES = 24;
const FIN = '金融借款合同纠纷';
const ref = (n: number) => `BK-${String(n).padStart(6, '0')}`;

interface Line {
  row?: number;
  caseId: string | null;
  externalRef: string | null;
  result: 'DONE' | 'REFUSED' | 'SKIPPED';
  code?: string;
  httpStatus?: number;
  reason?: string;
}

describe('intake: a bank batch in bulk, from upload to the result file (e2e)', () => {
  let t: TestApp;
  let batchId: string;
  let otherBatchId: string;
  const ids = new Map<string, string>();
  const api = apiClient(() => t, { user: 'clerk' });

  const upload = async (file: Buffer, batchRef: string) =>
    t
      .http()
      .post('/api/v1/cases/batches')
      .set(await api.auth())
      .field('batchRef', batchRef)
      .attach('file', file, { filename: 'loans.csv', contentType: 'text/csv' });
  const sendSheet = async (user: string, path: string, file: Buffer, filename: string) =>
    t
      .http()
      .post(`/api/v1/cases/batches/${path}`)
      .set(await api.auth(user))
      .attach('file', file, { filename, contentType: 'application/octet-stream' });
  const download = async (user: string, path: string): Promise<Response & { body: Buffer }> =>
    t
      .http()
      .get(`/api/v1/cases/batches/${path}`)
      .set(await api.auth(user))
      .buffer(true)
      .parse(binary);
  const caseOf = async (n: number) => (await api.get('clerk', `cases/${ids.get(ref(n))}`)).body;
  const workbookOf = async (bytes: Buffer) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    return workbook;
  };
  const rowsOf = (sheet: ExcelJS.Worksheet) => {
    const rows: string[][] = [];
    sheet.eachRow((row) =>
      rows.push(
        Array.from(row.values as unknown[])
          .slice(1)
          .map((v) => (v == null ? '' : String(v))),
      ),
    );
    return rows;
  };
  const xlsxOf = async (rows: string[][]) => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('回执');
    rows.forEach((r) => sheet.addRow(r));
    return Buffer.from(await workbook.xlsx.writeBuffer());
  };

  beforeAll(async () => {
    t = await startTestApp();
    await t.seedCourt('京0105', '');
    await t.seedCourt('京0106', 'b_');
    const res = await upload(csvOf(bankRows(CASES, 'BK')), 'BANK-2026-11');
    expect(res.status).toBe(201);
    expect(res.body.imported).toBe(CASES);
    batchId = res.body.batchId;
    const other = await upload(csvOf(bankRows(2, 'OT')), 'BANK-OTHER');
    otherBatchId = other.body.batchId;
    const list = await api.get('clerk', `cases?batchId=${batchId}&limit=100`);
    for (const c of list.body.items as { id: string; externalRef: string }[]) ids.set(c.externalRef, c.id);
    expect(ids.size).toBe(CASES);
  });
  afterAll(() => t.close());

  it('issues every notice of the batch in one run, and a second run skips them all', async () => {
    const res = await api.post('clerk', `cases/batches/${batchId}/notices`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ batchId, step: 'notices', total: CASES, done: CASES, refused: 0, skipped: 0 });
    expect((res.body.lines as Line[]).map((l) => l.externalRef)).toEqual(
      Array.from({ length: CASES }, (_, i) => ref(i + 1)),
    );
    // The same history as a single notice.
    const events = await api.get('clerk', `cases/${ids.get(ref(1))}/events`);
    expect(JSON.stringify(events.body)).toContain('NOTICE_ISSUED');

    const again = await api.post('clerk', `cases/batches/${batchId}/notices`);
    expect(again.body).toMatchObject({ done: 0, skipped: CASES });
    expect(again.body.lines[0]).toMatchObject({ result: 'SKIPPED', code: 'NOT_IN_STATE' });
    expect(again.body.lines[0].reason).toContain('已发告知书');
  });

  it('prints every notice as one PDF: a cover list, then one copy per party', async () => {
    const res = await download('clerk', `${batchId}/notices/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(res.body.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = res.body.toString('latin1').match(/\/Type \/Page\b/g) ?? [];
    // The cover, then two parties' copies of each of the 24 notices (a copy is one or two pages).
    expect(pages.length).toBeGreaterThanOrEqual(1 + 2 * CASES);
    expect((await download('b_clerk', `${batchId}/notices/pdf`)).status).toBe(404);
  });

  it('prints the rating codes for the window only: the clerk’s service copies have them, the coordinator’s copies none', async () => {
    const caseId = ids.get(ref(1))!;
    const parties: { id: string }[] = await t.dataSource.query('SELECT id FROM parties WHERE case_id = $1', [caseId]);
    const textOf = (pdf: Buffer) => {
      const file = join(mkdtempSync(join(tmpdir(), 'batch-notices-')), 'notices.pdf');
      writeFileSync(file, pdf);
      return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).replace(
        /\s+/g,
        '',
      );
    };
    const printed = async (action: string) =>
      (
        await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE subject_id = $1 AND action = $2`, [
          caseId,
          action,
        ])
      )[0].n as number;
    const before = await printed('NOTICE_SERVICE_COPY_PRINTED');
    const served = textOf((await download('clerk', `${batchId}/notices/pdf`)).body);
    for (const p of parties) expect(served).toContain(`群众评价码：${ratingCodeFor(TEST_JWT_SECRET, p.id)}`);
    expect(await printed('NOTICE_SERVICE_COPY_PRINTED')).toBe(before + 1);

    const filed = await printed('CASE_DOCUMENT_PRINTED');
    const fileCopies = textOf((await download('coordinator', `${batchId}/notices/pdf`)).body);
    for (const p of parties) expect(fileCopies).not.toContain(ratingCodeFor(TEST_JWT_SECRET, p.id));
    expect(fileCopies).toContain('存档本不印评价码');
    expect(await printed('CASE_DOCUMENT_PRINTED')).toBe(filed + 1);
  });

  it('gives the answer sheet prefilled with every party still to answer', async () => {
    const res = await download('clerk', `${batchId}/answer-sheet?format=xlsx`);
    expect(res.status).toBe(200);
    const rows = rowsOf((await workbookOf(res.body)).worksheets[0]!);
    expect(rows[0]).toEqual([
      '银行业务编号',
      '案号',
      '当事人姓名',
      '当事人身份',
      '答复',
      '答复方式',
      '答复日期',
      '备注',
    ]);
    expect(rows).toHaveLength(1 + 2 * CASES);
    expect(rows[1]!.slice(0, 4)).toEqual([
      ref(1),
      expect.stringContaining('告字'),
      '某某银行股份有限公司北京分行',
      '申请人',
    ]);
    expect(rows[2]!.slice(2, 4)).toEqual(['借款人1', '被申请人']);
  });

  it('records the answers of a returned sheet: good rows applied, each bad row reported by row', async () => {
    const sheet = await download('clerk', `${batchId}/answer-sheet?format=xlsx`);
    const prefilled = rowsOf((await workbookOf(sheet.body)).worksheets[0]!);
    const header = prefilled[0]!;
    const filled = prefilled.slice(1).map((r) => {
      const n = Number(r[0]!.slice(3));
      const defendant = r[3] === '被申请人';
      const answer = n === 21 && defendant ? '不同意' : n === 22 && defendant ? '也许' : '同意';
      const name = n === 23 && defendant ? '张三' : r[2]!;
      return [r[0]!, r[1]!, name, r[3]!, answer, n % 2 === 0 ? '电话' : '', '', ''];
    });
    const kept = filled.filter((r) => r[0] !== ref(24));
    // A case of another court, named by its reference: not found (that court's cases are not this court's to name).
    const far = await t
      .http()
      .post('/api/v1/cases/batches')
      .set(await api.auth('b_clerk'))
      .attach('file', csvOf(bankRows(1, 'FC')), { filename: 'loans.csv', contentType: 'text/csv' });
    expect(far.body.imported).toBe(1);
    const rows = [
      header,
      ...kept,
      ['NOPE-1', '', '借款人1', '', '同意', '', '', ''],
      ['OT-000001', '', '借款人1', '', '同意', '', '', ''],
      ['FC-000001', '', '借款人1', '', '同意', '', '', ''],
    ];
    const res = await sendSheet('clerk', `${batchId}/answers`, await xlsxOf(rows), 'answers.xlsx');
    expect(res.status).toBe(200);
    const lines = res.body.lines as Line[];
    const rowOf = (n: number, role: string) => 2 + kept.findIndex((r) => r[0] === ref(n) && r[3] === role);
    const at = (row: number) => lines.find((l) => l.row === row)!;
    expect(at(rowOf(22, '被申请人'))).toMatchObject({
      result: 'REFUSED',
      code: 'DECISION_INVALID',
      externalRef: ref(22),
    });
    expect(at(rowOf(22, '被申请人')).reason).toContain('也许');
    expect(at(rowOf(23, '被申请人'))).toMatchObject({ result: 'REFUSED', code: 'PARTY_NOT_IN_CASE' });
    expect(at(rowOf(22, '申请人'))).toMatchObject({ result: 'DONE' });
    expect(at(kept.length + 2)).toMatchObject({ result: 'REFUSED', code: 'CASE_NOT_FOUND', externalRef: 'NOPE-1' });
    expect(at(kept.length + 3)).toMatchObject({
      result: 'REFUSED',
      code: 'CASE_NOT_IN_BATCH',
      externalRef: 'OT-000001',
    });
    expect(at(kept.length + 4)).toMatchObject({ result: 'REFUSED', code: 'CASE_NOT_FOUND', externalRef: 'FC-000001' });
    expect(at(kept.length + 4).reason).not.toContain('另一批次');
    expect(res.body).toMatchObject({ total: kept.length + 3, refused: 5, done: kept.length - 2 });

    expect((await caseOf(1)).status).toBe('REFERRED');
    expect((await caseOf(20)).status).toBe('REFERRED');
    expect((await caseOf(21)).status).toBe('REFUSED');
    expect((await caseOf(22)).status).toBe('NOTICE_ISSUED');
    const answers = await api.get('clerk', `cases/${ids.get(ref(2))}/answers`);
    expect(answers.body.map((a: { channel: string }) => a.channel)).toEqual(['PHONE', 'PHONE']);

    // Sent again: the cases the answers moved on are no longer waiting for one.
    const again = await sendSheet('clerk', `${batchId}/answers`, await xlsxOf(rows.slice(0, 3)), 'answers.xlsx');
    expect({ status: again.status, body: again.body }).toMatchObject({ status: 200 });
    expect(again.body.lines.map((l: Line) => [l.result, l.code])).toEqual([
      ['SKIPPED', 'NOT_IN_STATE'],
      ['SKIPPED', 'NOT_IN_STATE'],
    ]);
  });

  it('checks a sheet row by the single request’s own rules: a 备注 over 500 characters is refused by row', async () => {
    const header = ['银行业务编号', '案号', '当事人姓名', '当事人身份', '答复', '答复方式', '答复日期', '备注'];
    const long = [ref(22), '', '借款人22', '被申请人', '同意', '', '', '备'.repeat(501)];
    const res = await sendSheet('clerk', `${batchId}/answers`, await xlsxOf([header, long]), 'answers.xlsx');
    expect(res.status).toBe(200);
    expect(res.body.lines).toEqual([
      expect.objectContaining({
        row: 2,
        result: 'REFUSED',
        code: 'VALIDATION_FAILED',
        httpStatus: 400,
        reason: '备注应为 1 至 500 字',
      }),
    ]);
    expect((await caseOf(22)).status).toBe('NOTICE_ISSUED');
    const answers = await api.get('clerk', `cases/${ids.get(ref(22))}/answers`);
    expect(answers.body.map((a: { decision: string }) => a.decision)).toEqual(['CONSENT']);
  });

  it('refuses a sheet without the columns, another court, and roles the steps are not theirs', async () => {
    const bad = await sendSheet('clerk', `${batchId}/answers`, await xlsxOf([['银行业务编号', '意见书']]), 'a.xlsx');
    expect(bad.status).toBe(400);
    expect((await api.post('b_clerk', `cases/batches/${batchId}/notices`)).status).toBe(404);
    expect((await api.post('coordinator', `cases/batches/${batchId}/notices`)).status).toBe(403);
    const outcomes = await sendSheet(
      'clerk',
      `${batchId}/outcomes`,
      await xlsxOf([['银行业务编号', '调解结果']]),
      'o.xlsx',
    );
    expect(outcomes.status).toBe(403);
  });

  it('assigns the referred cases in bulk, records the settlement list, and gives the result file', async () => {
    const org = await createOrganization(t, 'coordinator', { name: '金融纠纷调解中心', kind: 'INDUSTRY' });
    await createMediator(t, 'coordinator', org.id, { name: '金融调解员', specialties: [FIN], capacity: 50 });
    const referred = Array.from({ length: 20 }, (_, i) => ids.get(ref(i + 1))!);
    const assigned = await api.post('coordinator', 'assignments/bulk', {
      organizationId: org.id,
      caseType: FIN,
      caseIds: referred,
      reason: '银行批量案件集中委派',
    });
    expect(assigned.status).toBe(201);
    expect(assigned.body.assigned).toBe(20);

    const header = ['银行业务编号', '调解结果', '协议金额', '履行期限', '结案方式', '无争议事实'];
    const settled = Array.from({ length: 15 }, (_, i) => [
      ref(i + 1),
      '调解成功',
      `${40000 + i}.00`,
      '2030-12-31',
      '自动履行',
      '',
    ]);
    const failed = [16, 17, 18].map((n) => [ref(n), '调解不成', '', '', '', '借款事实清楚，双方对还款金额未达成一致']);
    const csv = Buffer.from(
      '\ufeff' +
        [
          header,
          ...settled,
          ...failed,
          [ref(19), '再议', '', '', '', ''],
          [ref(21), '调解成功', '1.00', '', '自动履行', ''],
        ]
          .map((r) => r.join(','))
          .join('\n'),
    );
    const res = await sendSheet('coordinator', `${batchId}/outcomes`, csv, 'settlements.csv');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ step: 'outcomes', total: 20, done: 18, refused: 1, skipped: 1 });
    const lines = res.body.lines as Line[];
    expect(lines[18]).toMatchObject({ row: 20, result: 'REFUSED', code: 'RESULT_INVALID', externalRef: ref(19) });
    expect(lines[19]).toMatchObject({ row: 21, result: 'SKIPPED', externalRef: ref(21) });
    expect((await caseOf(1)).status).toBe('SETTLED');
    expect((await caseOf(16)).status).toBe('FAILED');

    const file = await download('clerk', `${batchId}/result?format=xlsx`);
    expect(file.status).toBe(200);
    const rows = rowsOf((await workbookOf(file.body)).worksheets[0]!);
    expect(rows[0]!.slice(0, 3)).toEqual(['银行业务编号', '案件状态', '调解结果']);
    expect(rows).toHaveLength(1 + CASES);
    for (let n = 1; n <= CASES; n += 1) {
      const c = await caseOf(n);
      const row = rows[n]!;
      expect(row[0]).toBe(ref(n));
      expect(row[1]).toBe(c.statusLabel);
      expect(row[10] ?? '').toBe(c.prelitigationNumber ?? '');
    }
    expect(rows[1]!.slice(2, 7)).toEqual(['调解成功', '自动履行', '40000', '2030-12-31', '']);
    expect(rows[16]!.slice(2, 5)).toEqual(['调解不成', '', '']);

    const csvFile = await download('coordinator', `${batchId}/result?format=csv`);
    const records: string[][] = parse(csvFile.body, { bom: true });
    expect(records[1]!.slice(0, 5)).toEqual([ref(1), '调解成功', '调解成功', '自动履行', '40000.00']);
    expect((await download('b_clerk', `${otherBatchId}/result`)).status).toBe(404);
  });

  it('reports a case a clerk changed during the run with its 409, and goes on with the others', async () => {
    const res = await upload(csvOf(bankRows(3, 'RACE')), 'BANK-RACE');
    const race = res.body.batchId as string;
    const list = await api.get('clerk', `cases?batchId=${race}&limit=10`);
    const byRef = new Map((list.body.items as { id: string; externalRef: string }[]).map((c) => [c.externalRef, c.id]));
    const raced = byRef.get('RACE-000003')!;
    const defendant = (await api.get('clerk', `cases/${raced}`)).body.parties.find(
      (p: { role: string }) => p.role === 'DEFENDANT',
    );
    // While the run issues its first notice, a clerk verifies the address of the batch's last case.
    const notices = t.app.get(ReferralNoticeService);
    const issue = notices.issue.bind(notices);
    const spy = jest.spyOn(notices, 'issue').mockImplementationOnce(async (...args) => {
      const verified = await api.post('clerk', `cases/${raced}/address-verification`, {
        partyId: defendant.id,
        method: 'PHONE',
        result: 'CONFIRMED',
      });
      expect(verified.status).toBe(201);
      return issue(...args);
    });
    const run = await api.post('clerk', `cases/batches/${race}/notices`);
    spy.mockRestore();
    expect(run.body).toMatchObject({ done: 2, refused: 1 });
    expect(run.body.lines[2]).toMatchObject({
      externalRef: 'RACE-000003',
      result: 'REFUSED',
      code: 'STALE_VERSION',
      httpStatus: 409,
    });
    expect((await api.get('clerk', `cases/${raced}`)).body.status).toBe('REGISTERED');
    // Run again, the case is taken.
    expect((await api.post('clerk', `cases/batches/${race}/notices`)).body).toMatchObject({ done: 1, skipped: 2 });
  });

  it('files the voluntary cases that did not settle, and skips the steps of other procedures', async () => {
    await t.seedCourt('京0107', 'v_', { legacyUntil: '2025-01-01' });
    const res = await t
      .http()
      .post('/api/v1/cases/batches')
      .set(await api.auth('v_clerk'))
      .attach('file', csvOf(bankRows(4, 'VL')), { filename: 'loans.csv', contentType: 'text/csv' });
    const voluntary = res.body.batchId as string;
    expect((await api.post('v_clerk', `cases/batches/${voluntary}/notices`)).body.done).toBe(4);
    const sheet = [
      ['银行业务编号', '当事人姓名', '答复'],
      ['VL-000001', '借款人1', '不同意'],
      ['VL-000002', '借款人2', '不同意'],
      ['VL-000003', '某某银行股份有限公司北京分行', '同意'],
      ['VL-000003', '借款人3', '同意'],
    ];
    const answered = await sendSheet('v_clerk', `${voluntary}/answers`, await xlsxOf(sheet), 'a.xlsx');
    expect(answered.body.done).toBe(4);

    expect((await api.post('v_clerk', `cases/batches/${voluntary}/filings`, {})).status).toBe(400);
    const filed = await api.post('v_clerk', `cases/batches/${voluntary}/filings`, { trialProcedure: 'SIMPLE' });
    expect(filed.status).toBe(200);
    expect(filed.body).toMatchObject({ step: 'filings', done: 2, skipped: 2, refused: 0 });
    const one = (await api.get('v_clerk', 'cases?externalRef=VL-000001')).body.items[0];
    const page = await api.get('v_clerk', `cases/${one.id}`);
    expect(page.body.status).toBe('TRANSFERRED');
    expect(page.body.filingNumber).toContain('民初');

    const trial = await api.post('v_clerk', `cases/batches/${voluntary}/transfers-to-trial`);
    expect(trial.body).toMatchObject({ done: 0, skipped: 4 });
    expect(trial.body.lines[0].reason).toContain('本案适用');
    const applied = await api.post('v_clerk', `cases/batches/${voluntary}/judicial-confirmation-applications`, {
      appliedOn: '2026-01-05',
    });
    expect(applied.body).toMatchObject({ done: 0, skipped: 4 });

    const file = await download('v_clerk', `${voluntary}/result?format=csv`);
    const records: string[][] = parse(file.body, { bom: true });
    expect(records[1]![0]).toBe('VL-000001');
    expect(records[1]![9]).toBe(page.body.filingNumber);
  });
});
