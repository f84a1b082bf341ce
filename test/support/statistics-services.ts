// The statistics tests' court and steps in the service tier: a court seeded as the HTTP tier seeds it (the demo
// staff's usernames and names), and every step of `caseFlow` (test/support/statistics.ts) taken by the service
// its route calls, as the user of that username, with the context's clock at the step's China time.
import type { Readable } from 'node:stream';
import type { Actor } from '../../src/common/actor.js';
import { AssignmentService } from '../../src/assignment/assignment.service.js';
import { MediationOrganizationsService } from '../../src/assignment/mediation-organizations.service.js';
import { MediatorsService } from '../../src/assignment/mediators.service.js';
import { User } from '../../src/auth/user.entity.js';
import type { Role } from '../../src/common/role.js';
import type { ReplyDto } from '../../src/consultation/consultation.dto.js';
import { ConsultationService } from '../../src/consultation/consultation.service.js';
import { seedCourt, type SeededCourt } from '../../src/demo/demo-seed.js';
import type { CaseInput } from '../../src/intake/case-input-rules.js';
import { IntakeService } from '../../src/intake/intake.service.js';
import { DeadlineScanService } from '../../src/mediation/deadline-scan.service.js';
import { ExtensionsService } from '../../src/mediation/extensions.service.js';
import { JudicialConfirmationService } from '../../src/mediation/judicial-confirmation.service.js';
import type { RecordOutcomeDto } from '../../src/mediation/outcome.dto.js';
import { OutcomesService } from '../../src/mediation/outcomes.service.js';
import { SessionsService } from '../../src/mediation/sessions.service.js';
import type {
  RecordJudicialConfirmationDto,
  RecordPerformanceDto,
} from '../../src/mediation/settlement-follow-up.dto.js';
import { SettlementFollowUpService } from '../../src/mediation/settlement-follow-up.service.js';
import { FilingTransferService } from '../../src/referral/filing-transfer.service.js';
import { PartyAnswersService } from '../../src/referral/party-answers.service.js';
import { ratingCodeFor } from '../../src/referral/rating-code.js';
import { ReferralNoticeService } from '../../src/referral/referral-notice.service.js';
import { PublicRatingService } from '../../src/statistics/public-rating.service.js';
import { UsersService } from '../../src/users/users.service.js';
import { aCaseBody, type CaseBodyOptions } from './builders.js';
import { actorOf } from './case-builders.js';
import type { ServiceContext } from './service-context.js';
import { at, TEST_JWT_SECRET, type CaseSteps, type FlowCase } from './statistics.js';
import type { TimelineCourt } from './statistics-fixture.js';
import { TEST_PASSWORD, testCourt } from './test-app.js';

export interface ServiceCourt {
  seeded: SeededCourt;
  /** The staff by username: the demo staff, and the users the roster makes. */
  actors: Map<string, Actor>;
  actor(username: string): Actor;
}

/** A court of the old procedure with the demo staff (`prefix` + clerk, coordinator...), as `TestApp.seedCourt`. */
export async function serviceCourt(s: ServiceContext, code: string, prefix = ''): Promise<ServiceCourt> {
  const seeded = await seedCourt(s.dataSource, testCourt(code, prefix));
  const actors = new Map(Object.values(seeded.users).map((user) => [user.username, actorOf(user)]));
  return {
    seeded,
    actors,
    actor(username) {
      const found = actors.get(username);
      if (!found) throw new Error(`serviceCourt: no user ${username}`);
      return found;
    },
  };
}

/** The users, roster and deadline scan of `statisticsTimeline` through the services (the administrator, the coordinator). */
export function serviceRoster(s: ServiceContext, court: ServiceCourt) {
  let registrations = 0;
  return {
    /** `more`: another display name than the username, a division. */
    async user(username: string, roles: Role[], more: { displayName?: string; divisionId?: string } = {}) {
      const created = await s.get(UsersService).create(court.actor('admin'), {
        username,
        displayName: username,
        password: TEST_PASSWORD,
        roles,
        ...more,
      });
      court.actors.set(username, actorOf(await s.dataSource.getRepository(User).findOneByOrFail({ id: created.id })));
      return created.id;
    },
    userId: async (username) => court.actor(username).userId,
    organization(name) {
      registrations += 1;
      return s.get(MediationOrganizationsService).create(court.actor('coordinator'), {
        name,
        kind: 'PEOPLES_MEDIATION_COMMITTEE',
        registrationNumber: `测调备${registrations}号`,
        region: '朝阳区',
        contactPerson: '王主任',
        contactPhone: '010-65001234',
      });
    },
    mediator: (organizationId, entry) =>
      s.get(MediatorsService).create(court.actor('coordinator'), {
        type: 'FULL_TIME',
        organizationId,
        regions: ['朝阳区'],
        capacity: 10,
        phone: '13912345678',
        ...entry,
      }),
    scan: () => s.get(DeadlineScanService).runDeadlineScan(),
  } satisfies TimelineCourt;
}

/** `caseFlow`'s steps through the services. */
export function serviceCaseFlow(s: ServiceContext, court: ServiceCourt): CaseSteps {
  const when = (date: string, time?: string) => s.clock.set(at(date, time));
  const { actor } = court;
  const answer = (c: FlowCase, partyId: string, decision: 'CONSENT' | 'REFUSE', channel: 'WINDOW' | 'PHONE') =>
    s.get(PartyAnswersService).record(actor('clerk'), c.id, { partyId, decision, channel });
  const outcome = (c: FlowCase, by: string, dto: RecordOutcomeDto) =>
    s.get(OutcomesService).record(actor(by), c.id, dto);

  return {
    when,
    async register(clerk: string, date: string, options: CaseBodyOptions & { plaintiffName?: string } = {}) {
      when(date, '09:00');
      const body = aCaseBody(options);
      if (options.plaintiffName) body.parties[0].name = options.plaintiffName;
      const registered = await s.get(IntakeService).register(actor(clerk), body as CaseInput);
      const party = (role: string) => registered.parties!.find((p) => p.role === role)!;
      const c: FlowCase = { id: registered.id, plaintiffId: party('PLAINTIFF').id, defendantId: party('DEFENDANT').id };
      await s.get(ReferralNoticeService).issue(actor('clerk'), c.id, {});
      return c;
    },
    async consent(c, date) {
      when(date, '10:00');
      await answer(c, c.plaintiffId, 'CONSENT', 'WINDOW');
      await answer(c, c.defendantId, 'CONSENT', 'PHONE');
    },
    async refuse(c, date) {
      when(date, '10:00');
      await answer(c, c.plaintiffId, 'REFUSE', 'WINDOW');
    },
    async assign(c, mediatorId, date, by = 'coordinator') {
      when(date, '11:00');
      await s.get(AssignmentService).assign(actor(by), c.id, { mediatorId, reason: '按专长分派' });
    },
    async session(c, mediatorUser, date) {
      when(date, '15:00');
      await s.get(SessionsService).record(actor(mediatorUser), c.id, {
        heldOn: date,
        mode: 'IN_PERSON',
        participants: ['申请人', '被申请人'],
        notes: '组织双方调解',
      });
    },
    async settle(c, by, date, time, settlement) {
      when(date, time);
      await outcome(c, by, { result: 'SETTLED', settlement: { agreement: '被申请人分期归还借款。', ...settlement } });
    },
    async fail(c, by, date, time = '14:00') {
      when(date, time);
      await outcome(c, by, { result: 'FAILED', undisputedFacts: '借款事实无争议', failureReason: 'NO_AGREEMENT' });
    },
    async withdraw(c, by, date) {
      when(date, '14:00');
      await outcome(c, by, { result: 'WITHDRAWN', withdrawalReason: '申请人撤回' });
    },
    async judicialConfirmation(c, date, body) {
      when(date, '16:00');
      await s
        .get(JudicialConfirmationService)
        .rule(actor('coordinator'), c.id, body as unknown as RecordJudicialConfirmationDto);
    },
    async performance(c, by, date, status) {
      when(date, '16:00');
      await s.get(SettlementFollowUpService).recordPerformance(actor(by), c.id, { status } as RecordPerformanceDto);
    },
    async extend(c, by, date, days) {
      when(date, '11:00');
      const body = { days, reason: '双方同意延长', plaintiffConsent: true, defendantConsent: true };
      return (await s.get(ExtensionsService).extend(actor(by), c.id, body)) as { newDeadline: string };
    },
    async transfer(c, date) {
      when(date, '11:00');
      await s.get(FilingTransferService).transfer(actor('clerk'), c.id, {});
    },
    async sendLetter(c, date, priority, sender = 'judge') {
      when(date, '09:00');
      const body = { caseId: c.id, questions: ['被告名下是否有可供执行的财产'], priority };
      return (await s.get(ConsultationService).send(actor(sender), body)) as { id: string; dueOn: string };
    },
    async reply(letterId, date) {
      when(date, '10:00');
      const body = { assessment: 'PARTIALLY_ENFORCEABLE', opinion: '被告名下有存款约5000元，可部分执行。' };
      await s.get(ConsultationService).reply(actor('enforcer'), letterId, body as ReplyDto);
    },
    /** A party's rating with the code printed on their notice, from outside the court (no staff session). */
    async rate(partyId, date, time, score) {
      when(date, time);
      return s
        .get(PublicRatingService)
        .rate(
          { code: ratingCodeFor(TEST_JWT_SECRET, partyId), score, comment: '调解员很耐心' },
          { clientAddress: null, requestId: null, doubt: null },
        );
    },
  };
}

/** A file's bytes (an export's stream). */
export async function bufferOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** A court (`serviceCourt`) with its roster and `caseFlow`'s steps through the services. */
export async function statisticsCourt(s: ServiceContext, code: string) {
  const court = await serviceCourt(s, code);
  return { court, roster: serviceRoster(s, court), flow: serviceCaseFlow(s, court) };
}
