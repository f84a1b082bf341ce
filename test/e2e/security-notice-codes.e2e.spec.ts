// Issue 28, item 4 (staff can cast the public ratings): the notice a judge, a coordinator or a clerk reads is the
// court's file copy (存档本) and carries no party's 群众评价码; the codes are printed only on the service copies
// (送达本), by the window that serves the notice, each copy with its own party's code, every printing in the
// case's history (who, when, which parties). Read back with pdftotext, as a person would read the paper.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../src/common/clock.js';
import { PARTY_ROLE_LABELS, type PartyRole } from '../../src/cases/party.entity.js';
import { ratingCodeFor } from '../../src/referral/rating-code.js';
import { referralClient, type RegisteredCase } from '../support/referral.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { webLogin, type WebSession } from '../support/web-session.js';
import { binary } from '../support/http.js';

const JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';

describe('rating codes only on the service copies (e2e, pdftotext)', () => {
  const clock = new ManualClock(new Date('2026-09-01T02:00:00Z'));
  let t: TestApp;
  let dir: string;
  let c: RegisteredCase;
  let notice: { id: string; number: string; pdfUrl: string; serviceCopiesUrl: string };
  let files = 0;
  const client = () => referralClient(t);
  const code = (partyId: string) => ratingCodeFor(JWT_SECRET, partyId);
  /** The line at the head of a party's copy, as pdftotext reads it without spaces. */
  const served = (p: RegisteredCase['parties'][number]) => `送达：${PARTY_ROLE_LABELS[p.role as PartyRole]}${p.name}`;

  beforeAll(async () => {
    t = await startTestApp({ clock, jwtSecret: JWT_SECRET });
    await t.seedCourt('京0105', '');
    c = await client().register({ n: 1 });
    const issued = await client().issueNotice(c.id);
    expect(issued.status).toBe(201);
    notice = issued.body;
    dir = mkdtempSync(path.join(tmpdir(), 'notice-codes-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  /** The PDF at `url` as `user` sees it: its status and, for a PDF, its text with the whitespace taken out. */
  async function read(url: string, user: string): Promise<{ status: number; text: string; body: unknown }> {
    const res = await t
      .http()
      .get(url)
      .set(await client().auth(user))
      .buffer(true)
      .parse(binary);
    if (res.status !== 200) return { status: res.status, text: '', body: JSON.parse(String(res.body)) };
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    const file = path.join(dir, `${(files += 1)}.pdf`);
    writeFileSync(file, res.body as Buffer);
    return {
      status: 200,
      text: execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ''),
      body: null,
    };
  }

  const history = async (action: string) =>
    (await t.dataSource.query(
      `SELECT e.actor_id, u.username, e.after FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id
       WHERE e.subject_type = 'CASE' AND e.subject_id = $1 AND e.action = $2 ORDER BY e.id`,
      [c.id, action],
    )) as { username: string; after: Record<string, unknown> }[];

  it('the file copy (pdfUrl) carries no party’s code, for the judge, the coordinator and the clerk alike', async () => {
    for (const user of ['judge', 'coordinator', 'clerk']) {
      const copy = await read(notice.pdfUrl, user);
      expect(copy.status).toBe(200);
      for (const party of c.parties) {
        expect(copy.text).toContain(served(party));
        expect(copy.text).not.toContain(code(party.id));
      }
      expect(copy.text).toContain('存档本不印评价码');
      expect(copy.text).not.toMatch(/code=/); // no rating link (its QR code holds the code) either
    }
    const printed = await history('CASE_DOCUMENT_PRINTED');
    expect(printed.map((e) => [e.username, e.after.document, e.after.copy, e.after.noticeId])).toEqual([
      ['judge', 'notice', 'FILE', notice.id],
      ['coordinator', 'notice', 'FILE', notice.id],
      ['clerk', 'notice', 'FILE', notice.id],
    ]);
  });

  it('the service copies are the window’s: a judge or a coordinator is refused (403) and nothing is recorded', async () => {
    expect(notice.serviceCopiesUrl).toBe(`/api/v1/notices/${notice.id}/service-copies/pdf`);
    for (const user of ['judge', 'coordinator', 'mediator', 'statistician']) {
      const refused = await read(notice.serviceCopiesUrl, user);
      expect([user, refused.status]).toEqual([user, 403]);
    }
    expect(await history('NOTICE_SERVICE_COPY_PRINTED')).toEqual([]);
  });

  it('the clerk’s service copies: each party’s copy with its own code only, the printing recorded', async () => {
    const copies = await read(notice.serviceCopiesUrl, 'clerk');
    expect(copies.status).toBe(200);
    const [first, second] = c.parties;
    // One copy per party, in order; each copy (from its 送达 line to the next) has that party's code alone.
    const start = (p: RegisteredCase['parties'][number]) => copies.text.indexOf(served(p));
    expect(start(first)).toBeGreaterThanOrEqual(0);
    expect(start(second)).toBeGreaterThan(start(first));
    const firstCopy = copies.text.slice(start(first), start(second));
    const secondCopy = copies.text.slice(start(second));
    expect(firstCopy).toContain(`群众评价码：${code(first.id)}`);
    expect(firstCopy).not.toContain(code(second.id));
    expect(secondCopy).toContain(`群众评价码：${code(second.id)}`);
    expect(secondCopy).not.toContain(code(first.id));

    const printed = await history('NOTICE_SERVICE_COPY_PRINTED');
    expect(printed).toHaveLength(1);
    expect(printed[0].username).toBe('clerk');
    expect(printed[0].after).toMatchObject({
      noticeId: notice.id,
      number: notice.number,
      parties: c.parties.map((p) => ({ partyId: p.id, name: p.name, ratingCode: true })),
    });
  });

  it('one party’s copy alone (a reprint), and a used code is not printed again', async () => {
    const [first, second] = c.parties;
    const one = await read(`${notice.serviceCopiesUrl}?partyId=${second.id}`, 'clerk');
    expect(one.status).toBe(200);
    expect(one.text).toContain(`群众评价码：${code(second.id)}`);
    expect(one.text).not.toContain(code(first.id));
    expect(one.text).toContain(served(second));
    expect(one.text.split('送达：')).toHaveLength(2); // one copy

    // The party has rated: its code is spent, and a reprint says so instead of printing it.
    await t.dataSource.query(`UPDATE party_rating_codes SET used_at = now() WHERE party_id = $1`, [second.id]);
    const reprint = await read(`${notice.serviceCopiesUrl}?partyId=${second.id}`, 'clerk');
    expect(reprint.text).not.toContain(code(second.id));
    expect(reprint.text).toContain('该当事人已评价');

    const printed = await history('NOTICE_SERVICE_COPY_PRINTED');
    expect(printed.slice(1).map((e) => e.after.parties)).toEqual([
      [{ partyId: second.id, name: second.name, ratingCode: true }],
      [{ partyId: second.id, name: second.name, ratingCode: false }],
    ]);
  });

  it('refuses a party not on the notice (404) and a malformed one (400), recording nothing', async () => {
    const before = (await history('NOTICE_SERVICE_COPY_PRINTED')).length;
    const other = await client().register({ n: 2 });
    const foreign = await read(`${notice.serviceCopiesUrl}?partyId=${other.parties[0].id}`, 'clerk');
    expect([foreign.status, (foreign.body as { code: string }).code]).toEqual([404, 'PARTY_NOT_FOUND']);
    const malformed = await read(`${notice.serviceCopiesUrl}?partyId=abc`, 'clerk');
    expect(malformed.status).toBe(400);
    const missing = await read('/api/v1/notices/00000000-0000-4000-8000-000000000000/service-copies/pdf', 'clerk');
    expect(missing.status).toBe(404);
    expect(await history('NOTICE_SERVICE_COPY_PRINTED')).toHaveLength(before);
  });

  it('the case page offers the service copies to the clerk only; the page route keeps the same roles', async () => {
    const sessions: Record<string, WebSession> = {};
    for (const user of ['clerk', 'judge']) sessions[user] = await webLogin(t, user);
    const page = (user: string, url: string) => t.http().get(url).set('Cookie', sessions[user].cookie);
    const link = `href="/notices/${notice.id}/service-copies/pdf"`;
    expect((await page('clerk', `/cases/${c.id}`)).text).toContain(link);
    const judgePage = await page('judge', `/cases/${c.id}`);
    expect(judgePage.status).toBe(200);
    expect(judgePage.text).not.toContain(link);
    expect(judgePage.text).toContain(`href="/notices/${notice.id}/pdf"`);
    expect((await page('judge', `/notices/${notice.id}/service-copies/pdf`)).status).toBe(403);
    const served = await page('clerk', `/notices/${notice.id}/service-copies/pdf`).buffer(true);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('application/pdf');
  });
});
