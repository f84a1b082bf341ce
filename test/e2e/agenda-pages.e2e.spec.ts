// The clerk's and the coordinator's home pages count what is overdue, due today and due this week, each
// linking to its list (待办期限); the list names the case and the step. The case page's 预约调解 form.
import { ManualClock } from '../../src/common/clock.js';
import { apiClient } from '../support/http.js';
import { rosterEntryFor } from '../support/mediation.js';
import { referralClient } from '../support/referral.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { pageClient, webLogin } from '../support/web-session.js';

const clock = new ManualClock(new Date('2026-08-05T02:00:00Z'));

describe('due work on the home pages (e2e)', () => {
  let t: TestApp;
  let noticeCaseId: string;
  let referredCaseId: string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await t.seedCourt('京0105', '');
    const referral = referralClient(t);
    // Consented on Wednesday 08-05: the period ends on Friday 09-04.
    const referred = await referral.register({ n: 901 });
    await referral.issueNotice(referred.id);
    for (const p of referred.parties) await referral.answer(referred.id, p.id, 'CONSENT');
    referredCaseId = referred.id;
    // Issued on 08-20: the reply period printed on the notice ends on 08-27.
    clock.set('2026-08-20T02:00:00Z');
    const notice = await referral.register({ n: 902 });
    expect((await referral.issueNotice(notice.id)).status).toBe(201);
    noticeCaseId = notice.id;
    clock.set('2026-09-01T02:00:00Z');
  });
  afterAll(() => t.close());

  const countOf = (html: string, when: string) =>
    Number(
      new RegExp(`counts__item--${when}" href="/due\\?when=${when}"><span class="counts__number">(\\d+)<`).exec(
        html,
      )?.[1],
    );

  it('the clerk: the notice whose reply date passed is overdue, and listed', async () => {
    const clerk = await webLogin(t, 'clerk');
    const home = await t.http().get('/').set('Cookie', clerk.cookie);
    expect(home.status).toBe(200);
    expect([countOf(home.text, 'overdue'), countOf(home.text, 'today'), countOf(home.text, 'week')]).toEqual([1, 0, 0]);
    const list = await t.http().get('/due?when=overdue').set('Cookie', clerk.cookie);
    expect(list.status).toBe(200);
    expect(list.text).toContain(`href="/cases/${noticeCaseId}"`);
    expect(list.text).toContain('告知书答复期限');
    expect(list.text).toContain('2026-08-27');
  });

  it('the coordinator: the mediation period ending Friday is due this week', async () => {
    const coordinator = await webLogin(t, 'coordinator');
    const home = await t.http().get('/').set('Cookie', coordinator.cookie);
    expect([countOf(home.text, 'overdue'), countOf(home.text, 'today'), countOf(home.text, 'week')]).toEqual([0, 0, 1]);
    const list = await t.http().get('/due?when=week').set('Cookie', coordinator.cookie);
    expect(list.text).toContain(`href="/cases/${referredCaseId}"`);
    expect(list.text).toContain('调解期限届满');
  });

  it('is not for a mediator, whose home has no such counts', async () => {
    const mediator = await webLogin(t, 'mediator');
    expect((await t.http().get('/due').set('Cookie', mediator.cookie)).status).toBe(403);
    expect((await t.http().get('/').set('Cookie', mediator.cookie)).text).not.toContain('待办期限');
  });

  describe('the case page’s 预约调解 form', () => {
    let pages: ReturnType<typeof pageClient>;
    beforeAll(async () => {
      const { mediatorId } = await rosterEntryFor(
        t,
        (await t.dataSource.query(`SELECT id FROM users WHERE username = 'mediator'`))[0].id,
      );
      const { auth } = apiClient(t);
      const res = await t
        .http()
        .post(`/api/v1/cases/${referredCaseId}/assignment`)
        .set(await auth('coordinator'))
        .send({ mediatorId, reason: '按专长分派' });
      expect(res.status).toBe(201);
      pages = pageClient(t, { mediator: await webLogin(t, 'mediator'), clerk: await webLogin(t, 'clerk') });
    });

    it('schedules a session and shows it in the section', async () => {
      const res = await pages.post('mediator', `/cases/${referredCaseId}/scheduled-sessions`, {
        date: '2026-09-03',
        from: '09:30',
        to: '',
        place: '第一调解室',
        videoUrl: '',
      });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/cases/${referredCaseId}?done=schedule#scheduled-sessions`);
      const page = await pages.get('mediator', res.headers.location);
      expect(page.text).toContain('已预约调解，并列入调解员的日程。');
      expect(page.text).toContain('2026-09-03 09:30–10:30');
      expect(page.text).toContain('第一调解室');
    });

    it('a time outside working hours: the page again, 400, the message at the start time, the form as typed', async () => {
      const res = await pages.post('mediator', `/cases/${referredCaseId}/scheduled-sessions`, {
        date: '2026-09-03',
        from: '19:00',
        place: '第二调解室',
      });
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/id="e-schedule-from">应在本院工作时间/);
      expect(res.text).toContain('value="第二调解室"');
      const overlap = await pages.post('mediator', `/cases/${referredCaseId}/scheduled-sessions`, {
        date: '2026-09-03',
        from: '10:00',
      });
      expect(overlap.status).toBe(409);
      expect(overlap.text).toContain('调解员在该时段已有安排的调解');
    });

    it('a clerk reads the section without the form', async () => {
      const page = await pages.get('clerk', `/cases/${referredCaseId}`);
      expect(page.text).toContain('id="scheduled-sessions"');
      expect(page.text).not.toContain('id="schedule-form"');
    });
  });
});
