// The one runner of case steps: every use case that changes a case goes through `run`, which does in one
// transaction what each of them used to copy — lock and scope the case, check who may, check the version,
// apply the transition, let the use case do its work, save, and write the history event.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { completeIdempotencyKeyIn } from '../common/http/idempotency-context.js';
import { lockForTransaction } from '../common/advisory-locks.js';
import type { Actor } from '../common/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { markNotificationsDone } from '../notifications/notification.service.js';
import { ForbiddenError, RuleViolationError, type DomainError } from '../common/errors.js';
import { caseNotFound, expectVersion, loadCase } from './case-access.js';
import { CasesQueries, findRosterName } from './cases-queries.js';
import { caseEventEntry, recordCaseEvent } from './case-history.js';
import { asKernelWrite } from './case-write-guard.js';
import { CASE_TRANSITIONS, onBehalfOf, transition, whoMay, type CaseOperation } from './case-state-machine.js';
import type { CaseStatus } from './case-status.js';
import type { Case } from './case.entity.js';
import { NOTIFICATIONS_DONE_BY_STEP } from './step-notifications.js';

/** What a step's work records in the history, beyond the status before and after. */
export interface StepRecord {
  /** The history action, where the table's `event` does not fit. */
  action?: string;
  details?: Record<string, unknown>;
  /** What a changed value was (e.g. the old address). */
  beforeDetails?: Record<string, unknown>;
  /**
   * Further history events of the step (the electronic file requested), recorded right after its own; a function
   * is called then, with the case saved and the step's own event in the history (a package of the case as handed
   * over reads both).
   */
  alsoRecorded?: AlsoRecorded[] | (() => Promise<AlsoRecorded[]>);
}

export interface AlsoRecorded {
  action: string;
  details: Record<string, unknown>;
}

/** A step that follows from the one just taken, in the same transaction (the last consent refers the case). */
export interface NextStep {
  step: CaseOperation;
  work: (m: EntityManager, c: Case, taken: TakenStep) => Promise<StepRecord>;
}

interface StepDone<R> extends StepRecord {
  /** The use case's answer, built after the save (so it sees the case's new version). */
  result: (c: Case) => R;
  next?: NextStep;
}

/** One case of a set-based step: the case (locked by the caller in its transaction), the step, its history details. */
interface ManyStep {
  c: Case;
  step: CaseOperation;
  details?: Record<string, unknown>;
}

/**
 * The columns a set-based step may write beside the status, with their SQL names and types: today the case's
 * mediator (批量委派). A new bulk step adds its columns here, in the kernel.
 */
const BULK_COLUMNS = {
  mediatorId: { column: 'mediator_id', type: 'uuid' },
  mediatorUserId: { column: 'mediator_user_id', type: 'uuid' },
  organizationId: { column: 'organization_id', type: 'uuid' },
  assignedAt: { column: 'assigned_at', type: 'timestamptz' },
} as const satisfies Partial<Record<keyof Case, { column: string; type: string }>>;

export type BulkColumns = Partial<Pick<Case, keyof typeof BULK_COLUMNS>>;

/**
 * A change to a case that is no step of its own but follows from another record's (a roster entry's new account,
 * a year's holidays entered): the columns set, saved, and the history event, on a case the caller has locked.
 */
export async function applyConsequence(
  m: EntityManager,
  audit: AuditService,
  actor: Actor,
  c: Case,
  change: Partial<Case>,
  event: { action: string; details: Record<string, unknown>; beforeDetails?: Record<string, unknown> },
): Promise<void> {
  Object.assign(c, change);
  await asKernelWrite(() => m.save(c));
  await recordCaseEvent(audit, m, actor, c, event.action, c.status, event.details, event.beforeDetails);
}

/** The step being taken, for work that needs it (the status the case came from). */
interface TakenStep {
  step: CaseOperation;
  statusBefore: CaseStatus;
}

interface RunOptions {
  /** The version the client saw; checked when given. */
  version?: number;
  /**
   * Why the coordinator records the mediator's own work for a mediator who has an account (代为录入的理由);
   * without it that is refused (see `onBehalfOf`). Ignored where the step is the actor's own.
   */
  onBehalfReason?: string;
}

/** The step, or how it follows from the case (assign or reassign, recuse or exclude, which transfer). */
type StepOf = CaseOperation | ((c: Case, m: EntityManager) => CaseOperation | Promise<CaseOperation>);

export type StepWork<R> = (m: EntityManager, c: Case, taken: TakenStep) => Promise<StepDone<R>>;

/** The table's answer to someone it does not let take the step. */
function whoRefusal(actor: Actor, c: Case, step: CaseOperation): DomainError {
  switch (CASE_TRANSITIONS[step].who.refusal ?? 'FORBIDDEN') {
    case 'NOT_ASSIGNED_MEDIATOR':
      return new ForbiddenError('NOT_ASSIGNED_MEDIATOR', '只有本案的调解员可以执行此操作');
    case 'CASE_NOT_FOUND':
      return caseNotFound();
    case 'OWN_RECUSAL_ONLY':
      return c.mediatorUserId === actor.userId
        ? new ForbiddenError('FORBIDDEN', '调解员只能申请本人回避')
        : caseNotFound();
    case 'FORBIDDEN':
      return new ForbiddenError();
  }
}

/**
 * What the history adds when the step is recorded for the case's mediator (代为录入): for whom (the roster
 * entry and its name; the actor of the event is who entered it) and why. Nothing for the actor's own work.
 * For a mediator with an account without a reason: 422 ON_BEHALF_REASON_REQUIRED.
 */
async function onBehalfDetails(
  m: EntityManager,
  actor: Actor,
  c: Case,
  step: CaseOperation,
  reason: string | undefined,
): Promise<Record<string, unknown>> {
  const kind = onBehalfOf(actor, c, step);
  if (kind === 'OWN') return {};
  const name = await findRosterName(m, c.mediatorId!);
  const why = reason?.trim() || null;
  if (kind === 'ON_BEHALF_NEEDS_REASON' && !why)
    throw new RuleViolationError(
      'ON_BEHALF_REASON_REQUIRED',
      `调解员${name ?? ''}有本人账号，应由其本人登记；如需代为录入，请填写代为录入的理由`,
      { field: 'onBehalfReason', mediatorId: c.mediatorId },
    );
  return { recordedFor: { mediatorId: c.mediatorId, name }, ...(why ? { onBehalfReason: why } : {}) };
}

/** Throws the step's refusal unless the table lets this actor take it on this case. */
export function requireWho(actor: Actor, c: Case, step: CaseOperation): void {
  if (!whoMay(actor, c, step)) throw whoRefusal(actor, c, step);
}

/**
 * A step that computes dates must be named to the runner (not chosen from the case), so that the calendar's lock
 * comes before the row's: taken after it, it could deadlock against a year's entry. A programming error.
 */
function requireCalendarOrder(step: CaseOperation, calendarLocked: boolean): void {
  if (CASE_TRANSITIONS[step].usesCalendar && !calendarLocked) {
    throw new Error(`case step ${step} uses the calendar: run it by name so that its lock precedes the case's`);
  }
}

@Injectable()
export class CaseOps {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: CasesQueries,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Takes one step on a case: loads it under its row lock (scoped to the actor: another court's or
   * another mediator's case is 404), checks who may and the version, applies the transition (so the
   * work sees the new status), runs the work, saves the case and writes the history event; then the
   * work's `next` step, if any, the same way (no version check: the lock is held). All or nothing.
   * Lock order: a step that computes dates (`usesCalendar`) takes the calendar's lock before the case's row.
   */
  run<R>(actor: Actor, caseId: string, step: StepOf, options: RunOptions, work: StepWork<R>): Promise<R> {
    return this.dataSource.transaction(async (m) => {
      const calendarLocked = typeof step === 'string' && CASE_TRANSITIONS[step].usesCalendar === true;
      if (calendarLocked) await lockForTransaction(m, 'calendar', 'shared');
      const c = await loadCase(m, actor, caseId, true);
      const op = typeof step === 'function' ? await step(c, m) : step;
      requireCalendarOrder(op, calendarLocked);
      requireWho(actor, c, op);
      expectVersion(c, options.version);
      const done = await this.take(m, actor, c, op, work, options.onBehalfReason);
      if (done.next) {
        requireCalendarOrder(done.next.step, calendarLocked);
        requireWho(actor, c, done.next.step);
        await this.take(m, actor, c, done.next.step, done.next.work, options.onBehalfReason);
      }
      const result = done.result(c);
      // Under an Idempotency-Key the key completes with the step (idempotency-context.ts).
      await completeIdempotencyKeyIn(m, result);
      return result;
    });
  }

  /**
   * A write on a case that is not a transition (a correction, a party or an agent added): the same runner, for a
   * step whose table entry leaves the status as it is (`to: null`).
   */
  record<R>(actor: Actor, caseId: string, step: CaseOperation, options: RunOptions, work: StepWork<R>): Promise<R> {
    if (CASE_TRANSITIONS[step].to !== null) throw new Error(`${step} changes the status: take it with run`);
    return this.run(actor, caseId, step, options, work);
  }

  /**
   * Transition, for whom it is recorded (代为录入, after the transition so that a step the status does not allow
   * is refused as such), work, save, history, and the notifications the step settles: one step on a case
   * already locked and checked.
   */
  private async take<T extends StepRecord>(
    m: EntityManager,
    actor: Actor,
    c: Case,
    step: CaseOperation,
    work: (m: EntityManager, c: Case, taken: TakenStep) => Promise<T>,
    onBehalfReason: string | undefined,
  ): Promise<T> {
    const statusBefore = c.status;
    c.status = transition(c, step);
    const behalf = await onBehalfDetails(m, actor, c, step, onBehalfReason);
    const done = await work(m, c, { step, statusBefore });
    await asKernelWrite(() => m.save(c));
    const action = done.action ?? CASE_TRANSITIONS[step].event;
    const details = { ...done.details, ...behalf };
    await recordCaseEvent(this.audit, m, actor, c, action, statusBefore, details, done.beforeDetails);
    const alsoEvents = typeof done.alsoRecorded === 'function' ? await done.alsoRecorded() : (done.alsoRecorded ?? []);
    for (const also of alsoEvents) await recordCaseEvent(this.audit, m, actor, c, also.action, c.status, also.details);
    const kinds = NOTIFICATIONS_DONE_BY_STEP[step] ?? [];
    await markNotificationsDone(m, { subjectType: 'CASE', subjectId: c.id, kinds }, this.clock.now());
    return done;
  }

  /**
   * One step over many cases in a few statements (批量委派 of 500 cases): each case checked against the table
   * (who may, and the transition, which throws for a status it does not allow), then one UPDATE of the status,
   * the version and `columns(c)` for all, one history event per case in one insert, and the notifications each
   * step settles. The caller has locked the cases (`FOR UPDATE`) in `m`'s transaction and sorted out those the
   * step cannot take; the case objects are updated in place. Steps that compute dates are not set-based.
   */
  async runMany(m: EntityManager, actor: Actor, steps: readonly ManyStep[], columns: (c: Case) => BulkColumns) {
    if (steps.length === 0) return;
    const taken = steps.map(({ c, step, details }) => {
      if (CASE_TRANSITIONS[step].usesCalendar) throw new Error(`case step ${step} uses the calendar: run it alone`);
      requireWho(actor, c, step);
      return { c, step, details, statusBefore: c.status, statusAfter: transition(c, step), values: columns(c) };
    });
    const names = Object.keys(BULK_COLUMNS).filter((name) =>
      taken.some((t) => name in t.values),
    ) as (keyof typeof BULK_COLUMNS)[];
    const sets = names.map((name, i) => `${BULK_COLUMNS[name].column} = v.c${i}`);
    const unnest = names.map((name, i) => `$${i + 3}::${BULK_COLUMNS[name].type}[]`);
    await m.query(
      `UPDATE cases c SET status = v.status, ${[...sets, ''].join(', ')}version = c.version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::text[]${unnest.map((u) => `, ${u}`).join('')})
              AS v(id, status${names.map((_, i) => `, c${i}`).join('')})
        WHERE c.id = v.id`,
      [
        taken.map((t) => t.c.id),
        taken.map((t) => t.statusAfter),
        ...names.map((name) => taken.map((t) => (name in t.values ? t.values[name] : t.c[name]) ?? null)),
      ],
    );
    for (const t of taken) Object.assign(t.c, t.values, { status: t.statusAfter, version: t.c.version + 1 });
    await this.audit.recordMany(
      m,
      actor,
      taken.map((t) => caseEventEntry(t.c, CASE_TRANSITIONS[t.step].event, t.statusBefore, t.details)),
    );
    const now = this.clock.now();
    for (const t of taken) {
      const kinds = NOTIFICATIONS_DONE_BY_STEP[t.step] ?? [];
      if (kinds.length) await markNotificationsDone(m, { subjectType: 'CASE', subjectId: t.c.id, kinds }, now);
    }
  }

  /**
   * For a form of the mediator's own work (`step`): whom the actor would record it for (代为录入) and whether
   * they must say why; null where it is the actor's own work.
   */
  async recordingFor(actor: Actor, c: Case, step: CaseOperation) {
    const kind = onBehalfOf(actor, c, step);
    if (kind === 'OWN') return null;
    const name = (await this.queries.rosterName(c.mediatorId!)) ?? '';
    return { name, needsReason: kind === 'ON_BEHALF_NEEDS_REASON' };
  }

  /** The case as the actor may read it, without a lock (404 when missing or not theirs). */
  read(actor: Actor, caseId: string): Promise<Case> {
    return this.queries.visibleCase(actor, caseId);
  }
}
