// The clerk's and the coordinator's home pages count what is overdue, due today and due this week, each
// linking to its list (待办期限); the list names the case and the step.
import { ManualClock } from '../../src/common/clock.js';
import { referralClient } from '../support/referral.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { webLogin } from '../support/web-session.js';

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
});
