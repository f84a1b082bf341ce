// Done-when of issue 30: a 200-case bank batch at a court of the 2025 procedure (非诉调解 by default) taken from
// the upload through every notice, the answers from the returned sheet, bulk assignment, the outcomes from the
// bank's settlement list, 司法确认 applications for the settled cases and filing of the others, then the result
// file checked case by case against the cases, and the month's statistics by applicant institution (the bank).
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { CASE_STATUS_LABELS, type CaseStatus } from '../../src/cases/case-status.js';
import { chinaDate } from '../../src/common/china-time.js';
import { BANK_CREDIT_CODE, bankRows, csvOf } from '../support/batch.js';
import { createMediator, createOrganization } from '../support/assignment.js';
import { apiClient, binary } from '../support/http.js';
import { webLogin } from '../support/web-session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const CASES = 200;
const FIN = '金融借款合同纠纷';
const BANK = '某某银行股份有限公司北京分行';
const ref = (n: number) => `BIG-${String(n).padStart(6, '0')}`;
const numberOf = (r: string) => Number(r.slice(4));

interface Line {
  row?: number;
  externalRef: string | null;
  result: 'DONE' | 'REFUSED' | 'SKIPPED';
  code?: string;
}

describe('intake: a 200-case bank batch from upload to the result file (e2e)', () => {
  let t: TestApp;
  let batchId: string;
  const ids = new Map<string, string>();
  const api = apiClient(() => t, { user: 'big_clerk' });

  const sendSheet = async (user: string, path: string, file: Buffer, filename: string) =>
    t
      .http()
      .post(`/api/v1/cases/batches/${batchId}/${path}`)
      .set(await api.auth(user))
      .attach('file', file, { filename, contentType: 'application/octet-stream' });
  const download = async (user: string, path: string): Promise<Response & { body: Buffer }> =>
    t
      .http()
      .get(`/api/v1/${path}`)
      .set(await api.auth(user))
      .buffer(true)
      .parse(binary);
  const sheetRows = async (bytes: Buffer) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const rows: string[][] = [];
    workbook.worksheets[0]!.eachRow((row) =>
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
  const statuses = async () =>
    new Map(
      (
        (await t.dataSource.query(`SELECT external_ref, status FROM cases WHERE batch_id = $1`, [batchId])) as {
          external_ref: string;
          status: string;
        }[]
      ).map((r) => [r.external_ref, r.status]),
    );

  beforeAll(async () => {
    t = await startTestApp();
    await t.seedCourt('京0108', 'big_', { legacyUntil: '2025-01-01' });
    await t.seedCourt('京0109', 'far_', { legacyUntil: '2025-01-01' });
    const far = await t
      .http()
      .post('/api/v1/cases/batches')
      .set(await api.auth('far_clerk'))
      .attach('file', csvOf(bankRows(1, 'FAR')), { filename: 'far.csv', contentType: 'text/csv' });
    expect(far.body.imported).toBe(1);
  });
  afterAll(() => t.close());

  it('imports the 200 rows as 200 cases of 非诉调解', async () => {
    const res = await t
      .http()
      .post('/api/v1/cases/batches')
      .set(await api.auth())
      .field('batchRef', 'BANK-2026-BIG')
      .attach('file', csvOf(bankRows(CASES, 'BIG')), { filename: 'loans.csv', contentType: 'text/csv' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ totalRows: CASES, imported: CASES, failed: 0 });
    batchId = res.body.batchId;
    const rows: { id: string; external_ref: string; procedure: string }[] = await t.dataSource.query(
      `SELECT id, external_ref, procedure FROM cases WHERE batch_id = $1`,
      [batchId],
    );
    for (const r of rows) ids.set(r.external_ref, r.id);
    expect(ids.size).toBe(CASES);
    expect(new Set(rows.map((r) => r.procedure))).toEqual(new Set(['VOLUNTARY']));
  });

  it('issues the 200 notices in one run', async () => {
    const res = await api.post('big_clerk', `cases/batches/${batchId}/notices`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: CASES, done: CASES, refused: 0, skipped: 0 });
  });

  it('refuses a broken sheet with 400 and changes nothing', async () => {
    const broken = Buffer.from('银行业务编号,当事人姓名,答复\nBIG-000001,借款人1,同意\n"unterminated\n', 'utf8');
    const res = await sendSheet('big_clerk', 'answers', broken, 'broken.csv');
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'file', code: 'FILE_UNREADABLE' })]);
    expect([...(await statuses()).values()].every((s) => s === 'NOTICE_ISSUED')).toBe(true);
  });

  it('records the answers of the returned sheet; the bad rows are reported by row, the good applied', async () => {
    const sheet = await download('big_clerk', `cases/batches/${batchId}/answer-sheet?format=xlsx`);
    const [header, ...prefilled] = await sheetRows(sheet.body);
    expect(prefilled).toHaveLength(2 * CASES);
    // 1-180 consent; 181-190: the borrower refuses; 191-200 have not answered yet.
    const filled = prefilled
      .filter((r) => numberOf(r[0]!) <= 190)
      .map((r) => {
        const refuses = numberOf(r[0]!) > 180 && r[3] === '被申请人';
        return [r[0]!, r[1]!, r[2]!, r[3]!, refuses ? '不同意' : '同意', '', '', ''];
      });
    const bad = [
      ['NOPE-9', '', '借款人1', '', '同意', '', '', ''],
      ['FAR-000001', '', '借款人1', '', '同意', '', '', ''],
      [ref(191), '', '张三', '', '同意', '', '', ''],
      [ref(192), '', '借款人192', '', '好的', '', '', ''],
    ];
    const res = await sendSheet('big_clerk', 'answers', await xlsxOf([header!, ...filled, ...bad]), 'answers.xlsx');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 380 + 4, done: 380, refused: 4, skipped: 0 });
    const lines = res.body.lines as Line[];
    expect(lines.slice(-4).map((l) => [l.row, l.code])).toEqual([
      [382, 'CASE_NOT_FOUND'],
      [383, 'CASE_NOT_FOUND'],
      [384, 'PARTY_NOT_IN_CASE'],
      [385, 'DECISION_INVALID'],
    ]);
    const now = await statuses();
    for (let n = 1; n <= CASES; n += 1) {
      expect([n, now.get(ref(n))]).toEqual([n, n <= 180 ? 'REFERRED' : n <= 190 ? 'REFUSED' : 'NOTICE_ISSUED']);
    }
  });

  it('assigns the 180 referred cases in bulk and the mediators sign for the materials', async () => {
    const org = await createOrganization(t, 'big_coordinator', { name: '金融纠纷调解中心', kind: 'INDUSTRY' });
    await createMediator(t, 'big_coordinator', org.id, { name: '金融调解员甲', specialties: [FIN], capacity: 100 });
    await createMediator(t, 'big_coordinator', org.id, { name: '金融调解员乙', specialties: [FIN], capacity: 100 });
    const referred = Array.from({ length: 180 }, (_, i) => ids.get(ref(i + 1))!);
    const assigned = await api.post('big_coordinator', 'assignments/bulk', {
      organizationId: org.id,
      caseType: FIN,
      caseIds: referred,
      reason: '银行批量案件集中委派',
    });
    expect(assigned.status).toBe(201);
    expect(assigned.body.assigned).toBe(180);
    for (const id of referred) expect((await api.post('big_coordinator', `cases/${id}/receipt`, {})).status).toBe(201);
  });

  it('records the settlement list: 150 settled for 司法确认, 30 failed', async () => {
    const header = ['银行业务编号', '调解结果', '协议金额', '履行期限', '结案方式', '无争议事实'];
    const rows = Array.from({ length: 180 }, (_, i) =>
      i < 150
        ? [ref(i + 1), '调解成功', `${30000 + i}.00`, '2030-12-31', '司法确认', '']
        : [ref(i + 1), '调解不成', '', '', '', '借款事实清楚，双方对还款金额未达成一致'],
    );
    const csv = Buffer.from('\ufeff' + [header, ...rows].map((r) => r.join(',')).join('\n'));
    const res = await sendSheet('big_coordinator', 'outcomes', csv, 'settlements.csv');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 180, done: 180, refused: 0, skipped: 0 });
  });

  it('applies for 司法确认 of the settled cases and files the others, each skipping what is not theirs', async () => {
    const applied = await api.post('big_clerk', `cases/batches/${batchId}/judicial-confirmation-applications`, {
      appliedOn: chinaDate(new Date()),
    });
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ total: CASES, done: 150, refused: 0, skipped: 50 });
    const filed = await api.post('big_clerk', `cases/batches/${batchId}/filings`, { trialProcedure: 'SIMPLE' });
    expect(filed.status).toBe(200);
    // The 30 failed and the 10 refused are filed; the 10 still waiting for an answer and the settled are not.
    expect(filed.body).toMatchObject({ total: CASES, done: 40, refused: 0, skipped: 160 });
  });

  it('gives the result file: every case once, its status, outcome, 司法确认 and 民初 number as on the case', async () => {
    const file = await download('big_clerk', `cases/batches/${batchId}/result?format=xlsx`);
    expect(file.status).toBe(200);
    const [header, ...rows] = await sheetRows(file.body);
    expect(header!.slice(0, 3)).toEqual(['银行业务编号', '案件状态', '调解结果']);
    expect(rows.map((r) => r[0]).sort()).toEqual([...ids.keys()].sort());
    const cases: Record<string, string | null>[] = await t.dataSource.query(
      `SELECT c.external_ref, c.status, c.filing_number, c.prelitigation_number, o.result, o.amount_fen::text AS fen,
              j.application_number
       FROM cases c LEFT JOIN mediation_outcomes o ON o.case_id = c.id
       LEFT JOIN judicial_confirmations j ON j.case_id = c.id WHERE c.batch_id = $1`,
      [batchId],
    );
    const byRef = new Map(cases.map((c) => [c.external_ref!, c]));
    for (const row of rows) {
      const c = byRef.get(row[0]!)!;
      const n = numberOf(row[0]!);
      expect([n, row[1]]).toEqual([n, CASE_STATUS_LABELS[c.status as CaseStatus]]);
      expect([n, row[2] ?? '']).toEqual([
        n,
        c.result === 'SETTLED' ? '调解成功' : c.result === 'FAILED' ? '调解不成' : '',
      ]);
      expect([n, row[4] ?? '']).toEqual([n, c.fen ? String(Number(c.fen) / 100) : '']);
      expect([n, row[7] ?? '']).toEqual([n, c.application_number ?? '']);
      expect([n, row[9] ?? '']).toEqual([n, c.filing_number ?? '']);
      expect([n, row[10] ?? '']).toEqual([n, c.prelitigation_number ?? '']);
      expect([n, c.status]).toEqual([n, n <= 150 ? 'SETTLED' : n <= 190 ? 'TRANSFERRED' : 'NOTICE_ISSUED']);
    }
    expect(rows.filter((r) => (r[7] ?? '').includes('民特')).length).toBe(150);
    expect(rows.filter((r) => (r[9] ?? '').includes('民初')).length).toBe(40);
    const csv: string[][] = parse((await download('big_clerk', `cases/batches/${batchId}/result?format=csv`)).body, {
      bom: true,
    });
    expect(csv).toHaveLength(1 + CASES);
  });

  it('counts the month by applicant institution: the bank is one row with its settled and concluded cases', async () => {
    const month = chinaDate(new Date()).slice(0, 7);
    const res = await api.get('big_statistician', `statistics/monthly?month=${month}&by=institution`);
    expect(res.status).toBe(200);
    expect(res.body.breakdown.by).toBe('institution');
    const bank = res.body.breakdown.rows.find((r: { key: string | null }) => r.key === BANK_CREDIT_CODE);
    expect(bank).toMatchObject({ label: BANK, referrals: 180, concluded: 180, settled: 150, failed: 30 });
    expect(res.body.breakdown.rows.filter((r: { key: string | null }) => r.key !== null)).toHaveLength(1);
    const file = await download('big_statistician', `statistics/monthly/export?month=${month}&format=xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('按申请机构')!;
    expect(sheet.getRow(2).getCell(1).value).toBe(BANK);
    // The month page charts the settled cases by applicant institution when asked.
    const page = await t
      .http()
      .get(`/statistics?month=${month}&by=institution`)
      .set('Cookie', (await webLogin(t, 'big_statistician')).cookie);
    expect(page.status).toBe(200);
    expect(page.text).toContain('调解成功数（按申请机构）');
    expect(page.text).toContain(`${BANK}：150`);
  });
});
