// The case file over HTTP (issue 29, parts 1 and 3): attachments added, listed, downloaded and withdrawn, each
// refusal storing nothing; the five documents read back with pdftotext; the 调解协议书's one header and one rule.
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { caseFileLimitsOf } from '../../src/casefile/casefile-limits.js';
import { ManualClock } from '../../src/common/clock.js';
import { loadEnv } from '../../src/config/env.js';
import { buildersOn } from '../support/builders-over-http.js';
import type { BuiltCase, BuiltCourt } from '../support/case-builders.js';
import { files } from '../support/consultation.js';
import { caseActions } from '../support/mediation.js';
import { at } from '../support/statistics.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { binary } from '../support/http.js';

const KB = 1024;
const MB = 1024 * KB;

/** A PDF of `size` bytes: the signature, then filler (the check reads the first bytes only). */
const pdfOf = (size: number) => Buffer.concat([files.pdf, randomBytes(size - files.pdf.length)]);

describe('case file: attachments and documents (e2e)', () => {
  const clock = new ManualClock(at('2026-09-01'));
  let t: TestApp;
  let court: BuiltCourt;
  let other: BuiltCourt;
  let inMediation: BuiltCase;
  let dir: string;
  const user = (c: BuiltCourt, role: keyof BuiltCourt['staff']) => c.staff[role].username;

  beforeAll(async () => {
    // Small limits, set as an operator would: 1 MB a file, 2 MB a case.
    const env = loadEnv({ CASE_ATTACHMENT_MAX_FILE_MB: '1', CASE_ATTACHMENT_MAX_CASE_MB: '2' }, false);
    t = await startTestApp({ clock, caseFileLimits: caseFileLimitsOf(env) });
    const b = buildersOn(t, clock);
    court = await b.aCourt();
    other = await b.aCourt();
    inMediation = await b.aCase({ status: 'IN_MEDIATION', court });
    cases = {
      registered: await b.aCase({ status: 'REGISTERED', court }),
      failed: await b.aCase({ status: 'FAILED', court }),
      expired: await b.aCase({ status: 'EXPIRED', court }),
      refused: await b.aCase({ status: 'REFUSED', court }),
      settled: await b.aCase({ status: 'SETTLED', court }),
      full: await b.aCase({ status: 'REGISTERED', court }),
      elsewhere: await b.aCase({ status: 'IN_MEDIATION', court: other }),
    };
    dir = mkdtempSync(path.join(tmpdir(), 'casefile-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });
  let cases: Record<'registered' | 'failed' | 'expired' | 'refused' | 'settled' | 'full' | 'elsewhere', BuiltCase>;

  const auth = async (username: string) => ({ Authorization: `Bearer ${await t.token(username)}` });
  const stored = async () => {
    const [row] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM case_attachments)::int AS rows, (SELECT count(*) FROM attachment_chunks)::int AS chunks`,
    );
    return row as { rows: number; chunks: number };
  };
  const upload = async (
    caseId: string,
    content: Buffer,
    options: { filename?: string; category?: string | null; username?: string } = {},
  ) => {
    const req = t
      .http()
      .post(`/api/v1/cases/${caseId}/attachments`)
      .set(await auth(options.username ?? user(court, 'clerk')));
    if (options.category !== null) req.field('category', options.category ?? 'COMPLAINT');
    return req.attach('file', content, { filename: options.filename ?? '起诉状.pdf', contentType: 'application/pdf' });
  };
  const download = async (caseId: string, attachmentId: string, username = user(court, 'clerk'), query = '') =>
    t
      .http()
      .get(`/api/v1/cases/${caseId}/attachments/${attachmentId}${query}`)
      .set(await auth(username))
      .buffer(true)
      .parse(binary);

  describe('attachments', () => {
    it('stores a PDF in chunks with its digest, lists it and hands it back, each step in the case history', async () => {
      const content = pdfOf(600 * KB); // three chunks of the store
      const before = await stored();
      const res = await upload(inMediation.id, content);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        sha256: createHash('sha256').update(content).digest('hex'),
        fileName: '起诉状.pdf',
        contentType: 'application/pdf',
        size: content.length,
        category: 'COMPLAINT',
        addedBy: court.staff.clerk.userId,
        withdrawn: false,
      });
      expect(await stored()).toEqual({ rows: before.rows + 1, chunks: before.chunks + 3 });

      const list = await t
        .http()
        .get(`/api/v1/cases/${inMediation.id}/attachments`)
        .set(await auth(user(court, 'judge')));
      expect(list.status).toBe(200);
      expect(list.body.map((a: { id: string }) => a.id)).toEqual([res.body.id]);

      const file = await download(inMediation.id, res.body.id, user(court, 'mediator'));
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['content-disposition']).toMatch(/^attachment; filename="___\.pdf"; /);
      expect(file.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('起诉状.pdf')}`);
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(Buffer.compare(file.body as Buffer, content)).toBe(0);

      const actions = await caseActions(t, inMediation.id);
      expect(actions).toEqual(expect.arrayContaining(['CASE_ATTACHMENT_ADDED', 'CASE_ATTACHMENT_DOWNLOADED']));
    });

    it('takes the type from the content: a PNG named .pdf is a PNG, offered as .png; the case mediator may add', async () => {
      const res = await upload(inMediation.id, files.png, {
        filename: 'scan.pdf',
        category: 'IDENTITY',
        username: user(court, 'mediator'),
      });
      expect(res.status).toBe(201);
      expect(res.body.contentType).toBe('image/png');
      const file = await download(inMediation.id, res.body.id);
      expect(file.headers['content-type']).toBe('image/png');
      expect(file.headers['content-disposition']).toContain('scan.pdf.png');
    });

    it.each([
      ['HTML named .pdf', files.html, { filename: 'evil.pdf' }, 415, 'ATTACHMENT_TYPE_NOT_ALLOWED'],
      ['an executable named .jpg', files.exe, { filename: 'photo.jpg' }, 415, 'ATTACHMENT_TYPE_NOT_ALLOWED'],
      ['a file over the 1 MB set by the environment', pdfOf(MB + 1), {}, 413, 'ATTACHMENT_TOO_LARGE'],
      ['an unknown category', files.pdf, { category: 'PHOTO' }, 400, 'VALIDATION_FAILED'],
      ['no category', files.pdf, { category: null }, 400, 'VALIDATION_FAILED'],
    ] as const)('refuses %s and stores nothing', async (_label, content, options, status, code) => {
      const before = await stored();
      const res = await upload(inMediation.id, content, options);
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
      expect(res.body.requestId).toEqual(expect.any(String));
      expect(await stored()).toEqual(before);
    });

    it('refuses a file past what the case still holds (2 MB) and stores nothing', async () => {
      expect((await upload(cases.full.id, pdfOf(MB - KB))).status).toBe(201);
      expect((await upload(cases.full.id, pdfOf(MB - KB))).status).toBe(201);
      const before = await stored();
      const res = await upload(cases.full.id, pdfOf(100 * KB));
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('CASE_FILE_FULL');
      expect(await stored()).toEqual(before);
    });

    it('is 404 on another court’s case, 403 for a judge adding, and 404 for a request without a file part', async () => {
      const before = await stored();
      const elsewhere = await upload(cases.elsewhere.id, files.pdf);
      expect(elsewhere.status).toBe(404);
      expect(elsewhere.body.code).toBe('CASE_NOT_FOUND');
      const listElsewhere = await t
        .http()
        .get(`/api/v1/cases/${cases.elsewhere.id}/attachments`)
        .set(await auth(user(court, 'clerk')));
      expect(listElsewhere.status).toBe(404);
      expect((await upload(inMediation.id, files.pdf, { username: user(court, 'judge') })).status).toBe(403);
      expect((await upload(inMediation.id, files.pdf, { username: user(court, 'enforcer') })).status).toBe(403);
      const noFile = await t
        .http()
        .post(`/api/v1/cases/${inMediation.id}/attachments`)
        .set(await auth(user(court, 'clerk')))
        .field('category', 'EVIDENCE');
      expect(noFile.status).toBe(400);
      expect(noFile.body.details[0].field).toBe('file');
      expect(await stored()).toEqual(before);
    });

    it('withdraws with a reason (never without): listed as withdrawn, no longer downloadable by default', async () => {
      const added = (await upload(inMediation.id, files.jpeg, { filename: '借条.jpg', category: 'LOAN_FILE' })).body;
      const withdraw = async (body: object, username = user(court, 'clerk')) =>
        t
          .http()
          .post(`/api/v1/cases/${inMediation.id}/attachments/${added.id}/withdrawal`)
          .set(await auth(username))
          .send(body);
      for (const body of [{}, { reason: '' }, { reason: '   ' }]) {
        const res = await withdraw(body);
        expect(res.status).toBe(400);
        expect(res.body.details[0].field).toBe('reason');
      }
      expect((await withdraw({ reason: '误传' }, user(court, 'mediator'))).status).toBe(403);
      const done = await withdraw({ reason: '误传了另一案件的借条' });
      expect(done.status).toBe(201);
      expect(done.body).toMatchObject({
        id: added.id,
        withdrawn: true,
        withdrawal: { reason: '误传了另一案件的借条' },
      });
      expect((await withdraw({ reason: '再撤一次' })).body.code).toBe('ALREADY_WITHDRAWN');

      const list = await t
        .http()
        .get(`/api/v1/cases/${inMediation.id}/attachments`)
        .set(await auth(user(court, 'mediator')));
      expect(list.body.find((a: { id: string }) => a.id === added.id)).toMatchObject({ withdrawn: true });
      const refused = await download(inMediation.id, added.id, user(court, 'mediator'));
      expect(refused.status).toBe(409);
      expect(JSON.parse((refused.body as Buffer).toString()).code).toBe('ATTACHMENT_WITHDRAWN');
      expect((await download(inMediation.id, added.id, user(court, 'mediator'), '?includeWithdrawn=true')).status).toBe(
        409,
      );
      expect((await download(inMediation.id, added.id, user(court, 'clerk'), '?includeWithdrawn=true')).status).toBe(
        200,
      );
      expect(await caseActions(t, inMediation.id)).toContain('CASE_ATTACHMENT_WITHDRAWN');
      const [row] = await t.dataSource.query('SELECT count(*)::int AS n FROM case_attachments WHERE id = $1', [
        added.id,
      ]);
      expect(row.n).toBe(1);
    });

    it('is 404 for an attachment of another case', async () => {
      const added = (await upload(inMediation.id, files.pdf)).body;
      expect((await download(cases.registered.id, added.id)).status).toBe(404);
      expect((await download(inMediation.id, 'not-an-id')).status).toBe(404);
    });
  });

  describe('documents', () => {
    const fetchPdf = async (caseId: string, kind: string, username = user(court, 'clerk'), query = '') => {
      const res = await t
        .http()
        .get(`/api/v1/cases/${caseId}/documents/${kind}/pdf${query}`)
        .set(await auth(username))
        .buffer(true)
        .parse(binary);
      const file = path.join(dir, `${kind}-${caseId}.pdf`);
      writeFileSync(file, res.body as Buffer);
      return { res, file };
    };
    const pagesOf = (file: string) =>
      execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })
        .split('\f')
        .slice(0, -1)
        .map((page) => page.replace(/\s+/g, ''));
    const textOf = (file: string) => pagesOf(file).join('');
    const courtName = () => `测试法院${court.code}`;

    /** Every page carries the court's name and its number. */
    const expectNumberedPages = (pages: string[], perCopy = pages.length) =>
      pages.forEach((page, i) => {
        expect(page).toContain(`${courtName()}第${(i % perCopy) + 1}页共${perCopy}页`);
      });

    it('prints the session record of the latest session, or the one chosen, with signing lines', async () => {
      const { res, file } = await fetchPdf(inMediation.id, 'session-record', user(court, 'mediator'));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toMatch(/^inline; /);
      const text = textOf(file);
      for (const expected of [
        courtName(),
        '调解笔录',
        '当面调解',
        '组织双方调解',
        '参加人员：申请人、被申请人',
        '调解员（签名）：',
        '记录人（签名）：',
        '本院地址',
      ]) {
        expect(text).toContain(expected);
      }
      expectNumberedPages(pagesOf(file));
      const [session] = await t.dataSource.query('SELECT id FROM mediation_sessions WHERE case_id = $1', [
        inMediation.id,
      ]);
      expect((await fetchPdf(inMediation.id, 'session-record', undefined, `?sessionId=${session.id}`)).res.status).toBe(
        200,
      );
      const unknown = await fetchPdf(inMediation.id, 'session-record', undefined, `?sessionId=${cases.failed.id}`);
      expect(unknown.res.status).toBe(404);
      expect(await caseActions(t, inMediation.id)).toContain('CASE_DOCUMENT_PRINTED');
    });

    it('prints the undisputed facts of a failed case', async () => {
      const { res, file } = await fetchPdf(cases.failed.id, 'undisputed-facts');
      expect(res.status).toBe(200);
      const text = textOf(file);
      expect(text).toContain('无争议事实确认书');
      expect(text).toContain('借款事实无争议');
      expectNumberedPages(pagesOf(file));
    });

    it('prints one service address confirmation page per party, each numbered as its own copy', async () => {
      const { res, file } = await fetchPdf(inMediation.id, 'service-address');
      expect(res.status).toBe(200);
      const pages = pagesOf(file);
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM parties WHERE case_id = $1', [
        inMediation.id,
      ]);
      expect(pages).toHaveLength(n);
      for (const page of pages) {
        expect(page).toContain('送达地址确认书');
        expect(page).toContain('确认送达地址：');
        expect(page).toContain('受送达人');
      }
      expectNumberedPages(pages, 1);
    });

    it.each([
      ['failed', '调解不成告知书'],
      ['expired', '调解终结告知书'],
      ['refused', '调解终结告知书'],
    ] as const)('prints the end of mediation for a %s case', async (which, title) => {
      const { res, file } = await fetchPdf(cases[which].id, 'mediation-ended');
      expect(res.status).toBe(200);
      expect(textOf(file)).toContain(title);
      expect(textOf(file)).toContain('特此告知');
    });

    it('prints the case summary with the case file listed', async () => {
      const { res, file } = await fetchPdf(inMediation.id, 'case-summary', user(court, 'judge'));
      expect(res.status).toBe(200);
      const text = textOf(file);
      expect(text).toContain('案件信息表');
      expect(text).toContain('起诉状：起诉状.pdf');
      expect(text).toContain('（已撤回）');
      expectNumberedPages(pagesOf(file));
    });

    it.each([
      ['session-record', 'registered'],
      ['undisputed-facts', 'settled'],
      ['undisputed-facts', 'registered'],
      ['mediation-ended', 'settled'],
      ['mediation-ended', 'registered'],
    ] as const)('refuses %s on a %s case with 422', async (kind, which) => {
      const { res } = await fetchPdf(cases[which].id, kind);
      expect(res.status).toBe(422);
      expect(JSON.parse((res.body as Buffer).toString()).code).toBe('DOCUMENT_NOT_APPLICABLE');
    });

    it('is 404 for an unknown kind and for another court’s case', async () => {
      const unknown = await fetchPdf(inMediation.id, 'judgment');
      expect(unknown.res.status).toBe(404);
      expect(JSON.parse((unknown.res.body as Buffer).toString()).code).toBe('DOCUMENT_KIND_NOT_FOUND');
      expect((await fetchPdf(cases.elsewhere.id, 'case-summary')).res.status).toBe(404);
      expect((await fetchPdf(inMediation.id, 'case-summary', user(court, 'enforcer'))).res.status).toBe(403);
    });

    it('prints the 调解协议书 with one header and one rule of when it takes effect, pages numbered', async () => {
      const res = await t
        .http()
        .get(`/api/v1/cases/${cases.settled.id}/mediation-agreement/pdf`)
        .set(await auth(user(court, 'clerk')))
        .buffer(true)
        .parse(binary);
      expect(res.status).toBe(200);
      const file = path.join(dir, 'agreement.pdf');
      writeFileSync(file, res.body as Buffer);
      const text = textOf(file);
      const count = (needle: string) => text.split(needle).length - 1;
      expect(count('案由：')).toBe(1);
      expect(count('申请人的请求：')).toBe(1);
      expect(count('生效之日起生效')).toBe(0);
      expect(count('之日起生效')).toBe(1);
      expect(text).toContain('本协议自各方当事人签名（盖章）、调解员签名之日起生效');
      expectNumberedPages(pagesOf(file));
    });
  });
});
