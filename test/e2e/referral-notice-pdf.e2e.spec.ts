// The printed notice, checked the way a person would: fetched over HTTP, read
// back with poppler (pdftotext, pdffonts, pdfinfo) and rendered to an image.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../src/common/clock.js';
import { ratingCodeFor } from '../../src/referral/rating-code.js';
import { aCaseBody, residentId } from '../support/builders.js';
import { referralClient, type RegisteredCase } from '../support/referral.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { binary } from '../support/http.js';

const JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';

/** Share of dark pixels in a binary PGM (P5) image, overall and in its top fifth. */
function darkShare(pgm: Buffer): { all: number; top: number } {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 50).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(header[0].length);
  const dark = (from: number, to: number) => {
    let n = 0;
    for (let i = from; i < to; i += 1) if (pixels[i] < 128) n += 1;
    return n / (to - from);
  };
  return { all: dark(0, width * height), top: dark(0, width * Math.floor(height / 5)) };
}

describe('referral notice PDF (e2e, poppler)', () => {
  const clock = new ManualClock(new Date('2026-09-01T02:00:00Z'));
  let t: TestApp;
  let dir: string;
  let c: RegisteredCase;
  let file: string;
  let noticeNumber: string;

  beforeAll(async () => {
    t = await startTestApp({ clock, jwtSecret: JWT_SECRET });
    await t.seedCourt('京0105', '');
    const client = referralClient(t);
    const base = aCaseBody({ n: 1, caseType: '离婚纠纷' });
    const wife = {
      role: 'DEFENDANT',
      kind: 'PERSON',
      name: '李梅',
      idNumber: residentId(2, '19920315'),
      address: '北京市朝阳区望京街10号',
      serviceAddress: '北京市朝阳区望京街10号',
    };
    const body = { ...base, parties: [base.parties[0], wife] };
    c = await client.register({}, body);
    const notice = await client.issueNotice(c.id);
    noticeNumber = notice.body.number;

    const res = await t
      .http()
      .get(notice.body.pdfUrl)
      .set(await client.auth('judge'))
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^inline;/);
    dir = mkdtempSync(path.join(tmpdir(), 'notice-pdf-'));
    file = path.join(dir, 'notice.pdf');
    writeFileSync(file, res.body as Buffer);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  const poppler = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });

  it('is an A4 PDF', () => {
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const info = poppler('pdfinfo', file);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
  });

  it('reads back in Chinese: court, number, parties, case type, the rules; the judge’s file copy has no rating code', () => {
    const text = poppler('pdftotext', file, '-');
    const flat = text.replace(/\s+/g, '');
    for (const expected of [
      '测试法院京0105',
      '诉前调解告知书',
      noticeNumber,
      '张三',
      '李梅',
      '离婚纠纷',
      '不收取费用',
      '三十日',
      '司法确认',
      '未成年子女', // the family template's own paragraph
      '同意诉前调解',
      '不同意诉前调解',
      '签名（盖章）',
    ]) {
      expect(flat).toContain(expected);
    }
    // The judge reads the court's file copy (存档本): the codes are on the parties' service copies only.
    for (const party of c.parties) expect(flat).not.toContain(ratingCodeFor(JWT_SECRET, party.id));
    expect(flat).toContain('群众评价码：存档本不印评价码');
    // Resident ID numbers are printed masked only.
    expect(flat).toContain(`${residentId(1).slice(0, 6)}********${residentId(1).slice(-4)}`);
    expect(flat).not.toContain(residentId(1));
    expect(flat).not.toContain(residentId(2, '19920315'));
  });

  it('embeds every font it uses', () => {
    const rows = poppler('pdffonts', file)
      .trim()
      .split('\n')
      .slice(2)
      .map((line) => line.trim().split(/\s+/));
    expect(rows.length).toBeGreaterThanOrEqual(1);
    for (const columns of rows) {
      // name type... encoding emb sub uni object ID: emb is the fifth column from the end
      expect({ font: columns[0], emb: columns[columns.length - 5] }).toEqual({ font: columns[0], emb: 'yes' });
    }
  });

  it('renders page 1 to a picture that is not blank', () => {
    execFileSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', '-singlefile', file, path.join(dir, 'page')]);
    // A blank A4 page at 40 dpi compresses to about 1 KB; a page of Chinese text is tens of KB.
    expect(statSync(path.join(dir, 'page.png')).size).toBeGreaterThan(10_000);

    execFileSync('pdftoppm', ['-gray', '-r', '40', '-f', '1', '-l', '1', '-singlefile', file, path.join(dir, 'page')]);
    const share = darkShare(readFileSync(path.join(dir, 'page.pgm')));
    expect(share.all).toBeGreaterThan(0.01); // there is text...
    expect(share.all).toBeLessThan(0.4); // ...on a white page, not a black box
    expect(share.top).toBeGreaterThan(0.01); // and the heading sits at the top
  });
});
