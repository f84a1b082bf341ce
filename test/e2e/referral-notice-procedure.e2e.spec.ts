// The notice by the case's procedure, read back from the PDF with poppler's pdftotext: the 《先行调解告知书》 of a
// registered case and the 《诉前引导告知书》 of a freely chosen non-litigation mediation, one copy per party with
// its own rating code.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../src/common/clock.js';
import { ratingCodeFor } from '../../src/referral/rating-code.js';
import { aCaseBody } from '../support/builders.js';
import { apiClient, binary } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';

describe('the notice by procedure (e2e, pdftotext)', () => {
  const clock = new ManualClock(new Date('2026-09-01T02:00:00Z'));
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await startTestApp({ clock, jwtSecret: JWT_SECRET });
    await t.seedCourt('京0105', '', { legacyUntil: '2025-01-01' });
    dir = mkdtempSync(path.join(tmpdir(), 'notice-procedure-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  const api = apiClient(() => t);

  /** Registers, issues the notice and reads its PDF back as text (whitespace removed: lines break anywhere). */
  async function issuedNotice(n: number, choice: object) {
    const registered = await api.post('clerk', 'cases', { ...aCaseBody({ n }), ...choice });
    expect(registered.status).toBe(201);
    const notice = await api.post('clerk', `cases/${registered.body.id}/notices`, {});
    expect(notice.status).toBe(201);
    const pdf = await t
      .http()
      .get(notice.body.serviceCopiesUrl)
      .set(await api.auth('clerk'))
      .buffer(true)
      .parse(binary);
    expect(pdf.status).toBe(200);
    const file = path.join(dir, `notice-${n}.pdf`);
    writeFileSync(file, pdf.body as Buffer);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    return { c: registered.body, notice: notice.body, text, disposition: pdf.headers['content-disposition'] };
  }

  const count = (text: string, phrase: string) => text.split(phrase).length - 1;

  it('prints the 《先行调解告知书》 of a 先行调解 case: its 民初 number, its period, one copy per party', async () => {
    const { c, notice, text, disposition } = await issuedNotice(1, { trialProcedure: 'SIMPLE' });
    expect(notice.title).toBe('先行调解告知书');
    expect(decodeURIComponent(disposition)).toContain('先行调解告知书');
    expect(count(text, '先行调解告知书')).toBeGreaterThanOrEqual(2);
    expect(text).not.toContain('诉前调解告知书');
    for (const phrase of [
      `案号：${c.filingNumber}`,
      '本案适用简易程序，先行调解期限为七日',
      '自调解员签收本院移交的案件材料之日起计算',
      '可以延长一次，延长的期限不超过三十日',
      '不计入审理期限',
      '先行调解不收取调解费用',
      '即时履行',
      '民事调解书',
      '七日内预交案件受理费',
      '按撤诉处理',
      '同意先行调解',
      '不同意先行调解',
    ]) {
      expect(text).toContain(phrase);
    }
    // One copy per party, each with its own rating code and no one else's.
    expect(count(text, '送达：')).toBe(2);
    for (const party of c.parties as { id: string }[]) {
      expect(count(text, ratingCodeFor(JWT_SECRET, party.id))).toBe(1);
    }
  });

  it('prints the 《诉前引导告知书》 of a voluntary case: a free choice, free, 司法确认 within 30 days', async () => {
    const { notice, text } = await issuedNotice(2, { procedure: 'VOLUNTARY' });
    expect(notice.title).toBe('诉前引导告知书');
    for (const phrase of [
      '诉前引导告知书',
      '完全由当事人自主决定',
      '本院依法当即登记立案',
      '非诉讼调解不收取费用',
      '三十日内，共同向本院申请司法确认，申请司法确认不收取费用',
      '自愿选择非诉讼调解',
      '不选择调解，要求立案',
    ]) {
      expect(text).toContain(phrase);
    }
    expect(text).not.toContain('案号：');
    expect(count(text, '送达：')).toBe(2);
  });
});
