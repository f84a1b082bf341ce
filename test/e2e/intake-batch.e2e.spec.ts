import ExcelJS from 'exceljs';
import { UPLOAD_FILE_LIMIT } from '../../src/common/http/body-limits.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { bankRow, bankRows, csvOf, xlsxOf, type BankRow } from '../support/batch.js';
import { sharedStringsBomb, worksheetBomb } from '../support/xlsx-bombs.js';
import { residentId } from '../support/builders.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { apiClient, binary } from '../support/http.js';

interface RowReport {
  row: number;
  status: string;
  externalRef?: string;
  caseId?: string;
  errors: { column: string; code: string; message: string }[];
}
type Report = Record<string, unknown> & { problems: RowReport[]; batchId: string };

describe('intake: bank batches (e2e)', () => {
  let t: TestApp;
  let home: SeededCourt;

  beforeAll(async () => {
    t = await startTestApp();
    home = await t.seedCourt('京0105', '');
    await t.seedCourt('京0106', 'b_');
  });
  afterAll(() => t.close());

  const { auth } = apiClient(() => t, { user: 'clerk' });
  const count = async (sql: string, params: unknown[] = []) => Number((await t.dataSource.query(sql, params))[0].n);
  const upload = async (file: Buffer, filename: string, options: { batchRef?: string; user?: string } = {}) => {
    const req = t
      .http()
      .post('/api/v1/cases/batches')
      .set(await auth(options.user));
    if (options.batchRef) req.field('batchRef', options.batchRef);
    return req.attach('file', file, { filename, contentType: 'application/octet-stream' });
  };

  describe('a bank batch of 1,000 rows with 10 bad ones', () => {
    // Each bad row carries one kind of problem, in the column the bank will have to fix.
    const bad: [number, Partial<BankRow>, string, string][] = [
      [
        5,
        { defendantIdNumber: residentId(5).slice(0, 17) + (residentId(5)[17] === '1' ? '2' : '1') },
        '被申请人身份证号',
        'ID_NUMBER_INVALID',
      ],
      [100, { claimAmount: '12.345' }, '诉讼请求金额', 'AMOUNT_INVALID'],
      [200, { plaintiffCreditCode: '91110105000000001A' }, '申请人统一社会信用代码', 'CREDIT_CODE_INVALID'],
      [300, { defendantPhone: '12345' }, '被申请人电话', 'PHONE_INVALID'],
      [400, { caseType: '未知案由' }, '案由', 'CASE_TYPE_UNKNOWN'],
      [500, { defendantServiceAddress: '' }, '被申请人送达地址', 'REQUIRED'],
      [600, { claims: '请'.repeat(5001) }, '诉讼请求', 'IS_LENGTH'],
      [700, { claimAmount: '-5.00' }, '诉讼请求金额', 'AMOUNT_INVALID'],
      [800, { externalRef: '' }, '银行业务编号', 'REQUIRED'],
      [900, { defendantIdNumber: '110105199013010012' }, '被申请人身份证号', 'ID_NUMBER_INVALID'],
    ];
    const rows = bankRows(1000);
    for (const [index, override] of bad) rows[index] = { ...rows[index], ...override };
    const file = csvOf(rows, { bom: true });
    let first: { body: Report };

    beforeAll(async () => {
      first = await upload(file, 'loans.csv', { batchRef: 'BANK-2026-03' });
    });

    it('imports the 990 good rows and reports the 10 bad ones by row and Chinese column', async () => {
      expect(first.body).toMatchObject({ totalRows: 1000, imported: 990, duplicates: 0, failed: 10, format: 'CSV' });
      expect(first.body.batchRef).toBe('BANK-2026-03');
      // Counts for everything, detail only for the rows with problems.
      expect(first.body).not.toHaveProperty('rows');
      expect(first.body).toMatchObject({ problemsTotal: 10, reportUrl: expect.stringContaining(first.body.batchId) });
      const failed = first.body.problems.filter((r) => r.status === 'FAILED');
      expect(first.body.problems).toHaveLength(10);
      expect(failed.map((r) => r.row)).toEqual(bad.map(([index]) => index + 2));
      for (const [index, , column, code] of bad) {
        const report = failed.find((r) => r.row === index + 2)!;
        expect(report.errors).toEqual([expect.objectContaining({ column, code })]);
        expect(report.errors[0].message.startsWith(`${column}：`)).toBe(true);
        expect(report.caseId).toBeUndefined();
      }
    });

    it('keeps the answer small: a few KB for 1,000 rows', async () => {
      expect(Buffer.byteLength(JSON.stringify(first.body))).toBeLessThan(16 * 1024);
    });

    it('writes 990 cases with their parties, batch, bank reference and one history event each', async () => {
      const { batchId } = first.body;
      expect(await count(`SELECT count(*) AS n FROM cases WHERE batch_id = $1 AND source = 'BATCH'`, [batchId])).toBe(
        990,
      );
      expect(
        await count(`SELECT count(*) AS n FROM parties p JOIN cases c ON c.id = p.case_id WHERE c.batch_id = $1`, [
          batchId,
        ]),
      ).toBe(1980);
      expect(
        await count(
          `SELECT count(*) AS n FROM audit_events e JOIN cases c ON c.id::text = e.subject_id
           WHERE c.batch_id = $1 AND e.action = 'CASE_REGISTERED'`,
          [batchId],
        ),
      ).toBe(990);
      const [batchEvent] = await t.dataSource.query(
        `SELECT action, after, actor_id FROM audit_events WHERE subject_type = 'CASE_BATCH' AND subject_id = $1`,
        [batchId],
      );
      expect(batchEvent).toMatchObject({
        action: 'CASE_BATCH_IMPORTED',
        actor_id: home.users.clerk.id,
        after: expect.objectContaining({ totalRows: 1000, imported: 990, failed: 10, batchRef: 'BANK-2026-03' }),
      });
      const [sample] = await t.dataSource.query(`SELECT id FROM cases WHERE external_ref = $1`, [rows[1].externalRef]);
      const detail = await t
        .http()
        .get(`/api/v1/cases/${sample.id}`)
        .set(await auth());
      expect(detail.body).toMatchObject({
        status: 'REGISTERED',
        source: 'BATCH',
        externalRef: rows[1].externalRef,
        claimAmount: rows[1].claimAmount,
        caseType: '金融借款合同纠纷',
      });
      expect(detail.body.parties.map((p: { role: string; kind: string }) => [p.role, p.kind])).toEqual([
        ['PLAINTIFF', 'ORGANIZATION'],
        ['DEFENDANT', 'PERSON'],
      ]);
      expect(detail.body.parties[1].idNumber).toMatch(/\*{8}/);
    });

    it('sending the same batch again creates nothing and says DUPLICATE for each good row', async () => {
      const before = await count('SELECT count(*) AS n FROM cases');
      const again = await upload(file, 'loans.csv');
      expect(again.status).toBe(201);
      expect(again.body).toMatchObject({
        totalRows: 1000,
        imported: 0,
        duplicates: 990,
        failed: 10,
        problemsTotal: 1000,
      });
      // The answer names the first 100 problem rows; each duplicate points at the case that has its reference.
      expect(again.body.problems).toHaveLength(100);
      const ids: { id: string; external_ref: string }[] = await t.dataSource.query(
        `SELECT id, external_ref FROM cases WHERE batch_id = $1`,
        [first.body.batchId],
      );
      const idByRef = new Map(ids.map((r) => [r.external_ref, r.id]));
      for (const row of again.body.problems as RowReport[]) {
        if (row.status === 'DUPLICATE') {
          expect(row.caseId).toBe(idByRef.get(rows[row.row - 2].externalRef));
          expect(row.errors).toEqual([expect.objectContaining({ code: 'DUPLICATE', column: '银行业务编号' })]);
        }
      }
      expect(await count('SELECT count(*) AS n FROM cases')).toBe(before);
    });

    it('serves every problem row of the second upload as a CSV and an XLSX report', async () => {
      const again = await upload(file, 'loans.csv');
      const csv = await t
        .http()
        .get(`/api/v1/cases/batches/${again.body.batchId}/report?format=csv`)
        .set(await auth());
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      const lines = csv.text
        .replace(/^\ufeff/, '')
        .trim()
        .split('\n');
      expect(lines[0]).toBe('行号,结果,银行业务编号,列,问题及处理办法,本院已有的案件');
      expect(lines).toHaveLength(1 + 1000);
      expect(csv.text).toContain('身份证号校验位不正确');
      expect(csv.text).not.toContain('ID_NUMBER_INVALID');
      const xlsx = await t
        .http()
        .get(`/api/v1/cases/batches/${again.body.batchId}/report?format=xlsx`)
        .set(await auth())
        .buffer(true)
        .parse(binary);
      expect(xlsx.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.body as ArrayBuffer);
      expect(workbook.worksheets[0].rowCount).toBe(1 + 1000);
    });

    it("does not serve another court's batch report", async () => {
      const res = await t
        .http()
        .get(`/api/v1/cases/batches/${first.body.batchId}/report`)
        .set(await auth('b_clerk'));
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('BATCH_NOT_FOUND');
    });
  });

  it('imports an XLSX file read by content, even when its name says .csv', async () => {
    const file = await xlsxOf(bankRows(30, 'XL'));
    const res = await upload(file, 'named-wrongly.csv');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ format: 'XLSX', totalRows: 30, imported: 30, failed: 0, problems: [] });
  });

  it('imports 5,000 rows of XLSX with every Chinese character intact', async () => {
    const rows = bankRows(5000, 'BIG');
    // Its speed is the bench's (bench/batch-import.ts), not a test's: a loaded machine took 31.8 s here.
    const res = await upload(await xlsxOf(rows), 'big.xlsx');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ totalRows: 5000, imported: 5000, failed: 0 });
    const names: { name: string }[] = await t.dataSource.query(
      `SELECT p.name FROM parties p JOIN cases c ON c.id = p.case_id
       WHERE c.batch_id = $1 AND p.role = 'DEFENDANT' ORDER BY c.external_ref`,
      [res.body.batchId],
    );
    expect(names.map((r) => r.name)).toEqual(rows.map((r) => r.defendantName));
  });

  it('reads a CSV without BOM by content, even when its name says .xlsx', async () => {
    const res = await upload(csvOf(bankRows(12, 'CS')), 'named-wrongly.xlsx');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ format: 'CSV', totalRows: 12, imported: 12 });
  });

  const caseIdOf = async (ref: string) =>
    ((await t.dataSource.query(`SELECT id FROM cases WHERE external_ref = $1`, [ref])) as { id: string }[])[0]?.id;

  it('reports a row repeated within the file, with the same content, as a duplicate of the first', async () => {
    const rows = [bankRow(1, {}, 'REP'), bankRow(2, {}, 'REP'), bankRow(1, {}, 'REP')];
    const res = await upload(csvOf(rows), 'rep.csv');
    expect(res.body).toMatchObject({ imported: 2, duplicates: 1, failed: 0 });
    expect(res.body.problems).toEqual([
      expect.objectContaining({
        row: 4,
        status: 'DUPLICATE',
        errors: [expect.objectContaining({ code: 'DUPLICATE', message: expect.stringContaining('第 2 行') })],
      }),
    ]);
  });

  it.each([
    // The same identity number under another name: the same party twice in the loan, not a second borrower.
    ['another name of its borrower', { defendantName: '另一人' }, '被申请人姓名', 'PARTY_DUPLICATED'],
    ['the same borrower with another phone', { defendantPhone: '13912345678' }, '被申请人姓名', 'PARTY_DUPLICATED'],
    ['another amount', { claimAmount: '99.00' }, '银行业务编号', 'EXTERNAL_REF_CONFLICT'],
  ])(
    'refuses a repeated bank reference within the file with %s, keeping the first',
    async (_n, other, column, code) => {
      const prefix = `CONF${Object.keys(other)[0]}`;
      const rows = [bankRow(1, {}, prefix), bankRow(2, {}, prefix), bankRow(1, other, prefix)];
      const res = await upload(csvOf(rows), 'conflict.csv');
      expect(res.body).toMatchObject({ totalRows: 3, imported: 2, duplicates: 0, failed: 1 });
      expect(res.body.problems).toEqual([
        expect.objectContaining({
          row: 4,
          status: 'FAILED',
          externalRef: rows[0].externalRef,
          errors: [expect.objectContaining({ column, code })],
        }),
      ]);
      expect(res.body.problems[0].errors[0].message).toContain('第 2 行');
      const [kept] = await t.dataSource.query(
        `SELECT p.name, p.phone, c.claim_amount_fen::text AS fen FROM cases c JOIN parties p ON p.case_id = c.id
       WHERE c.external_ref = $1 AND p.role = 'DEFENDANT'`,
        [rows[0].externalRef],
      );
      expect(kept).toEqual({ name: rows[0].defendantName, phone: rows[0].defendantPhone, fen: '5000150' });
    },
  );

  it('refuses a row whose reference is on file for another loan as a conflict; the same loan stays a duplicate', async () => {
    const rows = bankRows(3, 'ACROSS');
    expect((await upload(csvOf(rows), 'first.csv')).body.imported).toBe(3);
    const again = [
      rows[0],
      { ...rows[1], defendantName: '王五', defendantIdNumber: residentId(777) },
      { ...rows[2], claimAmount: '1.00' },
    ];
    const res = await upload(csvOf(again), 'second.csv');
    expect(res.body).toMatchObject({ totalRows: 3, imported: 0, duplicates: 1, failed: 2 });
    const [same, borrower, amount] = res.body.problems as RowReport[];
    expect(same).toMatchObject({ row: 2, status: 'DUPLICATE', caseId: await caseIdOf(rows[0].externalRef) });
    for (const [problem, row] of [
      [borrower, rows[1]],
      [amount, rows[2]],
    ] as const) {
      expect(problem).toMatchObject({ status: 'FAILED', caseId: await caseIdOf(row.externalRef) });
      expect(problem.errors).toEqual([expect.objectContaining({ code: 'EXTERNAL_REF_CONFLICT' })]);
      expect(problem.errors[0].message).toContain('本院已有此银行业务编号的案件');
    }
  });

  it('makes one case per reference when two uploads with the same rows in opposite orders run at once', async () => {
    const rows = bankRows(600, 'RACE');
    const [a, b] = await Promise.all([
      upload(csvOf(rows), 'forward.csv'),
      upload(csvOf([...rows].reverse()), 'backward.csv'),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.imported + b.body.imported).toBe(600);
    expect(a.body.duplicates + b.body.duplicates).toBe(600);
    expect(await count(`SELECT count(*) AS n FROM cases WHERE external_ref LIKE 'RACE-%'`)).toBe(600);
  });

  it('keeps references per court: another court may use the same bank reference', async () => {
    const rows = bankRows(3, 'SHARED');
    expect((await upload(csvOf(rows), 'a.csv')).body.imported).toBe(3);
    expect((await upload(csvOf(rows), 'b.csv', { user: 'b_clerk' })).body.imported).toBe(3);
  });

  it('refuses a file whose header misses required columns, naming them, and writes nothing', async () => {
    const before = await count('SELECT count(*) AS n FROM case_batches');
    const headers = ['银行业务编号', '案由', '诉讼请求金额'];
    const res = await upload(csvOf([], { headers }), 'partial.csv');
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['诉讼请求', '申请人名称', '被申请人送达地址']),
    );
    expect(await count('SELECT count(*) AS n FROM case_batches')).toBe(before);
  });

  it.each([
    ['empty file', Buffer.alloc(0), 'FILE_EMPTY'],
    ['header only', csvOf([]), 'BATCH_EMPTY'],
    ['old .xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'FILE_FORMAT_UNSUPPORTED'],
    ['GBK-encoded CSV', Buffer.from([0xd2, 0xf8, 0xd0, 0xd0, 0x2c, 0x41, 0x0a]), 'CSV_NOT_UTF8'],
    ['broken ZIP', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]), 'FILE_UNREADABLE'],
  ])('refuses %s with 400 and writes nothing', async (_name, file, code) => {
    const before = await count('SELECT count(*) AS n FROM case_batches');
    const res = await upload(file, 'x.csv');
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'file', code })]);
    expect(await count('SELECT count(*) AS n FROM case_batches')).toBe(before);
  });

  it('refuses a file over the upload limit with 413 while streaming it, and writes nothing', async () => {
    const before = await count('SELECT count(*) AS n FROM case_batches');
    const header = csvOf([]);
    const oversized = Buffer.concat([header, Buffer.alloc(UPLOAD_FILE_LIMIT + 1024, 'x')]);
    const res = await upload(oversized, 'huge.csv');
    expect(res.status).toBe(413);
    expect(await count('SELECT count(*) AS n FROM case_batches')).toBe(before);
  });

  it.each([
    ['20,001 data rows', () => csvOf(bankRows(20_001, 'MANY')), 413, 'BATCH_TOO_MANY_ROWS'],
    ['shared strings unpacking to 400 MB', () => sharedStringsBomb(400), 413, 'BATCH_UNPACKED_TOO_LARGE'],
    ['a worksheet that says 2 KB and unpacks to 300 MB', () => worksheetBomb(300, 2048), 413, 'BATCH_TOO_MANY_ROWS'],
  ])('refuses a file with %s before writing anything', async (_name, build, status, code) => {
    const before = await count('SELECT count(*) AS n FROM case_batches');
    const res = await upload(await build(), 'bounds.xlsx');
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    expect(res.body.message).toMatch(/未导入任何一行/);
    expect(await count('SELECT count(*) AS n FROM case_batches')).toBe(before);
  });

  it('refuses a request without a file, and other roles', async () => {
    const noFile = await t
      .http()
      .post('/api/v1/cases/batches')
      .set(await auth())
      .field('batchRef', 'X');
    expect(noFile.status).toBe(400);
    expect(noFile.body.details[0]).toMatchObject({ field: 'file', code: 'FILE_REQUIRED' });
    const judge = await upload(csvOf(bankRows(1, 'J')), 'j.csv', { user: 'judge' });
    expect(judge.status).toBe(403);
  });

  it.each([
    ['csv', 'text/csv'],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ])('serves the %s template with the Chinese headers, which imports as an empty batch', async (format, type) => {
    const res = await t
      .http()
      .get(`/api/v1/cases/batches/template?format=${format}`)
      .set(await auth())
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain(type);
    expect(res.headers['content-disposition']).toContain(`case-batch-template.${format}`);
    const body = res.body as Buffer;
    if (format === 'csv') expect(body.toString('utf8')).toContain('银行业务编号,案由,诉讼请求金额');
    const reupload = await upload(body, `template.${format}`);
    expect(reupload.status).toBe(400);
    expect(reupload.body.details[0].code).toBe('BATCH_EMPTY');
  });
});
