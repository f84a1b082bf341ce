// Registrations in from the court's case system (issue 29, part 5): POST /cases/imports with JSON rows or the
// CSV/XLSX export in the template; keyed by the 民初 number (a repeat changes nothing); each refusal by row and
// column while the good rows go in; imported cases are 先行调解 registrations ready for the notice.
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../src/common/clock.js';
import { IMPORT_COLUMNS } from '../../src/exchange/import-columns.js';
import { importCsv, importRow, importXlsx } from '../support/case-import.js';
import { at } from '../support/statistics.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { webLogin } from '../support/web-session.js';
import { binary } from '../support/http.js';

const CODE = '京0106';
const YEAR = 2026;

describe('registrations imported from the case system (e2e)', () => {
  const clock = new ManualClock(at('2026-09-01'));
  let t: TestApp;
  const auth = async (username = 'imp_clerk') => ({ Authorization: `Bearer ${await t.token(username)}` });
  const row = (n: number, overrides = {}) => importRow(CODE, YEAR, n, overrides);
  const postJson = async (rows: unknown[], username?: string) =>
    t
      .http()
      .post('/api/v1/cases/imports')
      .set(await auth(username))
      .send({ rows });
  const postFile = async (content: Buffer, filename: string, username?: string) =>
    t
      .http()
      .post('/api/v1/cases/imports')
      .set(await auth(username))
      .attach('file', content, { filename, contentType: 'application/octet-stream' });
  const casesOfCourt = async () => {
    const [r] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM cases c JOIN courts k ON k.id = c.court_id WHERE k.code = $1`,
      [CODE],
    );
    return r.n as number;
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await t.seedCourt(CODE, 'imp_', { legacyUntil: '2025-01-01', filingNumbers: 'EXTERNAL' });
    await t.seedCourt('京0107', 'own_', { legacyUntil: '2025-01-01', filingNumbers: 'OWN' });
  });
  afterAll(() => t.close());

  it('imports JSON rows as 先行调解 registrations under their 民初 numbers, and a repeat changes nothing', async () => {
    const first = await postJson([row(1), row(2, { trialProcedure: '普通程序' })]);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ format: 'JSON', totalRows: 2, imported: 2, unchanged: 0, refused: 0 });
    const [one] = first.body.rows;
    expect(one).toMatchObject({ row: 1, status: 'IMPORTED', filingNumber: `(${YEAR})${CODE}民初1号`, errors: [] });

    const c = await t
      .http()
      .get(`/api/v1/cases/${one.caseId}`)
      .set(await auth());
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({
      status: 'REGISTERED',
      procedure: 'POST_FILING',
      trialProcedure: 'SIMPLE',
      filingNumber: `(${YEAR})${CODE}民初1号`,
      caseType: '金融借款合同纠纷',
    });
    expect(c.body.parties.map((p: { name: string }) => p.name)).toEqual(['某某银行股份有限公司北京分行', '借款人1']);

    const before = await casesOfCourt();
    const again = await postJson([row(1), row(2, { trialProcedure: '普通程序' })]);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ imported: 0, unchanged: 2, refused: 0 });
    expect(again.body.rows[0]).toMatchObject({ status: 'UNCHANGED', caseId: one.caseId });
    expect(await casesOfCourt()).toBe(before);
  });

  it('refuses by row and column a row of another court, a number with other parties and a malformed number; the good rows go in', async () => {
    const before = await casesOfCourt();
    const res = await postJson([
      row(10),
      row(11, { courtCode: '京0108' }),
      row(12, { filingNumber: `(${YEAR})京0108民初12号` }),
      row(1, { defendantName: '另一个人' }),
      row(13, { filingNumber: '京0106民初13' }),
      row(14, { defendantIdNumber: '110105199001011230', claimAmount: '-5', trialProcedure: '速裁' }),
      row(15, { plaintiffKind: undefined }),
      { ...row(16), 备注: 'x' },
      row(17),
    ]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ totalRows: 9, imported: 2, unchanged: 0, refused: 7 });
    const byRow = new Map(res.body.rows.map((r: { row: number }) => [r.row, r]));
    const problems = (n: number) =>
      (byRow.get(n) as { errors: { column: string; code: string }[] }).errors.map((e) => `${e.column}:${e.code}`);
    expect(byRow.get(1)).toMatchObject({ status: 'IMPORTED' });
    expect(problems(2)).toEqual(['法院代字:IMPORT_OTHER_COURT']);
    expect(problems(3)).toEqual(['民初案号:CASE_NUMBER_OTHER_COURT']);
    expect(problems(4)).toEqual(['民初案号:IMPORT_NUMBER_OTHER_PARTIES']);
    expect(byRow.get(4)).toMatchObject({ status: 'REFUSED', filingNumber: `(${YEAR})${CODE}民初1号` });
    expect(problems(5)).toEqual(['民初案号:CASE_NUMBER_MALFORMED']);
    expect(problems(6).sort()).toEqual(
      ['审理程序:TRIAL_PROCEDURE_INVALID', '诉讼请求金额:AMOUNT_INVALID', '被告身份证号码:ID_NUMBER_INVALID'].sort(),
    );
    expect(problems(7)).toEqual(['原告类型:REQUIRED']);
    expect(problems(8)).toEqual(['备注:UNKNOWN_FIELD']);
    expect(byRow.get(9)).toMatchObject({ status: 'IMPORTED' });
    for (const r of res.body.rows.filter((x: { status: string }) => x.status === 'REFUSED')) {
      for (const e of r.errors) expect(e.message).toMatch(/^\S+：/);
    }
    expect(await casesOfCourt()).toBe(before + 2);
  });

  it("takes a number repeated within one request as its first row's case: unchanged with the same parties, refused with others", async () => {
    const res = await postJson([row(60), row(60), row(60, { defendantName: '别人' })]);
    expect(res.status).toBe(201);
    expect(res.body.rows.map((r: { status: string }) => r.status)).toEqual(['IMPORTED', 'UNCHANGED', 'REFUSED']);
    expect(res.body.rows[2].errors[0].code).toBe('IMPORT_NUMBER_OTHER_PARTIES');
    expect(res.body.rows[2].caseId).toBe(res.body.rows[0].caseId);
    const [event] = await t.dataSource.query(
      `SELECT action, after FROM audit_events WHERE subject_type = 'CASE' AND subject_id = $1`,
      [res.body.rows[0].caseId],
    );
    expect(event).toMatchObject({
      action: 'CASE_REGISTERED',
      after: {
        status: 'REGISTERED',
        procedure: 'POST_FILING',
        filingNumber: `(${YEAR})${CODE}民初60号`,
        imported: true,
      },
    });
  });

  it('reads the CSV and XLSX export in the template, by header whatever the column order', async () => {
    const csv = await postFile(importCsv([row(20), row(21, { caseType: '不存在的案由' })]), 'export.csv');
    expect(csv.status).toBe(201);
    expect(csv.body).toMatchObject({ format: 'CSV', imported: 1, refused: 1 });
    expect(csv.body.rows[1]).toMatchObject({ row: 3, status: 'REFUSED' });
    expect(csv.body.rows[1].errors[0]).toMatchObject({ column: '案由', code: 'CASE_TYPE_UNKNOWN' });

    const xlsx = await postFile(await importXlsx([row(22), row(20)]), 'export.xlsx');
    expect(xlsx.status).toBe(201);
    expect(xlsx.body).toMatchObject({ format: 'XLSX', imported: 1, unchanged: 1, refused: 0 });
  });

  it('offers the template (xlsx and csv) with every column', async () => {
    const res = await t
      .http()
      .get('/api/v1/cases/imports/template?format=xlsx')
      .set(await auth())
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as ArrayBuffer);
    const headers = (workbook.worksheets[0].getRow(1).values as string[]).slice(1);
    expect(headers).toEqual(IMPORT_COLUMNS.map((c) => c.header));
    const csv = await t
      .http()
      .get('/api/v1/cases/imports/template?format=csv')
      .set(await auth());
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('民初案号');
  });

  it('refuses the whole request, importing nothing: a bad body, a file without the columns, an empty file, the wrong role, an OWN-numbering court', async () => {
    const before = await casesOfCourt();
    const noRows = await t
      .http()
      .post('/api/v1/cases/imports')
      .set(await auth())
      .send({ cases: [] });
    expect(noRows.status).toBe(400);
    expect(noRows.body.details[0]).toMatchObject({ field: 'rows', code: 'ROWS_REQUIRED' });
    expect((await postJson([])).status).toBe(400);

    const badHeader = await postFile(
      Buffer.from('\ufeff民初案号,案由\n(2026)京0106民初30号,金融借款合同纠纷\n'),
      'x.csv',
    );
    expect(badHeader.status).toBe(400);
    expect(badHeader.body.details.map((d: { code: string }) => d.code)).toContain('COLUMN_MISSING');
    const headerOnly = await postFile(importCsv([]), 'x.csv');
    expect(headerOnly.status).toBe(400);
    expect(headerOnly.body.details[0].code).toBe('IMPORT_EMPTY');

    const mediator = await postJson([row(31)], 'imp_mediator');
    expect(mediator.status).toBe(403);
    const own = await postJson([importRow('京0107', YEAR, 32)], 'own_clerk');
    expect(own.status).toBe(422);
    expect(own.body.code).toBe('IMPORT_NEEDS_EXTERNAL_NUMBERS');
    expect(await casesOfCourt()).toBe(before);
  });

  it("the clerk's page: the form, the templates, and the report of an upload by row", async () => {
    const session = await webLogin(t, 'imp_clerk');
    const form = await t.http().get('/cases/imports').set('Cookie', session.cookie);
    expect(form.status).toBe(200);
    expect(form.text).toContain('href="/cases/imports/template?format=xlsx"');
    expect(form.text).toContain('民初案号');
    const res = await t
      .http()
      .post('/cases/imports')
      .set('Cookie', session.cookie)
      .field('_csrf', session.csrf)
      .attach('file', importCsv([row(50), row(51, { filingNumber: '民初51号' })]), 'export.csv');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/已登记 <strong data-count="imported">1<\/strong>/);
    expect(res.text).toMatch(/未导入 <strong data-count="refused">1<\/strong>/);
    expect(res.text).toContain('民初案号：案号格式不正确');
    const mediator = await webLogin(t, 'imp_mediator');
    expect((await t.http().get('/cases/imports').set('Cookie', mediator.cookie)).status).toBe(403);
  });

  // Issue 29, part 6: rare characters (𠇔 is CJK Extension B, 䶮 Extension A) in a party's name print with the
  // fallback font where it is installed (CI installs it), and where it is not the case page says so and still prints.
  describe('rare characters in an imported name', () => {
    let caseId: string;
    const pdfText = async (id: string) => {
      const res = await t
        .http()
        .get(`/api/v1/cases/${id}/documents/service-address/pdf`)
        .set(await auth())
        .buffer(true)
        .parse(binary);
      expect(res.status).toBe(200);
      const dir = mkdtempSync(path.join(tmpdir(), 'rare-'));
      try {
        writeFileSync(path.join(dir, 'doc.pdf'), res.body as Buffer);
        return execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'doc.pdf'), '-']).toString();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };

    beforeAll(async () => {
      const res = await postJson([row(40, { defendantName: '王𠇔䶮' })]);
      expect(res.body.rows[0]).toMatchObject({ status: 'IMPORTED' });
      caseId = res.body.rows[0].caseId;
    });

    it('prints 𠇔 and 䶮 in the document (pdftotext finds them) and the case page warns of nothing', async () => {
      expect(await pdfText(caseId)).toContain('王𠇔䶮');
      const session = await webLogin(t, 'imp_clerk');
      const page = await t.http().get(`/cases/${caseId}`).set('Cookie', session.cookie);
      expect(page.status).toBe(200);
      expect(page.text).toContain('打印送达地址确认书');
      expect(page.text).not.toContain('rare-font-warning');
    });

    it('without the font file: the case page says so at the documents, and the document still prints', async () => {
      const saved = process.env.PDF_RARE_FONT;
      process.env.PDF_RARE_FONT = path.join(tmpdir(), 'no-such-font.ttf');
      try {
        const session = await webLogin(t, 'imp_clerk');
        const page = await t.http().get(`/cases/${caseId}`).set('Cookie', session.cookie);
        expect(page.status).toBe(200);
        expect(page.text).toMatch(/id="rare-font-warning">本机没有生僻字字体/);
        // The document still prints (the running document worker read the font's path when it started: whether
        // this copy has the glyph is the worker's, the page's warning is the request's).
        const text = await pdfText(caseId);
        expect(text).toContain('送达地址确认书');
        expect(text).toContain('王');
      } finally {
        if (saved === undefined) delete process.env.PDF_RARE_FONT;
        else process.env.PDF_RARE_FONT = saved;
      }
    });
  });
});
