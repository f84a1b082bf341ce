// A year whose holiday schedule is not yet published never stops the work, through the services: dates reaching
// it are provisional (暂定, weekends only) — a referral's deadline, an extension, a letter's due date — a judicial
// confirmation is taken up to the weekends-only last day and asks beyond it, the deadline scan does not expire a
// case on a provisional date, and the moment the administrator enters the year every provisional date is
// recomputed with a history entry and a notification. The HTTP contract (the year entry's refusals, the calendar
// question's 422, the pages' 暂定 and warnings) stays in test/e2e/calendar-provisional.e2e.spec.ts.
import { CalendarService } from '../../src/calendar/calendar.service.js';
import { ConsultationReadService } from '../../src/consultation/consultation-read.service.js';
import { ConsultationService } from '../../src/consultation/consultation.service.js';
import type { SendConsultationDto } from '../../src/consultation/consultation.dto.js';
import { DeadlineScanService } from '../../src/mediation/deadline-scan.service.js';
import { ExtensionsService } from '../../src/mediation/extensions.service.js';
import { JudicialConfirmationService } from '../../src/mediation/judicial-confirmation.service.js';
import { OutcomesService } from '../../src/mediation/outcomes.service.js';
import { caseBuilders, type BuiltCase, type BuiltCourt } from '../support/case-builders.js';
import { aLetterBody, chinaTime } from '../support/consultation.js';
import { refusalOf } from '../support/refusal.js';
import { startServiceContext, type ServiceContext } from '../support/service-context.js';

let s: ServiceContext;
let build: ReturnType<typeof caseBuilders>;
let court: BuiltCourt;
let referred: BuiltCase;
let extended: BuiltCase;
let letterId: string;

beforeAll(async () => {
  s = await startServiceContext({ now: chinaTime('2026-12-20') });
  build = caseBuilders(s);
  court = await build.aCourt();
});
afterAll(() => s?.close());

const events = async (subjectId: string, action: string) =>
  s.dataSource.query(
    `SELECT subject_type, before, after FROM audit_events WHERE subject_id = $1 AND action = $2 ORDER BY id`,
    [subjectId, action],
  );
const notificationsOf = async (userId: string) =>
  s.dataSource.query(
    `SELECT kind, subject_id, message, due_on FROM notifications WHERE recipient_user_id = $1 AND kind = 'DEADLINE_RECOMPUTED'`,
    [userId],
  );
const caseRow = async (id: string) =>
  (
    await s.dataSource.query(
      `SELECT status, version, mediation_deadline::text, mediation_deadline_provisional, prelitigation_number
         FROM cases WHERE id = $1`,
      [id],
    )
  )[0];

it('refers the case on the last consent with a provisional deadline', async () => {
  referred = await build.aCase({ status: 'REFERRED', court });
  // 2026-12-20 + 30 = Tuesday 2027-01-19, counted with weekends only
  expect(referred.mediationDeadline).toBe('2027-01-19');
  const row = await caseRow(referred.id);
  expect(row.mediation_deadline_provisional).toBe(true);
  expect(row.prelitigation_number).toMatch(new RegExp(`^\\(2026\\)${court.code}民诉前调\\d+号$`));
  const [referral] = await events(referred.id, 'CASE_REFERRED');
  expect(referral.after).toMatchObject({
    mediationDeadline: '2027-01-19',
    deadlineProvisional: true,
    unknownYear: 2027,
  });
});

it('extends into 2027 provisionally', async () => {
  // Consent 2026-12-10: 30 days end Saturday 2027-01-09, so Monday 01-11; +10 days end Tuesday 2027-01-19
  // (weekends only).
  extended = await build.aCase({ status: 'ASSIGNED', on: '2026-12-10', court });
  expect(extended.mediationDeadline).toBe('2027-01-11');
  expect((await caseRow(extended.id)).mediation_deadline_provisional).toBe(true);
  const answer = await s.get(ExtensionsService).extend(court.staff.mediator, extended.id, {
    days: 10,
    reason: '双方同意延长，以便筹措还款',
    plaintiffConsent: true,
    defendantConsent: true,
  });
  expect(answer).toMatchObject({
    previousDeadline: '2027-01-11',
    newDeadline: '2027-01-19',
    mediationDeadline: '2027-01-19',
    deadlineProvisional: true,
  });
});

it('sends a consultation letter with a provisional due date', async () => {
  // In mediation since 12-01: its deadline (12-31) lies in the known year, so only the letter is provisional.
  const c = await build.aCase({ status: 'IN_MEDIATION', on: '2026-12-01', court });
  s.clock.set(chinaTime('2026-12-28'));
  const letter = await s.get(ConsultationService).send(court.staff.judge, aLetterBody(c.id) as SendConsultationDto);
  letterId = letter.id;
  // 12-29 (1), 12-30 (2), 12-31 (3), Friday 2027-01-01 (4, no schedule yet), Monday 01-04 (5)
  expect(letter).toMatchObject({ dueOn: '2027-01-04', dueOnProvisional: true });
});

describe('judicial confirmation', () => {
  /** A case settled on 2026-12-10 for judicial confirmation (its 30th day, 2027-01-09, lies in the unknown year). */
  const settledOn1210 = async () => {
    const c = await build.aCase({ status: 'IN_MEDIATION', on: '2026-11-20', court }); // deadline 2026-12-21
    const previous = s.clock.now();
    s.clock.set(chinaTime('2026-12-10'));
    await s.get(OutcomesService).record(court.staff.mediator, c.id, {
      result: 'SETTLED',
      settlement: {
        method: 'JUDICIAL_CONFIRMATION',
        agreement: '被申请人于2027年1月前支付8000元。',
        amount: '8000.00',
      },
    });
    s.clock.set(previous);
    return c.id;
  };
  const rule = (id: string, body: Parameters<JudicialConfirmationService['rule']>[2]) =>
    s.get(JudicialConfirmationService).rule(court.staff.judge, id, body);

  it('accepts it within 30 calendar days of the agreement whatever the calendar', async () => {
    const id = await settledOn1210();
    s.clock.set(chinaTime('2026-12-28'));
    // Applied on day 18: plainly in time, whatever 2027's holidays.
    await rule(id, { appliedOn: '2026-12-28', decision: 'REJECTED' });
    expect(await s.dataSource.query('SELECT 1 FROM judicial_confirmations WHERE case_id = $1', [id])).toHaveLength(1);
  });

  it('accepts a later application up to the weekends-only last day (the real one is never earlier), asks beyond it', async () => {
    const [onLastDay, afterIt] = [await settledOn1210(), await settledOn1210()];
    s.clock.set(chinaTime('2027-01-12'));
    const apply = (id: string, appliedOn: string) =>
      rule(id, { appliedOn, decision: 'CONFIRMED', rulingNumber: '(2027)京0105民特1号' });
    // The 30th day is Saturday 2027-01-09, so the last day is Monday 2027-01-11 or later.
    await apply(onLastDay, '2027-01-11');
    // 2027-01-12 is in time only if 2027-01-11 turns out a holiday: that needs the year's schedule.
    const beyond = await refusalOf(apply(afterIt, '2027-01-12'));
    expect([beyond.code, beyond.details]).toEqual(['CALENDAR_YEAR_UNKNOWN', { year: 2027 }]);
    expect(await s.dataSource.query('SELECT 1 FROM judicial_confirmations WHERE case_id = $1', [afterIt])).toEqual([]);
    s.clock.set(chinaTime('2026-12-28'));
  });
});

it('does not expire a case on a provisional deadline: the real one can only be later', async () => {
  // The weekends-only date (2027-01-19) is never after the real one: holidays only push a period's end back.
  s.clock.set(chinaTime('2027-01-21'));
  const before = await caseRow(referred.id);
  await s.get(DeadlineScanService).runDeadlineScan();
  expect(await caseRow(referred.id)).toMatchObject({ status: 'REFERRED', version: before.version });
  s.clock.set(chinaTime('2026-12-28'));
});

it('recomputes every provisional date when the administrator enters 2027, with history and notifications', async () => {
  const before = await caseRow(referred.id);
  await s
    .get(CalendarService)
    .putYear(court.staff.admin, 2027, ['2027-01-01', '2027-01-02', '2027-01-03', '2027-01-19'], []);

  // 2027-01-19 is now a holiday: both periods end on 01-20.
  expect(await caseRow(referred.id)).toMatchObject({ mediation_deadline: '2027-01-20', version: before.version + 1 });
  expect(await caseRow(extended.id)).toMatchObject({
    mediation_deadline: '2027-01-20',
    mediation_deadline_provisional: false,
  });
  const [caseEvent] = await events(extended.id, 'DEADLINE_RECOMPUTED');
  expect(caseEvent.before).toMatchObject({ mediationDeadline: '2027-01-19', deadlineProvisional: true });
  expect(caseEvent.after).toMatchObject({ mediationDeadline: '2027-01-20', deadlineProvisional: false });

  // The letter: 12-29, 12-30, 12-31, 01-04, 01-05 (New Year is now a holiday).
  const letter = await s.get(ConsultationReadService).get(court.staff.judge, letterId);
  expect(letter).toMatchObject({ dueOn: '2027-01-05', dueOnProvisional: false });
  const [letterEvent] = await events(letterId, 'DEADLINE_RECOMPUTED');
  expect(letterEvent).toMatchObject({
    subject_type: 'CONSULTATION_LETTER',
    before: { dueOn: '2027-01-04', dueOnProvisional: true },
    after: { dueOn: '2027-01-05', dueOnProvisional: false },
  });

  // The mediator of the extended case (the referred one has none yet) and the sending judge are told.
  expect(await notificationsOf(court.staff.mediator.userId)).toEqual([
    expect.objectContaining({ subject_id: extended.id, due_on: '2027-01-20' }),
  ]);
  const [judgeNote] = await notificationsOf(court.staff.judge.userId);
  expect(judgeNote).toMatchObject({ subject_id: letterId, due_on: '2027-01-05' });
  expect(judgeNote.message).toContain('2027-01-04');

  expect(await s.dataSource.query(`SELECT count(*)::int AS n FROM cases WHERE mediation_deadline_provisional`)).toEqual(
    [{ n: 0 }],
  );
});
