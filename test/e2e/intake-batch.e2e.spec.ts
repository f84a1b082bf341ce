import { UPLOAD_FILE_LIMIT } from '../../src/app.factory.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { bankRow, bankRows, csvOf, xlsxOf, type BankRow } from '../support/batch.js';
import { residentId } from '../support/builders.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface RowReport {
  row: number;
  status: string;
  caseId?: string;
  errors: { column: string; code: string; message: string }[];
}

describe('intake: bank batches (e2e)', () => {
  let t: TestApp;
  let home: SeededCourt;

  beforeAll(async () => {
    t = await startTestApp();
    home = await t.seedCourt('京0105', '');
    await t.seedCourt('京0106', 'b_');
  });
  afterAll(() => t.close());

  const auth = async (u = 'clerk') => ({ Authorization: `Bearer ${await t.token(u)}` });
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
    let first: { body: Record<string, unknown> & { rows: RowReport[]; batchId: string } };

    beforeAll(async () => {
      first = await upload(file, 'loans.csv', { batchRef: 'BANK-2026-03' });
    });

    it('imports the 990 good rows and reports the 10 bad ones by row and Chinese column', async () => {
      expect(first.body).toMatchObject({ totalRows: 1000, imported: 990, duplicates: 0, failed: 10, format: 'CSV' });
      expect(first.body.batchRef).toBe('BANK-2026-03');
      const failed = first.body.rows.filter((r) => r.status === 'FAILED');
      expect(failed.map((r) => r.row)).toEqual(bad.map(([index]) => index + 2));
      for (const [index, , column, code] of bad) {
        const report = failed.find((r) => r.row === index + 2)!;
        expect(report.errors).toEqual([expect.objectContaining({ column, code })]);
        expect(report.errors[0].message.startsWith(`${column}：`)).toBe(true);
        expect(report.caseId).toBeUndefined();
      }
      const imported = first.body.rows.filter((r) => r.status === 'IMPORTED');
      expect(imported).toHaveLength(990);
      expect(new Set(imported.map((r) => r.caseId)).size).toBe(990);
      expect(first.body.rows.map((r) => r.row)).toEqual(rows.map((_, i) => i + 2));
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
      const sample = first.body.rows[1];
      const detail = await t
        .http()
        .get(`/api/v1/cases/${sample.caseId}`)
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
      expect(again.body).toMatchObject({ totalRows: 1000, imported: 0, duplicates: 990, failed: 10 });
      const firstIds = new Map(first.body.rows.map((r) => [r.row, r.caseId]));
      for (const row of again.body.rows as RowReport[]) {
        if (row.status === 'DUPLICATE') expect(row.caseId).toBe(firstIds.get(row.row));
      }
      expect(await count('SELECT count(*) AS n FROM cases')).toBe(before);
    });
  });

  it('imports an XLSX file read by content, even when its name says .csv', async () => {
    const file = await xlsxOf(bankRows(30, 'XL'));
    const res = await upload(file, 'named-wrongly.csv');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ format: 'XLSX', totalRows: 30, imported: 30, failed: 0 });
    expect(res.body.rows[0].row).toBe(2);
  });

  it('imports 5,000 rows of XLSX with every Chinese character intact', async () => {
    const rows = bankRows(5000, 'BIG');
    const started = Date.now();
    const res = await upload(await xlsxOf(rows), 'big.xlsx');
    const seconds = (Date.now() - started) / 1000;
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ totalRows: 5000, imported: 5000, failed: 0 });
    const names: { name: string }[] = await t.dataSource.query(
      `SELECT p.name FROM parties p JOIN cases c ON c.id = p.case_id
       WHERE c.batch_id = $1 AND p.role = 'DEFENDANT' ORDER BY c.external_ref`,
      [res.body.batchId],
    );
    expect(names.map((r) => r.name)).toEqual(rows.map((r) => r.defendantName));
    expect(seconds).toBeLessThan(30);
  });

  it('reads a CSV without BOM by content, even when its name says .xlsx', async () => {
    const res = await upload(csvOf(bankRows(12, 'CS')), 'named-wrongly.xlsx');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ format: 'CSV', totalRows: 12, imported: 12 });
  });

  it('reports a row repeated within the file as a duplicate of the first', async () => {
    const rows = [bankRow(1, {}, 'REP'), bankRow(2, {}, 'REP'), bankRow(1, { defendantName: '另一人' }, 'REP')];
    const res = await upload(csvOf(rows), 'rep.csv');
    expect(res.body).toMatchObject({ imported: 2, duplicates: 1 });
    expect(res.body.rows[2]).toMatchObject({ row: 4, status: 'DUPLICATE', caseId: res.body.rows[0].caseId });
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
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      });
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
