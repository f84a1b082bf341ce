// A mediator sees the week's scheduled sessions on a 390 px phone screen, subscribes to the calendar feed and
// the feed, fetched without a login, parses as iCalendar (ical.js) with the same sessions.
import ICAL from 'ical.js';
import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { apiClient } from '../support/http.js';
import { rosterEntryFor } from '../support/mediation.js';
import { referralClient } from '../support/referral.js';
import { pageWidth, PHONE, screenshot, submitAndLoad, browserSuite, signedInPage } from './harness.js';

// Tuesday 2026-09-01, 10:00 in China.
const clock = new ManualClock(new Date('2026-09-01T02:00:00Z'));
const china = (date: string, time: string) => `${date}T${time}:00+08:00`;

describe('a mediator’s week of scheduled sessions on a phone (Chromium)', () => {
  let court: SeededCourt;
  let caseNumber: string | null = null;

  const h = browserSuite({ clock });
  beforeAll(async () => {
    court = await h.t.seedCourt('京0105', '');
    const { auth } = apiClient(h.t);
    const referral = referralClient(h.t);
    const c = await referral.register({ n: 801 });
    await referral.issueNotice(c.id);
    for (const p of c.parties) await referral.answer(c.id, p.id, 'CONSENT');
    const { mediatorId } = await rosterEntryFor(h.t, court.users.mediator.id);
    const assigned = await h.t
      .http()
      .post(`/api/v1/cases/${c.id}/assignment`)
      .set(await auth('coordinator'))
      .send({ mediatorId, reason: '按专长分派' });
    expect(assigned.status).toBe(201);
    for (const body of [
      { startsAt: china('2026-09-03', '09:30'), place: '第一调解室' },
      { startsAt: china('2026-09-04', '14:00'), videoUrl: 'https://meeting.example.cn/j/123456' },
      { startsAt: china('2026-09-08', '09:00'), place: '第二调解室' },
    ]) {
      const res = await h.t
        .http()
        .post(`/api/v1/cases/${c.id}/scheduled-sessions`)
        .set(await auth('mediator'))
        .send(body);
      expect(res.status).toBe(201);
      caseNumber = res.body.caseNumber;
    }
  });

  it('lists this week’s sessions, then later ones, and subscribes to a feed that parses', async () => {
    const { page, errors } = await signedInPage(h, 'mediator', PHONE);
    await page.getByRole('link', { name: '我的日程' }).first().click();
    await page.waitForURL('**/my-sessions');

    const week = page.locator('#sessions-week .case-card');
    expect(await week.count()).toBe(2);
    expect(await week.nth(0).textContent()).toContain('2026-09-03 周四 09:30–10:30');
    expect(await week.nth(0).textContent()).toContain('第一调解室');
    expect(await week.nth(1).textContent()).toContain('2026-09-04 周五 14:00–15:00');
    expect(await week.nth(1).textContent()).toContain('视频调解');
    expect(await page.locator('#sessions-upcoming .case-card').count()).toBe(1);
    expect(await page.locator('#sessions-today').textContent()).toContain('没有预约的调解');
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'mediator-my-sessions-390', { fullPage: true });

    await submitAndLoad(page, '生成订阅地址', page.locator('#calendar-feed'));
    const url = await page.locator('#feed-url').inputValue();
    expect(url).toMatch(new RegExp(`^${h.baseUrl}/api/v1/calendar/feeds/[A-Za-z0-9_-]{43}\\.ics$`));
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'mediator-calendar-feed-390');

    // A calendar app fetches it without the page's cookies.
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(await res.text()));
    const events = calendar
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v))
      .sort((a, b) => a.startDate.compare(b.startDate));
    expect(events.map((e) => e.startDate.toJSDate().toISOString())).toEqual([
      '2026-09-03T01:30:00.000Z',
      '2026-09-04T06:00:00.000Z',
      '2026-09-08T01:00:00.000Z',
    ]);
    expect(events[0].summary).toBe(`调解：${caseNumber}`);
    expect(events[0].location).toBe('第一调解室');
    expect(errors).toEqual([]);
  });
});
