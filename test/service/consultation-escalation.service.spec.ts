// 督办 of consultation letters (ConsultationEscalationService) on a schedule of working days: the bureau is told
// on the working day before the due date, the bureau and the sender (and the head of the sender's division) once
// on each overdue day, however often and from however many instances the job runs, and no more once the letter
// is answered; the open letters are found through the partial index. The HTTP contract (the notifications API,
// naming a division's head) stays in test/e2e/consultation-escalation.e2e.spec.ts.
import { User } from '../../src/auth/user.entity.js';
import type { Actor } from '../../src/common/actor.js';
import {
  ConsultationEscalationService,
  OPEN_LETTERS_DUE_BY_SQL,
} from '../../src/consultation/consultation-escalation.service.js';
import { ConsultationReadService } from '../../src/consultation/consultation-read.service.js';
import { ConsultationService } from '../../src/consultation/consultation.service.js';
import type { ReplyDto, SendConsultationDto } from '../../src/consultation/consultation.dto.js';
import { CourtService } from '../../src/courts/court.service.js';
import { UsersService } from '../../src/users/users.service.js';
import { actorOf, caseBuilders, type BuiltCourt } from '../support/case-builders.js';
import { aLetterBody, aReplyBody, chinaTime } from '../support/consultation.js';
import { startServiceContext, type ServiceContext } from '../support/service-context.js';
import { TEST_PASSWORD } from '../support/test-app.js';

let s: ServiceContext;
let build: ReturnType<typeof caseBuilders>;
let home: BuiltCourt;
let enforcer2: Actor;
let letter: { id: string; letterNumber: string; dueOn: string };

const divisionOf = async (court: BuiltCourt, name: string): Promise<string> =>
  (await s.dataSource.query('SELECT id FROM divisions WHERE court_id = $1 AND name = $2', [court.id, name]))[0].id;
/** A user of the home court in a division, made by its administrator. */
async function aStaffMember(username: string, displayName: string, role: 'ENFORCEMENT' | 'JUDGE', division: string) {
  const created = await s.get(UsersService).create(home.staff.admin, {
    username,
    displayName,
    password: TEST_PASSWORD,
    roles: [role],
    divisionId: await divisionOf(home, division),
  });
  return actorOf(await s.dataSource.getRepository(User).findOneByOrFail({ id: created.id }));
}
/** The judge's letter on a new case in mediation, sent at the clock's time. */
async function aLetter() {
  const c = await build.aCase({ status: 'IN_MEDIATION', court: home });
  const body = aLetterBody(c.id) as SendConsultationDto;
  return (await s.get(ConsultationService).send(home.staff.judge, body)) as typeof letter;
}

beforeAll(async () => {
  s = await startServiceContext({ now: chinaTime('2026-09-17') });
  build = caseBuilders(s);
  home = await build.aCourt();
  await build.aCourt();
  enforcer2 = await aStaffMember('enforcer2', '吴执行', 'ENFORCEMENT', '执行局');
  letter = await aLetter(); // due Wed 2026-09-23
  expect(letter.dueOn).toBe('2026-09-23');
});
afterAll(() => s?.close());

const escalation = (context: ServiceContext = s) => context.get(ConsultationEscalationService);
// Escalation's notifications: the bureau's CONSULTATION_RECEIVED at sending is new work, not escalation.
const notifications = async (kind?: string) =>
  (await s.dataSource.query(
    `SELECT recipient_user_id, kind, dedupe_key, due_on FROM notifications
      WHERE subject_id = $1 AND ${kind ? 'kind = $2' : "kind <> 'CONSULTATION_RECEIVED'"}
      ORDER BY created_at, recipient_user_id`,
    kind ? [letter.id, kind] : [letter.id],
  )) as { recipient_user_id: string; kind: string; dedupe_key: string; due_on: string }[];

it('says nothing two working days before the due date', async () => {
  const result = await escalation().runEscalation(chinaTime('2026-09-21', '09:00'));
  expect(result).toEqual({ ran: true, dueTomorrow: 0, overdue: 0 });
  expect(await notifications()).toEqual([]);
});

it('tells every ENFORCEMENT user of the court on the working day before, once however often it runs', async () => {
  const first = await escalation().runEscalation(chinaTime('2026-09-22', '09:00'));
  const again = await escalation().runEscalation(chinaTime('2026-09-22', '15:00'));
  expect(first).toEqual({ ran: true, dueTomorrow: 2, overdue: 0 });
  expect(again).toEqual({ ran: true, dueTomorrow: 0, overdue: 0 });
  const rows = await notifications('CONSULTATION_DUE_TOMORROW');
  expect(rows.map((r) => r.recipient_user_id).sort()).toEqual([home.staff.enforcer.userId, enforcer2.userId].sort());
  expect(rows.every((r) => r.due_on === '2026-09-23')).toBe(true);
});

it('escalates once on each overdue day, to the bureau and to the judge who sent the letter', async () => {
  expect((await escalation().runEscalation(chinaTime('2026-09-23', '18:00'))).overdue).toBe(0); // due today
  expect((await escalation().runEscalation(chinaTime('2026-09-24', '08:00'))).overdue).toBe(3);
  expect((await escalation().runEscalation(chinaTime('2026-09-24', '20:00'))).overdue).toBe(0);
  expect((await escalation().runEscalation(chinaTime('2026-09-25', '08:00'))).overdue).toBe(3);
  const rows = await notifications('CONSULTATION_OVERDUE');
  expect(rows.map((r) => r.dedupe_key).sort()).toEqual(
    [
      ...Array(3).fill(`consultation:${letter.id}:overdue:2026-09-24`),
      ...Array(3).fill(`consultation:${letter.id}:overdue:2026-09-25`),
    ].sort(),
  );
  const onFirstDay = rows.filter((r) => r.dedupe_key.endsWith('2026-09-24')).map((r) => r.recipient_user_id);
  expect(onFirstDay.sort()).toEqual([home.staff.enforcer.userId, enforcer2.userId, home.staff.judge.userId].sort());
  const events = await s.get(ConsultationReadService).events(home.staff.enforcer, letter.id);
  expect(events.map((e) => e.action)).toEqual([
    'CONSULTATION_SENT',
    'CONSULTATION_DUE_REMINDED',
    'CONSULTATION_OVERDUE_ESCALATED',
    'CONSULTATION_OVERDUE_ESCALATED',
  ]);
});

it('notifies each once when two app instances on the same database run at the same time', async () => {
  const second = await startServiceContext({ databaseUrl: s.databaseUrl, now: s.clock.now() });
  try {
    const now = chinaTime('2026-09-28', '09:00');
    const results = await Promise.all([
      escalation().runEscalation(now),
      escalation(second).runEscalation(now),
      escalation().runEscalation(now),
      escalation(second).runEscalation(now),
    ]);
    expect(results.reduce((sum, r) => sum + r.overdue, 0)).toBe(3);
    const today = await s.dataSource.query(
      `SELECT count(*) AS n FROM notifications WHERE dedupe_key LIKE '%:2026-09-28'`,
    );
    expect(Number(today[0].n)).toBe(3);
  } finally {
    await second.close();
  }
});

it('stops once the letter is answered', async () => {
  s.clock.set(chinaTime('2026-09-28', '10:00'));
  await s.get(ConsultationService).reply(home.staff.enforcer, letter.id, aReplyBody() as ReplyDto);
  expect((await escalation().runEscalation(chinaTime('2026-09-29', '09:00'))).overdue).toBe(0);
});

it('scans open letters through the partial index on the due date', async () => {
  const plan: string = await s.dataSource.transaction(async (m) => {
    await m.query('SET LOCAL enable_seqscan = off');
    const rows: { 'QUERY PLAN': string }[] = await m.query(`EXPLAIN ${OPEN_LETTERS_DUE_BY_SQL}`, ['2026-10-01']);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
  expect(plan).toContain('ix_consultation_letters_open_due');
});

it('tells the sender what is late and also the head of the sending division, once each', async () => {
  const head = await aStaffMember('head1', '郑庭长', 'JUDGE', '民一庭');
  const named = await s
    .get(CourtService)
    .updateDivision(home.staff.admin, await divisionOf(home, '民一庭'), { headUserId: head.userId });
  expect(named.headUserId).toBe(head.userId);
  s.clock.set(chinaTime('2026-09-29', '09:00'));
  const second = await aLetter(); // due 2026-10-12 (after National Day)
  const result = await escalation().runEscalation(chinaTime('2026-10-13', '09:00'));
  expect(result.overdue).toBe(4);
  const rows: { recipient_user_id: string; message: string }[] = await s.dataSource.query(
    `SELECT recipient_user_id, message FROM notifications WHERE subject_id = $1 AND kind = 'CONSULTATION_OVERDUE'`,
    [second.id],
  );
  expect(rows.map((r) => r.recipient_user_id).sort()).toEqual(
    [home.staff.enforcer.userId, enforcer2.userId, home.staff.judge.userId, head.userId].sort(),
  );
  const toJudge = rows.find((r) => r.recipient_user_id === home.staff.judge.userId)!;
  expect(toJudge.message).toContain(second.letterNumber);
  expect(toJudge.message).toContain('执行局仍未答复');
});
