// Helpers for consultation-letter tests: cases in mediation, a second trial
// division, letters, and files for the attachment checks.
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { chinaDate } from '../../src/common/china-time.js';
import { Clock } from '../../src/common/clock.js';
import { aCaseBody } from './builders.js';
import { bearer } from './http.js';
import { rosterEntryFor } from './mediation.js';
import { stepTo, type SteppedStatus } from './referral.js';
import { TEST_PASSWORD, type TestApp } from './test-app.js';

/**
 * A registered case brought to `status` (default IN_MEDIATION) through the real steps on the app's clock
 * (stepTo): the notice, the answers, the assignment to the court's mediator (their roster entry made if missing)
 * and a session.
 */
export async function aCaseIn(
  t: TestApp,
  court: SeededCourt,
  options: { status?: 'REGISTERED' | SteppedStatus; n?: number; clerk?: string } = {},
): Promise<string> {
  const clerk = options.clerk ?? court.users.clerk.username;
  const res = await t
    .http()
    .post('/api/v1/cases')
    .set(await bearer(t, clerk))
    .send(aCaseBody({ n: options.n ?? 1 }));
  if (res.status !== 201) throw new Error(`case registration failed: ${res.status} ${JSON.stringify(res.body)}`);
  const id = res.body.id as string;
  const status = options.status ?? 'IN_MEDIATION';
  if (status === 'REGISTERED') return id;
  const { mediatorId } = await rosterEntryFor(t, court.users.mediator.id);
  await stepTo(t, id, status, {
    clerk,
    coordinator: court.users.coordinator.username,
    mediatorId,
    mediator: court.users.mediator.username,
    on: chinaDate(t.app.get(Clock).now()),
  });
  return id;
}

/** A second trial division (民二庭) with a judge, created through the users API. */
export async function aSecondTrialJudge(t: TestApp, court: SeededCourt, username: string): Promise<void> {
  const [division] = await t.dataSource.query(
    `INSERT INTO divisions (court_id, name, kind) VALUES ($1, '民二庭', 'TRIAL') RETURNING id`,
    [court.court.id],
  );
  const res = await t
    .http()
    .post('/api/v1/users')
    .set(await bearer(t, court.users.admin.username))
    .send({ username, displayName: '钱法官', password: TEST_PASSWORD, roles: ['JUDGE'], divisionId: division.id });
  if (res.status !== 201) throw new Error(`user creation failed: ${res.status} ${JSON.stringify(res.body)}`);
}

export const STANDARD_QUESTIONS = [
  '被告名下是否有可供执行的财产',
  '被告是否有被执行记录/失信记录',
  '是否建议申请诉前财产保全',
];

export function aLetterBody(caseId: string, overrides: Record<string, unknown> = {}) {
  return { caseId, questions: STANDARD_QUESTIONS, priority: 'NORMAL', ...overrides };
}

export async function sendLetter(t: TestApp, sender: string, caseId: string, overrides: Record<string, unknown> = {}) {
  const res = await t
    .http()
    .post('/api/v1/consultations')
    .set(await bearer(t, sender))
    .send(aLetterBody(caseId, overrides));
  if (res.status !== 201) throw new Error(`sending failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; letterNumber: string; dueOn: string; version: number };
}

export const aReplyBody = (overrides: Record<string, unknown> = {}) => ({
  assessment: 'PARTIALLY_ENFORCEABLE',
  opinion: '被告名下有银行存款约5000元，另有车辆一辆已被他案查封，可供执行财产不足以清偿全部债务。',
  suggestions: ['诉前财产保全', '分期履行'],
  ...overrides,
});

/** The instant at a China wall-clock time, e.g. chinaTime('2026-09-17', '10:00'). */
export function chinaTime(date: string, time = '10:00'): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

export const files = {
  pdf: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1'),
  png: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]),
  jpeg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)]),
  html: Buffer.from('<!DOCTYPE html><html><body><script>alert("x")</script></body></html>'),
  exe: Buffer.concat([Buffer.from('MZ', 'latin1'), Buffer.alloc(126, 0), Buffer.from('PE\0\0', 'latin1')]),
};
