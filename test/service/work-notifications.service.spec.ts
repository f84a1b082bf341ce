// Notifications that keep up with the work (issue 32, part 5): the mediator hears of the bureau's reply about
// their case; the bureau's 新咨询函 is done once it replied; the mediator's 新分派案件 is done once the case is worked.
import { AssignmentService } from '../../src/assignment/assignment.service.js';
import { ConsultationService } from '../../src/consultation/consultation.service.js';
import { ReminderScanService } from '../../src/reminders/reminder-scan.service.js';
import { SessionsService } from '../../src/mediation/sessions.service.js';
import { caseBuilders, type BuiltCourt } from '../support/case-builders.js';
import { startServiceContext, type ServiceContext } from '../support/service-context.js';
import { at } from '../support/statistics.js';

let s: ServiceContext;
let court: BuiltCourt;

const notifications = (subjectId: string) =>
  s.dataSource.query(
    `SELECT kind, recipient_user_id AS recipient, message, read_at IS NOT NULL AS read, done_at IS NOT NULL AS done
     FROM notifications WHERE subject_id = $1 ORDER BY created_at, kind, recipient_user_id`,
    [subjectId],
  );

beforeAll(async () => {
  s = await startServiceContext({ now: at('2026-09-01') });
  court = await caseBuilders(s).aCourt();
});
afterAll(() => s?.close());

it('the mediator’s 新分派案件 is done when the first session is recorded', async () => {
  const c = await caseBuilders(s).aCase({ status: 'ASSIGNED', court });
  expect(await notifications(c.id)).toEqual([
    expect.objectContaining({ kind: 'CASE_ASSIGNED', recipient: court.staff.mediator.userId, done: false }),
  ]);
  await s.get(SessionsService).record(court.staff.mediator, c.id, {
    heldOn: '2026-09-01',
    mode: 'PHONE',
    participants: ['申请人'],
    notes: '电话联系申请人',
  });
  expect(await notifications(c.id)).toEqual([
    expect.objectContaining({ kind: 'CASE_ASSIGNED', done: true, read: true }),
  ]);
});

it('the bureau’s 新咨询函 is done on its reply, and the case’s mediator is told of the reply', async () => {
  const c = await caseBuilders(s).aCase({ status: 'IN_MEDIATION', court });
  const { coordinator, enforcer, mediator } = court.staff;
  const letter = await s.get(ConsultationService).send(coordinator, {
    caseId: c.id,
    questions: ['被申请人名下是否有可供执行的财产'],
    priority: 'NORMAL',
  });
  expect(await notifications(letter.id)).toEqual([
    expect.objectContaining({ kind: 'CONSULTATION_RECEIVED', recipient: enforcer.userId, done: false, read: false }),
  ]);

  await s.get(ConsultationService).reply(enforcer, letter.id, {
    assessment: 'PARTIALLY_ENFORCEABLE',
    opinion: '被申请人名下有房产一处，建议诉前财产保全。',
  });
  const after = await notifications(letter.id);
  expect(after).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ kind: 'CONSULTATION_RECEIVED', recipient: enforcer.userId, done: true, read: true }),
      expect.objectContaining({ kind: 'CONSULTATION_REPLIED', recipient: coordinator.userId, done: false }),
      expect.objectContaining({ kind: 'CONSULTATION_REPLIED', recipient: mediator.userId, done: false }),
    ]),
  );
  expect(after).toHaveLength(3);
  const toMediator = after.find((n: { recipient: string }) => n.recipient === mediator.userId);
  expect(toMediator.message).toContain('您调解的案件');
});

it('a reassigned case’s 新分派案件 is done for the mediator it left, at the next scan, not for the new one', async () => {
  const build = caseBuilders(s);
  const c = await build.aCase({ status: 'ASSIGNED', court });
  const other = await build.aMediator(court);
  await s
    .get(AssignmentService)
    .assign(court.staff.coordinator, c.id, { mediatorId: other.id, reason: '当事人申请更换' });
  await s.get(ReminderScanService).runReminderScan();
  const assigned = (await notifications(c.id)).filter((n: { kind: string }) => n.kind === 'CASE_ASSIGNED');
  expect(assigned).toHaveLength(2);
  expect(assigned).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ recipient: court.staff.mediator.userId, done: true }),
      expect.objectContaining({ recipient: other.userId, done: false }),
    ]),
  );
});
