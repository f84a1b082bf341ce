// A year whose holiday schedule is not yet published never stops the work: dates reaching it are provisional
// (暂定, weekends only) and answered and shown as such, until the administrator enters the year. The year's entry
// itself is checked date by date. The dates, the judicial confirmation's window, the deadline scan and the
// recomputation's history and notifications are in test/service/calendar-provisional.service.spec.ts.
import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { aCaseIn, chinaTime, sendLetter } from '../support/consultation.js';
import { aCaseInMediation } from '../support/mediation.js';
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
      expect(last.body.case).toMatchObject({
        status: 'REFERRED',
        mediationDeadline: '2027-01-19',
        deadlineProvisional: true,
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
      const res = await t
        .http()
        .post(`/api/v1/cases/${extended}/extensions`)
        .set(await auth('mediator'))
        .send({ days: 10, reason: '双方同意延长，以便筹措还款', plaintiffConsent: true, defendantConsent: true });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ newDeadline: '2027-01-19', deadlineProvisional: true });
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

    it('asks beyond the weekends-only last day with 422 CALENDAR_YEAR_UNKNOWN, nothing written', async () => {
      const afterIt = await settledOn1210();
      clock.set(chinaTime('2027-01-12'));
      const beyond = await applyForConfirmation(afterIt, {
        appliedOn: '2027-01-12',
        decision: 'CONFIRMED',
        rulingNumber: '(2027)京0105民特1号',
      });
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

    it('answers the recomputed dates once the administrator enters 2027, and stops warning', async () => {
      const year = await putYear(2027, {
        holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-01-19'],
        makeupWorkdays: [],
      });
      expect(year.status).toBe(200);
      const shown = await t
        .http()
        .get(`/api/v1/cases/${extended}`)
        .set(await auth('mediator'));
      expect(shown.body).toMatchObject({ mediationDeadline: '2027-01-20', deadlineProvisional: false });
      const letter = await t
        .http()
        .get(`/api/v1/consultations/${letterId}`)
        .set(await auth('judge'));
      expect(letter.body).toMatchObject({ dueOn: '2027-01-05', dueOnProvisional: false });
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
