// A year whose holiday schedule is not yet published never stops the work: dates reaching it are provisional
// (暂定, weekends only), shown as such, and recomputed with a history entry and a notification the moment the
// administrator enters the year. The year's entry itself is checked date by date.
import { ManualClock } from '../../src/common/clock.js';
import { DeadlineScanService } from '../../src/mediation/deadline-scan.service.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { aCaseIn, chinaTime, sendLetter } from '../support/consultation.js';
import { aCaseInMediation, caseRow } from '../support/mediation.js';
import { referralClient, type RegisteredCase } from '../support/referral.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { webLogin } from '../support/web-session.js';
import { apiClient } from '../support/http.js';

describe('calendar: provisional dates in a year not yet published (e2e)', () => {
  const clock = new ManualClock(chinaTime('2026-12-20'));
  let t: TestApp;
  let home: SeededCourt;
  let client: ReturnType<typeof referralClient>;
  let n = 700;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    home = await t.seedCourt('京0105', '');
    client = referralClient(t);
  });
  afterAll(() => t.close());

  const { auth } = apiClient(() => t);
  const roleOf = (c: RegisteredCase, role: string) => c.parties.find((p) => p.role === role)!.id;
  const putYear = async (year: number, body: object, username = 'admin') =>
    t
      .http()
      .put(`/api/v1/calendar/years/${year}`)
      .set(await auth(username))
      .send(body);
  const events = async (subjectId: string, action: string) =>
    t.dataSource.query(
      `SELECT subject_type, before, after FROM audit_events WHERE subject_id = $1 AND action = $2 ORDER BY id`,
      [subjectId, action],
    );
  const notificationsOf = async (userId: string) =>
    t.dataSource.query(
      `SELECT kind, subject_id, message, due_on FROM notifications WHERE recipient_user_id = $1 AND kind = 'DEADLINE_RECOMPUTED'`,
      [userId],
    );
  const homePage = async (username: string) => {
    const session = await webLogin(t, username);
    return (await t.http().get('/').set('Cookie', session.cookie)).text;
  };

  describe('the year entry is checked', () => {
    it('names a make-up day on a weekday, a day both holiday and make-up, a date of another year: 400, nothing saved', async () => {
      const weekday = await putYear(2027, { holidays: ['2027-01-01'], makeupWorkdays: ['2027-02-10'] });
      expect(weekday.status).toBe(400);
      expect(weekday.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(weekday.body.message).toContain('2027-02-10');
      expect(weekday.body.details).toEqual([expect.objectContaining({ code: 'MAKEUP_NOT_WEEKEND' })]);

      const both = await putYear(2027, { holidays: ['2027-02-06'], makeupWorkdays: ['2027-02-06'] });
      expect(both.status).toBe(400);
      expect(both.body.details).toEqual([expect.objectContaining({ code: 'DATE_BOTH_HOLIDAY_AND_MAKEUP' })]);
      expect(both.body.message).toContain('2027-02-06');

      const outside = await putYear(2027, { holidays: ['2026-12-31'], makeupWorkdays: [] });
      expect(outside.status).toBe(400);
      expect(outside.body.details).toEqual([expect.objectContaining({ code: 'DATE_OUTSIDE_YEAR' })]);
      expect(outside.body.message).toContain('2026-12-31');

      expect(await t.dataSource.query('SELECT year FROM calendar_years')).toEqual([]);
    });

    it("shows the same refusal on the administrator's calendar form, at the field", async () => {
      const session = await webLogin(t, 'admin');
      const res = await t
        .http()
        .post('/admin/calendar')
        .set('Cookie', session.cookie)
        .type('form')
        .send({ _csrf: session.csrf, year: '2027', holidays: '2027-01-01', makeupWorkdays: '2027-02-10' });
      expect(res.status).toBe(400);
      expect(res.text).toContain('调休上班日应为星期六或星期日：2027-02-10（星期三）');
      expect(await t.dataSource.query('SELECT year FROM calendar_years')).toEqual([]);
    });
  });

  describe('in December, with 2027 unknown', () => {
    let referred: RegisteredCase;
    let extended: string;
    let letterId: string;

    it('refers the case on the last consent with a provisional deadline; the calendar question stays 422', async () => {
      clock.set(chinaTime('2026-12-20'));
      referred = await client.register({ n: (n += 1) });
      expect((await client.issueNotice(referred.id)).status).toBe(201);
      expect((await client.answer(referred.id, roleOf(referred, 'PLAINTIFF'), 'CONSENT')).status).toBe(201);
      const last = await client.answer(referred.id, roleOf(referred, 'DEFENDANT'), 'CONSENT');
      expect(last.status).toBe(201);
      // 2026-12-20 + 30 = Tuesday 2027-01-19, counted with weekends only
      expect(last.body.case).toMatchObject({
        status: 'REFERRED',
        mediationDeadline: '2027-01-19',
        deadlineProvisional: true,
      });
      expect(last.body.case.prelitigationNumber).toMatch(/^\(2026\)京0105民诉前调\d+号$/);
      const [referral] = await events(referred.id, 'CASE_REFERRED');
      expect(referral.after).toMatchObject({
        mediationDeadline: '2027-01-19',
        deadlineProvisional: true,
        unknownYear: 2027,
      });

      const question = await t
        .http()
        .get('/api/v1/calendar/period-end?start=2026-12-20&days=30')
        .set(await auth('clerk'));
      expect(question.status).toBe(422);
      expect(question.body).toMatchObject({ code: 'CALENDAR_YEAR_UNKNOWN', details: { year: 2027 } });
    });

    it('extends into 2027 provisionally', async () => {
      // Consent 2026-12-10: 30 days end Saturday 2027-01-09; +10 days end Tuesday 2027-01-19 (weekends only).
      extended = await aCaseInMediation(t, {
        mediatorUserId: home.users.mediator.id,
        consentedOn: '2026-12-10',
        deadline: '2027-01-11',
        n: (n += 1),
      });
      expect(
        await t.dataSource.query('SELECT mediation_deadline_provisional AS p FROM cases WHERE id = $1', [extended]),
      ).toEqual([{ p: true }]);
      const res = await t
        .http()
        .post(`/api/v1/cases/${extended}/extensions`)
        .set(await auth('mediator'))
        .send({ days: 10, reason: '双方同意延长，以便筹措还款', plaintiffConsent: true, defendantConsent: true });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        previousDeadline: '2027-01-11',
        newDeadline: '2027-01-19',
        mediationDeadline: '2027-01-19',
        deadlineProvisional: true,
      });
    });

    it('sends a consultation letter with a provisional due date', async () => {
      // In mediation since 12-01: its deadline (12-31) lies in the known year, so only the letter is provisional.
      clock.set(chinaTime('2026-12-01'));
      const caseId = await aCaseIn(t, home, { n: (n += 1) });
      clock.set(chinaTime('2026-12-28'));
      const letter = await sendLetter(t, 'judge', caseId);
      letterId = letter.id;
      // 12-29 (1), 12-30 (2), 12-31 (3), Friday 2027-01-01 (4, no schedule yet), Monday 01-04 (5)
      expect(letter).toMatchObject({ dueOn: '2027-01-04', dueOnProvisional: true });
      const judge = await webLogin(t, 'judge');
      const page = await t.http().get(`/consultations/${letter.id}`).set('Cookie', judge.cookie);
      expect(page.status).toBe(200);
      expect(page.text).toMatch(/2027-01-04<\/strong> <span class="tag tag--warn"[^>]*>暂定<\/span>/);
    });

    /** A case settled on 2026-12-10 for judicial confirmation (its 30th day, 2027-01-09, lies in the unknown year). */
    const settledOn1210 = async () => {
      clock.set(chinaTime('2026-12-10'));
      const id = await aCaseInMediation(t, {
        mediatorUserId: home.users.mediator.id,
        consentedOn: '2026-11-20',
        deadline: '2026-12-21',
        status: 'IN_MEDIATION',
        n: (n += 1),
      });
      const settled = await t
        .http()
        .post(`/api/v1/cases/${id}/outcome`)
        .set(await auth('mediator'))
        .send({
          result: 'SETTLED',
          settlement: {
            method: 'JUDICIAL_CONFIRMATION',
            agreement: '被申请人于2027年1月前支付8000元。',
            amount: '8000.00',
          },
        });
      expect(settled.status).toBe(201);
      return id;
    };
    const applyForConfirmation = async (id: string, body: object) =>
      t
        .http()
        .post(`/api/v1/cases/${id}/judicial-confirmation`)
        .set(await auth('judge'))
        .send(body);

    it('accepts judicial confirmation within 30 calendar days of the agreement whatever the calendar', async () => {
      const id = await settledOn1210();
      clock.set(chinaTime('2026-12-28'));
      // Applied on day 18: plainly in time, whatever 2027's holidays.
      const res = await applyForConfirmation(id, { appliedOn: '2026-12-28', decision: 'REJECTED' });
      expect(res.status).toBe(201);
    });

    it('accepts a later application up to the weekends-only last day (the real one is never earlier), asks beyond it', async () => {
      const [onLastDay, afterIt] = [await settledOn1210(), await settledOn1210()];
      clock.set(chinaTime('2027-01-12'));
      const apply = (id: string, appliedOn: string) =>
        applyForConfirmation(id, { appliedOn, decision: 'CONFIRMED', rulingNumber: '(2027)京0105民特1号' });
      // The 30th day is Saturday 2027-01-09, so the last day is Monday 2027-01-11 or later.
      expect((await apply(onLastDay, '2027-01-11')).status).toBe(201);
      // 2027-01-12 is in time only if 2027-01-11 turns out a holiday: that needs the year's schedule.
      const beyond = await apply(afterIt, '2027-01-12');
      expect([beyond.status, beyond.body.code, beyond.body.details]).toEqual([
        422,
        'CALENDAR_YEAR_UNKNOWN',
        { year: 2027 },
      ]);
      expect(await t.dataSource.query('SELECT 1 FROM judicial_confirmations WHERE case_id = $1', [afterIt])).toEqual(
        [],
      );
      clock.set(chinaTime('2026-12-28'));
    });

    it('shows 暂定 with the reason on the case page and warns the administrator and the statistician', async () => {
      const session = await webLogin(t, 'clerk');
      const page = await t.http().get(`/cases/${referred.id}`).set('Cookie', session.cookie);
      expect(page.status).toBe(200);
      expect(page.text).toContain('暂定');
      expect(page.text).toContain('2027年法定节假日安排尚未录入，暂按仅周末休息计算');

      const admin = await homePage('admin');
      expect(admin).toContain('2027年的法定节假日安排尚未录入');
      // The referred case and the extended one; the letter.
      expect(admin).toContain('2 件案件的调解期限、1 份咨询函的答复期限为暂定');
      const statistician = await webLogin(t, 'statistician');
      const warnings = await t.http().get('/warnings').set('Cookie', statistician.cookie);
      expect(warnings.text).toContain('2027年的法定节假日安排尚未录入');
      expect(warnings.text).toContain('2 件案件的调解期限');
    });

    it('does not expire a case on a provisional deadline: the real one can only be later', async () => {
      // The weekends-only date (2027-01-19) is never after the real one: holidays only push a period's end back.
      clock.set(chinaTime('2027-01-21'));
      const before = await caseRow(t, referred.id);
      await t.app.get(DeadlineScanService).runDeadlineScan();
      expect(await caseRow(t, referred.id)).toMatchObject({ status: 'REFERRED', version: before.version });
      clock.set(chinaTime('2026-12-28'));
    });

    it('recomputes every provisional date when the administrator enters 2027, with history and notifications', async () => {
      const before = await caseRow(t, referred.id);
      const year = await putYear(2027, {
        holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-01-19'],
        makeupWorkdays: [],
      });
      expect(year.status).toBe(200);

      // 2027-01-19 is now a holiday: both periods end on 01-20.
      expect(await caseRow(t, referred.id)).toMatchObject({
        mediation_deadline: '2027-01-20',
        version: before.version + 1,
      });
      const shown = await t
        .http()
        .get(`/api/v1/cases/${extended}`)
        .set(await auth('mediator'));
      expect(shown.body).toMatchObject({ mediationDeadline: '2027-01-20', deadlineProvisional: false });
      const [caseEvent] = await events(extended, 'DEADLINE_RECOMPUTED');
      expect(caseEvent.before).toMatchObject({ mediationDeadline: '2027-01-19', deadlineProvisional: true });
      expect(caseEvent.after).toMatchObject({ mediationDeadline: '2027-01-20', deadlineProvisional: false });

      // The letter: 12-29, 12-30, 12-31, 01-04, 01-05 (New Year is now a holiday).
      const letter = await t
        .http()
        .get(`/api/v1/consultations/${letterId}`)
        .set(await auth('judge'));
      expect(letter.body).toMatchObject({ dueOn: '2027-01-05', dueOnProvisional: false });
      const [letterEvent] = await events(letterId, 'DEADLINE_RECOMPUTED');
      expect(letterEvent).toMatchObject({
        subject_type: 'CONSULTATION_LETTER',
        before: { dueOn: '2027-01-04', dueOnProvisional: true },
        after: { dueOn: '2027-01-05', dueOnProvisional: false },
      });

      // The mediator of the extended case (the referred one has none yet) and the sending judge are told.
      expect(await notificationsOf(home.users.mediator.id)).toEqual([
        expect.objectContaining({ subject_id: extended, due_on: '2027-01-20' }),
      ]);
      const [judgeNote] = await notificationsOf(home.users.judge.id);
      expect(judgeNote).toMatchObject({ subject_id: letterId, due_on: '2027-01-05' });
      expect(judgeNote.message).toContain('2027-01-04');

      expect(
        await t.dataSource.query(`SELECT count(*)::int AS n FROM cases WHERE mediation_deadline_provisional`),
      ).toEqual([{ n: 0 }]);
      expect(await homePage('admin')).not.toContain('节假日安排尚未录入');
    });

    it('says nothing about next year before November', async () => {
      clock.set(chinaTime('2026-10-15'));
      await t.dataSource.query(`DELETE FROM calendar_years WHERE year = 2027`);
      expect(await homePage('admin')).not.toContain('节假日安排尚未录入');
      clock.set(chinaTime('2026-11-01'));
      expect(await homePage('admin')).toContain('2027年的法定节假日安排尚未录入');
    });
  });
});
