// Exports read back by real readers (exceljs; LibreOffice headless when it is
// installed; csv-parse), and the public rating (群众评价) rules, on the two-month
// court of test/support/statistics-fixture.ts.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { ManualClock } from '../../src/common/clock.js';
import { ratingCodeFor } from '../../src/referral/rating-code.js';
import {
  buildStatisticsFixture,
  FORMULA_ORGANIZATION,
  FORMULA_PARTY,
  type StatisticsFixture,
} from '../support/statistics-fixture.js';
import { at, TEST_JWT_SECRET } from '../support/statistics.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { binary } from '../support/http.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The first of `libreoffice` / `soffice` on the PATH, or null. */
const LIBREOFFICE = libreOffice();

function libreOffice(): string | null {
  for (const name of ['libreoffice', 'soffice']) {
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim() || null;
    } catch {
      // not this one
    }
  }
  return null;
}

async function workbookOf(body: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook;
}

/** Row values of a sheet from row 1, without exceljs's leading empty slot. */
/** Every sheet prints landscape on A4, one page wide, the header row on every page, titled (`title(sheet name)`). */
function expectPrintable(workbook: ExcelJS.Workbook, title: (sheet: string) => string): void {
  for (const sheet of workbook.worksheets) {
    const setup = sheet.pageSetup;
    expect([sheet.name, setup.orientation, setup.fitToPage, setup.fitToWidth, setup.paperSize]).toEqual([
      sheet.name,
      'landscape',
      true,
      1,
      9,
    ]);
    expect([sheet.name, setup.printTitlesRow]).toEqual([sheet.name, '1:1']);
    expect(sheet.headerFooter.oddHeader).toContain(title(sheet.name));
    expect(sheet.headerFooter.oddFooter).toContain('&P');
  }
}

function rowsOf(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

/** The row whose first cell is `label`. */
function rowLabelled(sheet: ExcelJS.Worksheet, label: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (row.getCell(1).value === label) found = row;
  });
  if (!found) throw new Error(`no row ${label} in ${sheet.name}`);
  return found;
}

describe('statistics: exports and public ratings (e2e)', () => {
  const clock = new ManualClock(at('2026-09-01'));
  let t: TestApp;
  let f: StatisticsFixture;

  beforeAll(async () => {
    t = await startTestApp({ clock, jwtSecret: TEST_JWT_SECRET });
    await t.seedCourt('京0105', '');
    f = await buildStatisticsFixture(t, clock);
  });
  afterAll(() => t.close());

  /** GET as a file: the body as bytes, whatever the type. */
  const download = async (username: string, path: string): Promise<Response & { body: Buffer }> =>
    t
      .http()
      .get(`/api/v1/${path}`)
      .set('Authorization', `Bearer ${await t.token(username)}`)
      .buffer(true)
      .parse(binary);

  describe('monthly xlsx', () => {
    let res: Response & { body: Buffer };
    let workbook: ExcelJS.Workbook;

    beforeAll(async () => {
      res = await download('statistician', 'statistics/monthly/export?month=2026-10&format=xlsx');
      workbook = await workbookOf(res.body);
    });

    it('is streamed as an attachment with its Chinese file name (RFC 5987)', () => {
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX);
      expect(res.headers['content-length']).toBeUndefined();
      expect(res.headers['transfer-encoding']).toBe('chunked');
      const name = '测试法院京0105_2026-10_月分析_第1版.xlsx';
      expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[\x20-\x7e]+"/);
    });

    it('has a summary sheet and one sheet per breakdown, each with a frozen header row and set widths', () => {
      expect(workbook.worksheets.map((s) => s.name)).toEqual([
        '汇总',
        '按调解员',
        '按调解组织',
        '按案由',
        '按部门',
        '按申请机构',
        '按程序',
        '同比环比',
        '跟踪与超期',
      ]);
      for (const sheet of workbook.worksheets) {
        expect([sheet.name, sheet.views[0]]).toEqual([
          sheet.name,
          expect.objectContaining({ state: 'frozen', ySplit: 1 }),
        ]);
        expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(20);
        expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(10);
      }
      expect(workbook.getWorksheet('按调解员')!.views[0]).toMatchObject({ xSplit: 1 });
    });

    it('says which court, month and version, and when it was generated (China time)', () => {
      const summary = workbook.getWorksheet('汇总')!;
      expect(rowsOf(summary)[0]).toEqual(['项目', '数值', '计算依据', '说明']);
      const value = (label: string) => rowLabelled(summary, label).getCell(2).value;
      expect(value('法院')).toBe('测试法院京0105');
      expect(value('月份')).toBe('2026-10（2026-10-01 至 2026-10-31，北京时间）');
      expect(value('版本')).toBe('第1版');
      expect(value('关账人')).toBe('孙统计');
      expect(value('关账时间')).toBe('2026-11-02 12:00');
      expect(value('生成时间')).toBe('2026-12-01 10:00');
    });

    it('writes every indicator with its Chinese label as a number in its format, rounded as the page shows it', () => {
      const summary = workbook.getWorksheet('汇总')!;
      const cell = (label: string) => rowLabelled(summary, label).getCell(2);
      const expected: [string, number, string][] = [
        ['受理数', 5, '0'],
        ['结案数', 6, '0'],
        ['调解成功率', 0.5, '0.0%'],
        ['司法确认率', 0.333, '0.0%'],
        ['自动履行率', 0.5, '0.0%'],
        ['平均调解时长（天）', 21.5, '0.0'],
        ['调解成功协议金额（元）', 40000.5, '#,##0.00'],
        ['转立案数', 2, '0'],
        ['转立案万人比（平台）', 0.02, '0.00'],
        ['超期数（期末）', 1, '0'],
        ['预警数（期末）', 1, '0'],
        ['咨询函平均答复时长（工作日）', 4, '0.0'],
        ['咨询函超期答复数', 1, '0'],
        ['群众满意度（平均分）', 4, '0.0'],
        ['群众满意度（4-5分占比）', 0.667, '0.0%'],
      ];
      for (const [label, number, format] of expected) {
        expect([label, cell(label).value, cell(label).numFmt]).toEqual([label, number, format]);
      }
      expect(rowLabelled(summary, '调解成功率').getCell(3).value).toBe('3 ÷ 6');
    });

    it('prints each sheet landscape, one page wide, with the header row repeated and a title with the court', () => {
      expectPrintable(workbook, () => '测试法院京0105 2026-10 月分析');
      // The summary fits one page; a breakdown as many pages tall as its rows need.
      expect(workbook.getWorksheet('汇总')!.pageSetup.fitToHeight).toBe(1);
      expect(workbook.getWorksheet('按调解员')!.pageSetup.fitToHeight).toBe(0);
    });

    it('has Chinese headers, numbers as numbers, a 合计 row equal to the total, and neutralised names', () => {
      const mediators = workbook.getWorksheet('按调解员')!;
      const rows = rowsOf(mediators);
      expect(rows[0].slice(0, 4)).toEqual(['调解员', '所属调解组织', '受理数', '结案数']);
      expect(rows.map((r) => r[0])).toEqual(['调解员', '孙闲置', '钱调解', '赵调解', '未分派', '合计']);
      expect(rows[1][1]).toBe(`'${FORMULA_ORGANIZATION}`);
      const total = rowLabelled(mediators, '合计');
      expect(total.getCell(3).value).toBe(5);
      // 钱调解: 2 settled of 3 concluded; 调解成功率 is the 7th indicator.
      const rate = rowLabelled(mediators, '钱调解').getCell(2 + 7);
      expect([rate.value, rate.numFmt]).toEqual([0.667, '0.0%']);
      const organizations = rowsOf(workbook.getWorksheet('按调解组织')!);
      expect(organizations.map((r) => r[0])).toEqual([
        '调解组织',
        `'${FORMULA_ORGANIZATION}`,
        '朝阳区人民调解委员会',
        '未分派',
        '合计',
      ]);
      expect(organizations[1].slice(1, 7)).toEqual([0, 0, 0, 0, 0, 0]);
    });

    // CI installs LibreOffice, so there it must run; elsewhere it is reported as skipped (never as passed) when
    // LibreOffice is missing, and the exceljs checks are the reader.
    (LIBREOFFICE || process.env.CI ? it : it.skip)('converts with LibreOffice headless as a second reader', () => {
      if (!LIBREOFFICE) throw new Error('LibreOffice is not installed (apt-get install libreoffice-calc-nogui)');
      const soffice = LIBREOFFICE;
      const dir = mkdtempSync(join(tmpdir(), 'xlsx-'));
      try {
        writeFileSync(join(dir, 'report.xlsx'), res.body);
        // The CSV filter's options, so the text is UTF-8 whatever the machine's locale (C.UTF-8 in CI): comma,
        // double quote, character set 76 (UTF-8).
        execFileSync(
          soffice,
          [
            '--headless',
            '--convert-to',
            'csv:Text - txt - csv (StarCalc):44,34,76',
            '--outdir',
            dir,
            join(dir, 'report.xlsx'),
          ],
          { timeout: 120_000, env: { ...process.env, HOME: dir } },
        );
        const csv = readFileSync(join(dir, 'report.csv'), 'utf8');
        expect(csv).toContain('测试法院京0105');
        expect(csv).toContain('受理数');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('reads an asked version, and a month not closed as 未关账（实时）', async () => {
      const first = await workbookOf(
        (await download('coordinator', 'statistics/monthly/export?month=2026-10&format=xlsx&version=1')).body,
      );
      expect(rowLabelled(first.getWorksheet('汇总')!, '版本').getCell(2).value).toBe('第1版');
      const live = await download('statistician', 'statistics/monthly/export?month=2026-11&format=xlsx');
      expect(live.headers['content-disposition']).toContain(encodeURIComponent('2026-11_月分析_实时.xlsx'));
      const november = await workbookOf(live.body);
      expect(rowLabelled(november.getWorksheet('汇总')!, '版本').getCell(2).value).toBe('未关账（实时）');
      expect(rowLabelled(november.getWorksheet('汇总')!, '受理数').getCell(2).value).toBe(1);
    });

    it('answers a bad request before streaming: 400, 404, 403', async () => {
      expect((await download('statistician', 'statistics/monthly/export?month=2026-10&format=pdf')).status).toBe(400);
      expect(
        (await download('statistician', 'statistics/monthly/export?month=2026-10&format=xlsx&version=9')).status,
      ).toBe(404);
      expect((await download('mediator', 'statistics/monthly/export?month=2026-10&format=xlsx')).status).toBe(403);
    });
  });

  describe('monthly CSV', () => {
    it('is UTF-8 with a byte-order mark, Chinese intact, a section per breakdown, names neutralised', async () => {
      const res = await download('statistician', 'statistics/monthly/export?month=2026-10&format=csv');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('2026-10_月分析_第1版.csv'));
      expect([...res.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = res.body.toString('utf8');
      expect(text).toContain('朝阳区人民调解委员会');
      const records: string[][] = parse(res.body, { bom: true, relax_column_count: true });
      expect(records[0]).toEqual(['月分析']);
      expect(records.find((r) => r[0] === '法院')).toEqual(['法院', '测试法院京0105']);
      expect(records.find((r) => r[0] === '调解成功率（%）')).toEqual(['调解成功率（%）', '50.0', '3 ÷ 6']);
      expect(records.find((r) => r[0] === '调解成功协议金额（元）')?.[1]).toBe('40,000.50');
      for (const title of ['按调解员', '按调解组织', '按案由', '按部门']) expect(records).toContainEqual([title]);
      const idle = records.find((r) => r[0] === `'${FORMULA_ORGANIZATION}`);
      expect(idle?.slice(1, 4)).toEqual(['0', '0', '0']);
      expect(records.some((r) => r.some((cell) => cell.startsWith('=')))).toBe(false);
    });

    it('gives one plain table with by=', async () => {
      const res = await download('coordinator', 'statistics/monthly/export?month=2026-10&format=csv&by=mediator');
      const records: string[][] = parse(res.body, { bom: true });
      expect(records[0].slice(0, 4)).toEqual(['调解员', '所属调解组织', '受理数', '结案数']);
      expect(records.map((r) => r[0])).toEqual(['调解员', '孙闲置', '钱调解', '赵调解', '未分派', '合计']);
      expect(records[1][1]).toBe(`'${FORMULA_ORGANIZATION}`);
      expect(records.at(-1)?.[2]).toBe('5');
    });
  });

  describe('subsidies xlsx', () => {
    it('lists the totals, the lines and the cases paid for, money in yuan, party names neutralised', async () => {
      const res = await download('statistician', 'statistics/subsidies?month=2026-10&format=xlsx');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX);
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('2026-10_调解员补贴（以案定补）.xlsx'));
      const workbook = await workbookOf(res.body);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['说明', '补贴汇总', '补贴明细', '案件清单']);
      const totals = workbook.getWorksheet('补贴汇总')!;
      expect(totals.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      const sum = rowLabelled(totals, '合计').getCell(7);
      expect([sum.value, sum.numFmt]).toEqual([1200, '#,##0.00']);
      expect(rowLabelled(totals, '钱调解').getCell(7).value).toBe(800);
      const cases = rowsOf(workbook.getWorksheet('案件清单')!);
      expect(cases[0]).toEqual([
        '调解员',
        '案号',
        '案由',
        '难易程度',
        '申请人',
        '被申请人',
        '结案结果',
        '结案日期',
        '补贴标准（元）',
      ]);
      expect(cases).toHaveLength(1 + 5); // c1 c5 (赵), c3 c4 c7 (钱); c6 had no mediator
      const c4 = cases.find((r) => r[2] === '建设工程施工合同纠纷')!;
      expect(c4.slice(3, 9)).toEqual([
        '复杂',
        `'${FORMULA_PARTY}`,
        '北京某某科技有限公司',
        '调解成功',
        '2026-10-15',
        500,
      ]);
      const lines = rowsOf(workbook.getWorksheet('补贴明细')!);
      expect(lines[0]).toEqual(['调解员', '结案结果', '案由', '难易程度', '件数', '补贴标准（元/件）', '金额（元）']);
      expect(lines).toContainEqual(['钱调解', '调解成功', '建设工程施工合同纠纷', '复杂', 1, 500, 500]);
    });

    it('prints for the finance office: landscape A4, one page wide, header row repeated, titled with court and month', async () => {
      const res = await download('statistician', 'statistics/subsidies?month=2026-10&format=xlsx');
      const workbook = await workbookOf(res.body);
      expectPrintable(workbook, (sheet) => `测试法院京0105 2026-10 调解员补贴 ${sheet}`);
      // The notes and the totals fit one page each; the lines and the case list run as long as they are.
      expect(workbook.getWorksheet('说明')!.pageSetup.fitToHeight).toBe(1);
      expect(workbook.getWorksheet('补贴汇总')!.pageSetup.fitToHeight).toBe(1);
      expect(workbook.getWorksheet('案件清单')!.pageSetup.fitToHeight).toBe(0);
    });
  });

  describe('public ratings (群众评价)', () => {
    let window = 0;
    /** Each test starts in its own rate-limit window (600 s) so that the limit test counts alone. */
    const nextWindow = () => clock.set(at('2026-12-02', `${String(10 + (window += 1)).padStart(2, '0')}:00`));
    const rate = (body: object) => t.http().post('/api/v1/public/ratings').send(body);
    const code = (partyId: string) => ratingCodeFor(TEST_JWT_SECRET, partyId);
    const without = ({ requestId: _requestId, ...rest }: Record<string, unknown>) => rest;

    it('gives the same answer for a wrong, a used, a malformed and a not-yet-usable code', async () => {
      nextWindow();
      const answers = [
        await rate({ code: code(f.cases.c4.plaintiffId), score: 5 }), // used on 10-25
        await rate({ code: code(f.cases.c11.plaintiffId), score: 5 }), // case still in mediation
        await rate({ code: 'ZZZZZZZZZZ', score: 5 }), // no such code
        await rate({ code: 'not-a-code', score: 5 }),
      ];
      expect(answers.map((r) => r.status)).toEqual([422, 422, 422, 422]);
      const bodies = answers.map((r) => without(r.body));
      expect(bodies[0]).toMatchObject({ code: 'RATING_CODE_INVALID' });
      for (const body of bodies) expect(body).toEqual(bodies[0]);
    });

    it('takes a rating once, after the end, as typed (spaces, dashes, lower case), with a cleaned comment', async () => {
      nextWindow();
      const typed = code(f.cases.c2.plaintiffId)
        .toLowerCase()
        .replace(/(.{4})/g, '$1-');
      const first = await rate({ code: ` ${typed} `, score: 4, comment: '  调解员很耐心\u0007\r\n<b>谢谢</b>  ' });
      expect(first.status).toBe(201);
      expect(first.body).toEqual({ rated: true, score: 4, ratedAt: clock.now().toISOString() });
      const again = await rate({ code: code(f.cases.c2.plaintiffId), score: 1 });
      expect(again.status).toBe(422);
      expect(again.body.code).toBe('RATING_CODE_INVALID');
      const [stored] = await t.dataSource.query(
        `SELECT r.score, r.comment, c.used_at FROM party_ratings r JOIN party_rating_codes c ON c.party_id = r.party_id
         WHERE r.party_id = $1`,
        [f.cases.c2.plaintiffId],
      );
      expect(stored).toEqual({ score: 4, comment: '调解员很耐心\n<b>谢谢</b>', used_at: clock.now() });
      const events = await t.dataSource.query(
        `SELECT actor_id, after FROM audit_events WHERE subject_id = $1 AND action = 'PARTY_RATED'`,
        [f.cases.c2.id],
      );
      expect(events).toEqual([
        { actor_id: null, after: { partyId: f.cases.c2.plaintiffId, score: 4, hasComment: true } },
      ]);
    });

    it('takes one of two simultaneous uses of a code', async () => {
      nextWindow();
      const both = await Promise.all([1, 2].map(() => rate({ code: code(f.cases.c2.defendantId), score: 5 })));
      expect(both.map((r) => r.status).sort()).toEqual([201, 422]);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM party_ratings WHERE party_id = $1`, [
        f.cases.c2.defendantId,
      ]);
      expect(n).toBe(1);
    });

    it('refuses a bad score or a comment over 500 characters with 400, writing nothing', async () => {
      nextWindow();
      const party = f.cases.c5.plaintiffId;
      for (const body of [
        { code: code(party), score: 0 },
        { code: code(party), score: 6 },
        { code: code(party), score: 4.5 },
        { code: code(party), score: 4, comment: '好'.repeat(501) },
        { code: code(party), score: 4, extra: true },
      ]) {
        const res = await rate(body);
        expect([JSON.stringify(body).slice(0, 40), res.status]).toEqual([JSON.stringify(body).slice(0, 40), 400]);
      }
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM party_ratings WHERE party_id = $1`, [
        party,
      ]);
      expect(n).toBe(0);
      expect((await rate({ code: code(party), score: 4, comment: '好'.repeat(500) })).status).toBe(201);
    });

    it('is rate-limited per address: the 11th try in 10 minutes is refused with 429', async () => {
      nextWindow();
      const statuses: number[] = [];
      for (let i = 0; i < 11; i += 1) statuses.push((await rate({ code: 'ZZZZZZZZZZ', score: 3 })).status);
      expect(statuses).toEqual([...Array(10).fill(422), 429]);
      const blocked = await rate({ code: code(f.cases.c6.plaintiffId), score: 5 });
      expect(blocked.status).toBe(429);
      expect(blocked.body.code).toBe('TOO_MANY_REQUESTS');
      nextWindow();
      expect((await rate({ code: code(f.cases.c6.plaintiffId), score: 5 })).status).toBe(201);
    });
  });
});
