// The stored electronic file, visible and bounded (issue 29): its state on the API (`GET
// /cases/:id/file-package/state`) and on the case page (正在生成, 已生成, 生成失败); a build that keeps failing is
// given up after FILE_PACKAGE_MAX_ATTEMPTS, in the history, with one notice to the clerk who handed the case over
// and the court's administrators; a clerk's rebuild (`POST /cases/:id/file-package/rebuild`, and the page's form)
// and its refusals. A failure is forced as in casefile-package.e2e.spec.ts: an attachment whose recorded SHA-256
// is not its content's.
import { createHash } from 'node:crypto';
import { DEFAULT_LEGACY_UNTIL } from '../../src/cases/procedure.js';
import { FilePackageBuilder } from '../../src/casefile/file-package-builder.js';
import { FILE_PACKAGE_MAX_ATTEMPTS, retryDelayMinutes } from '../../src/casefile/file-package-failure.js';
import { ManualClock } from '../../src/common/clock.js';
import { buildersOn } from '../support/builders-over-http.js';
import type { BuiltCase, BuiltCourt } from '../support/case-builders.js';
import { files } from '../support/consultation.js';
import { caseActions } from '../support/mediation.js';
import { at } from '../support/statistics.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { pageClient, webLogin, type WebSession } from '../support/web-session.js';
import { binary } from '../support/http.js';

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

describe('case file package: state, bound and rebuild (e2e)', () => {
  const clock = new ManualClock(at('2026-09-01'));
  let t: TestApp;
  let b: ReturnType<typeof buildersOn>;
  let court: BuiltCourt;
  let other: BuiltCourt;
  let otherClerk: string;
  /** Never transferred; transferred and stored; two transferred whose build keeps failing. */
  let open: BuiltCase;
  let stored: BuiltCase;
  let failing: BuiltCase;
  let failingToo: BuiltCase;
  let elsewhere: BuiltCase;
  const sessions: Record<string, WebSession> = {};
  const pages = pageClient(() => t, sessions);
  const user = (c: BuiltCourt, role: keyof BuiltCourt['staff']) => c.staff[role].username;
  const auth = async (username: string) => ({ Authorization: `Bearer ${await t.token(username)}` });
  const drain = () => t.app.get(FilePackageBuilder).drain();
  const state = async (caseId: string, username = user(court, 'clerk')) =>
    t
      .http()
      .get(`/api/v1/cases/${caseId}/file-package/state`)
      .set(await auth(username));
  const rebuild = async (caseId: string, username = user(court, 'clerk')) =>
    t
      .http()
      .post(`/api/v1/cases/${caseId}/file-package/rebuild`)
      .set(await auth(username))
      .send({});
  const row = async (caseId: string) =>
    (
      await t.dataSource.query(
        `SELECT id, status, attempts, failed_at, failure_reason, rebuilds, next_attempt_at
           FROM case_file_packages WHERE case_id = $1`,
        [caseId],
      )
    )[0];
  /** The section of the case page that shows the package, as `who` sees it. */
  const packageSection = async (who: string, caseId: string) => {
    const page = await pages.get(who, `/cases/${caseId}`);
    expect(page.status).toBe(200);
    const start = page.text.indexOf('id="file-package-state"');
    expect(start).toBeGreaterThan(0);
    return page.text.slice(start, page.text.indexOf('</details>', start));
  };
  const failedNotices = async (caseId: string) =>
    (await t.dataSource.query(
      `SELECT recipient_user_id AS "userId", message, done_at AS "doneAt" FROM notifications
        WHERE kind = 'FILE_PACKAGE_FAILED' AND subject_id = $1 ORDER BY created_at, recipient_user_id`,
      [caseId],
    )) as { userId: string; message: string; doneAt: Date | null }[];

  /**
   * A failed voluntary case given a complaint and filed (转诉讼) by the clerk, its attachment's digest wrong if `bad`.
   * (The cases are built first: a builder moves the clock for a while, and the filings' builds run meanwhile.)
   */
  const filedCase = async (c: BuiltCase, bad: boolean) => {
    const clerk = await auth(user(court, 'clerk'));
    const added = await t
      .http()
      .post(`/api/v1/cases/${c.id}/attachments`)
      .set(clerk)
      .field('category', 'COMPLAINT')
      .attach('file', files.pdf, { filename: '起诉状.pdf', contentType: 'application/octet-stream' });
    expect(added.status).toBe(201);
    if (bad) {
      await t.dataSource.query(`UPDATE case_attachments SET sha256 = $2 WHERE id = $1`, [
        added.body.id,
        '0'.repeat(64),
      ]);
    }
    const filed = await t.http().post(`/api/v1/cases/${c.id}/filing`).set(clerk).send({ trialProcedure: 'SIMPLE' });
    expect(filed.status).toBe(201);
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    b = buildersOn(t, clock);
    court = await b.aCourt({ legacyUntil: DEFAULT_LEGACY_UNTIL });
    other = await b.aCourt({ legacyUntil: DEFAULT_LEGACY_UNTIL });
    otherClerk = (await b.aUser({ roles: ['CLERK'], court })).username;
    open = await b.aCase({ status: 'FAILED', court, procedure: 'VOLUNTARY' });
    elsewhere = await b.aCase({ status: 'FAILED', court: other, procedure: 'VOLUNTARY' });
    const failed = () => b.aCase({ status: 'FAILED', court, procedure: 'VOLUNTARY' });
    [stored, failing, failingToo] = [await failed(), await failed(), await failed()];
    await filedCase(stored, false);
    await filedCase(failing, true);
    await filedCase(failingToo, true);
    await drain();
    for (const who of ['clerk', 'judge', 'coordinator'] as const) sessions[who] = await webLogin(t, user(court, who));
    sessions.otherCourtClerk = await webLogin(t, user(other, 'clerk'));
  });
  afterAll(async () => {
    await t.close();
  });

  it('NONE: a case never handed over, whose download is a preview', async () => {
    const res = await state(open.id, user(court, 'judge'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      state: 'NONE',
      packageId: null,
      href: `/api/v1/cases/${open.id}/file-package`,
      page: `/cases/${open.id}/file-package`,
      requestedAt: null,
      stored: null,
      attempts: 0,
      maxAttempts: FILE_PACKAGE_MAX_ATTEMPTS,
      lastFailure: null,
    });
    const section = await packageSection('clerk', open.id);
    expect(section).toContain('data-state="NONE"');
    expect(section).toMatch(/id="file-package-link">导出电子卷宗（ZIP）/);
  });

  it('STORED: when, size, SHA-256 and entries, the same as the download', async () => {
    const res = await state(stored.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'STORED', attempts: 1, lastFailure: null, nextAttemptAt: null });
    const download = await t
      .http()
      .get(res.body.href)
      .set(await auth(user(court, 'clerk')))
      .buffer(true)
      .parse(binary);
    expect(download.status).toBe(200);
    const bytes = download.body as Buffer;
    expect(res.body.stored).toEqual({
      builtAt: expect.any(String),
      size: bytes.length,
      sha256: sha256(bytes),
      files: expect.any(Number),
    });
    expect(res.body.stored.files).toBeGreaterThan(1);

    const section = await packageSection('judge', stored.id);
    expect(section).toContain('data-state="STORED"');
    expect(section).toContain('已生成');
    expect(section).toContain(`<code id="file-package-sha256">${sha256(bytes)}</code>`);
    expect(section).toContain(`卷宗清单外共 ${res.body.stored.files} 个文件`);
    expect(section).toMatch(/\d+(\.\d)? (KB|MB)/);
    expect(section).toMatch(new RegExp(`href="/cases/${stored.id}/file-package" download id="file-package-link"`));
  });

  it('BUILDING: after a failed attempt, with the failure in Chinese and the next try', async () => {
    const res = await state(failing.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      state: 'BUILDING',
      stored: null,
      attempts: 1,
      failedAt: null,
    });
    // Tried again a minute after it failed.
    const { next_attempt_at: next } = await row(failing.id);
    expect(res.body.nextAttemptAt).toBe(next.toISOString());
    expect(next.getTime() - Date.parse(res.body.requestedAt)).toBe(60_000);
    expect(res.body.lastFailure).toBe(
      '材料“起诉状.pdf”的存储内容与登记的 SHA-256 校验值不符（存储的文件可能已损坏或缺失），请系统管理员核查材料存储',
    );
    const section = await packageSection('clerk', failing.id);
    expect(section).toContain('data-state="BUILDING"');
    expect(section).toContain('正在生成');
    expect(section).toContain('已尝试 1 次未成功');
    expect(section).toContain('校验值不符');
    expect(section).not.toContain('file-package-link');
    expect(section).not.toContain('file-package-rebuild');
  });

  it('rebuild refusals: wrong role 403, not failed 409, another court 404; nothing recorded', async () => {
    const before = await Promise.all([open, stored, failing].map((c) => caseActions(t, c.id)));
    const rows = await Promise.all([stored, failing].map((c) => row(c.id)));
    for (const role of ['coordinator', 'judge', 'mediator'] as const) {
      expect((await rebuild(failing.id, user(court, role))).status).toBe(403);
    }
    for (const [c, current] of [
      [open, 'NONE'],
      [stored, 'STORED'],
      [failing, 'BUILDING'],
    ] as const) {
      const res = await rebuild(c.id);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'FILE_PACKAGE_NOT_FAILED', details: { state: current } });
    }
    const foreign = await rebuild(elsewhere.id);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('CASE_NOT_FOUND');
    expect((await state(elsewhere.id)).status).toBe(404);
    expect((await state(failing.id, user(court, 'mediator'))).status).toBe(403);

    // The page's form: refused the same way, the page again with why.
    const page = await pages.post('clerk', `/cases/${stored.id}/file-package/rebuild`, {});
    expect(page.status).toBe(409);
    expect(page.text).toMatch(/id="file-package-rebuild-refused">电子卷宗已生成，无需重新生成/);
    expect((await pages.post('coordinator', `/cases/${failing.id}/file-package/rebuild`, {})).status).toBe(403);
    expect((await pages.post('otherCourtClerk', `/cases/${failing.id}/file-package/rebuild`, {})).status).toBe(404);

    expect(await Promise.all([open, stored, failing].map((c) => caseActions(t, c.id)))).toEqual(before);
    expect(await Promise.all([stored, failing].map((c) => row(c.id)))).toEqual(rows);
  });

  it(`FAILED after ${FILE_PACKAGE_MAX_ATTEMPTS} attempts: in the history, told once, no more retries`, async () => {
    for (let attempts = 1; attempts < FILE_PACKAGE_MAX_ATTEMPTS; attempts += 1) {
      expect(await row(failing.id)).toMatchObject({ status: 'PENDING', attempts });
      expect(await failedNotices(failing.id)).toEqual([]);
      clock.set(new Date(clock.now().getTime() + retryDelayMinutes(attempts) * 60_000));
      await drain();
    }
    const failedAt = clock.now();
    expect(await row(failing.id)).toMatchObject({
      status: 'FAILED',
      attempts: FILE_PACKAGE_MAX_ATTEMPTS,
      failed_at: failedAt,
    });
    const res = await state(failing.id);
    expect(res.body).toMatchObject({
      state: 'FAILED',
      attempts: FILE_PACKAGE_MAX_ATTEMPTS,
      failedAt: failedAt.toISOString(),
      nextAttemptAt: null,
      stored: null,
    });
    expect(res.body.lastFailure).toContain('校验值不符');

    // In the history once, by the system.
    const events = await t.dataSource.query(
      `SELECT actor_id, after FROM audit_events WHERE subject_id = $1 AND action = 'CASE_FILE_PACKAGE_FAILED'`,
      [failing.id],
    );
    expect(events).toEqual([
      {
        actor_id: null,
        after: expect.objectContaining({ packageId: res.body.packageId, attempts: FILE_PACKAGE_MAX_ATTEMPTS }),
      },
    ]);
    // Told: the clerk who handed it over and the administrators; not the other clerk, nor the coordinator.
    const notices = await failedNotices(failing.id);
    expect(notices.map((n) => n.userId).sort()).toEqual([court.staff.clerk.userId, court.staff.admin.userId].sort());
    expect(notices[0].message).toContain(`经 ${FILE_PACKAGE_MAX_ATTEMPTS} 次尝试仍未生成`);
    expect(notices[0].message).toContain('校验值不符');
    const clerkList = await t
      .http()
      .get('/api/v1/notifications')
      .set(await auth(user(court, 'clerk')));
    expect(
      clerkList.body.items.filter(
        (n: { kind: string; subjectId: string }) => n.kind === 'FILE_PACKAGE_FAILED' && n.subjectId === failing.id,
      ),
    ).toHaveLength(1);
    const otherList = await t
      .http()
      .get('/api/v1/notifications')
      .set(await auth(otherClerk));
    expect(otherList.body.items.filter((n: { kind: string }) => n.kind === 'FILE_PACKAGE_FAILED')).toEqual([]);

    // Not tried again, however long it waits; told only once.
    clock.set(new Date(clock.now().getTime() + 24 * 60 * 60_000));
    await drain();
    expect(await row(failing.id)).toMatchObject({ status: 'FAILED', attempts: FILE_PACKAGE_MAX_ATTEMPTS });
    expect(await failedNotices(failing.id)).toHaveLength(2);

    // The download says so, not "being built".
    const download = await t
      .http()
      .get(res.body.href)
      .set(await auth(user(court, 'judge')));
    expect(download.status).toBe(409);
    expect(download.body.code).toBe('FILE_PACKAGE_FAILED');
    expect(download.body.message).toContain('校验值不符');

    // The page: failed, why, and the rebuild form for the clerk only.
    const clerkSection = await packageSection('clerk', failing.id);
    expect(clerkSection).toContain('data-state="FAILED"');
    expect(clerkSection).toContain('生成失败');
    expect(clerkSection).toContain(`已尝试 ${FILE_PACKAGE_MAX_ATTEMPTS} 次仍未生成`);
    expect(clerkSection).toContain('原因：材料“起诉状.pdf”的存储内容与登记的 SHA-256 校验值不符');
    expect(clerkSection).toMatch(new RegExp(`action="/cases/${failing.id}/file-package/rebuild"`));
    const judgeSection = await packageSection('judge', failing.id);
    expect(judgeSection).toContain('data-state="FAILED"');
    expect(judgeSection).not.toContain('file-package/rebuild');
    expect(judgeSection).toContain('由立案窗口申请重新生成');
  });

  it('a clerk rebuilds it through the API once the cause is dealt with: recorded, notices done, then stored', async () => {
    // The cause dealt with: the file's record and what the package was to carry agree with its content again.
    await t.dataSource.query(
      `UPDATE case_file_packages SET snapshot = jsonb_set(snapshot, '{attachments,0,sha256}', to_jsonb($2::text))
        WHERE case_id = $1`,
      [failing.id, sha256(files.pdf)],
    );
    const res = await rebuild(failing.id);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ state: 'BUILDING', attempts: 0, rebuilds: 1, failedAt: null, lastFailure: null });
    const events = await t.dataSource.query(
      `SELECT actor_id, after FROM audit_events WHERE subject_id = $1 AND action = 'CASE_FILE_PACKAGE_REBUILD_REQUESTED'`,
      [failing.id],
    );
    expect(events).toEqual([
      {
        actor_id: court.staff.clerk.userId,
        after: expect.objectContaining({ packageId: res.body.packageId, failedAttempts: FILE_PACKAGE_MAX_ATTEMPTS }),
      },
    ]);
    expect((await failedNotices(failing.id)).every((n) => n.doneAt !== null)).toBe(true);
    const page = (await pages.get('clerk', `/cases/${failing.id}`)).text;
    expect(page).toContain('申请重新生成电子卷宗');

    await drain();
    expect(await row(failing.id)).toMatchObject({ status: 'STORED', attempts: 1, rebuilds: 1 });
    expect((await state(failing.id)).body.state).toBe('STORED');
    const download = await t
      .http()
      .get(res.body.href)
      .set(await auth(user(court, 'clerk')))
      .buffer(true)
      .parse(binary);
    expect(download.status).toBe(200);
    expect(download.headers['x-case-file-package']).toBe('STORED');
  });

  it('a clerk rebuilds from the case page; a rebuild that fails again is told again', async () => {
    // Given up with the other one (they failed side by side).
    expect(await row(failingToo.id)).toMatchObject({ status: 'FAILED', attempts: FILE_PACKAGE_MAX_ATTEMPTS });
    expect(await failedNotices(failingToo.id)).toHaveLength(2);

    const posted = await pages.post('clerk', `/cases/${failingToo.id}/file-package/rebuild`, {});
    expect(posted.status).toBe(303);
    expect(posted.headers.location).toBe(`/cases/${failingToo.id}?saved=rebuild#case-file`);
    const shown = await pages.get('clerk', `/cases/${failingToo.id}?saved=rebuild`);
    expect(shown.text).toContain('已申请重新生成电子卷宗，生成后即可下载。');
    expect(await caseActions(t, failingToo.id)).toContain('CASE_FILE_PACKAGE_REBUILD_REQUESTED');

    // The cause not dealt with: it fails again as many times, and the people are told of this failure too.
    await drain();
    for (let attempts = 1; attempts < FILE_PACKAGE_MAX_ATTEMPTS; attempts += 1) {
      clock.set(new Date(clock.now().getTime() + retryDelayMinutes(attempts) * 60_000));
      await drain();
    }
    expect(await row(failingToo.id)).toMatchObject({
      status: 'FAILED',
      attempts: FILE_PACKAGE_MAX_ATTEMPTS,
      rebuilds: 1,
    });
    const notices = await failedNotices(failingToo.id);
    expect(notices).toHaveLength(4);
    expect(notices.filter((n) => n.doneAt === null)).toHaveLength(2);
  });
});
