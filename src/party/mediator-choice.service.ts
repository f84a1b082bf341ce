// 选择调解员 (在线调解规则: the court publishes its mediators; the parties may agree on one within the court's
// working days). While the case waits for assignment (REFERRED), each party proposes a mediator of the published
// roster from their page; when every plaintiff and defendant chose the same one within the time, the coordinator
// sees it as the parties' choice and assigns with one click. Assigning stays the coordinator's step
// (AssignmentService through CaseOps): a choice never moves the case.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { isAvailable } from '../assignment/mediator-availability.js';
import { MEDIATOR_TYPE_LABELS } from '../assignment/mediator.entity.js';
import { findActiveRosterEntries, type RosterEntry } from '../assignment/roster-queries.js';
import { AuditService } from '../audit/audit.service.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { addWorkingDays, provisionally } from '../calendar/period.js';
import { recordCaseEvent } from '../cases/case-history.js';
import { CaseOps } from '../cases/case-ops.js';
import { CaseReader } from '../cases/case-reader.service.js';
import { Case } from '../cases/case.entity.js';
import { PARTY_ROLE_LABELS } from '../cases/party.entity.js';
import type { Actor } from '../common/actor.js';
import { chinaDate } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { RuleViolationError, ValidationFailedError } from '../common/errors.js';
import { PartyMediatorChoice } from './party-message.entities.js';
import { findCourt, PartyQueries } from './party-queries.js';
import type { PartyPrincipal } from './party-sessions.service.js';

/** The sides whose agreement makes a choice (a third party's proposal is recorded but not needed). */
const CHOOSING_ROLES: readonly string[] = ['PLAINTIFF', 'DEFENDANT'];

const choiceClosed = () =>
  new RuleViolationError('MEDIATOR_CHOICE_CLOSED', '本案现在不在选择调解员的阶段（已分派调解员，或尚未转入调解）');
const choiceExpired = (closesOn: string) =>
  new RuleViolationError('MEDIATOR_CHOICE_EXPIRED', `选择调解员的期限已于 ${closesOn} 届满，将由法院指定调解员`, {
    closesOn,
  });
const notOnRoster = () =>
  ValidationFailedError.field(
    'mediatorId',
    'MEDIATOR_NOT_ON_ROSTER',
    'mediatorId：该调解员不在本院公布的调解员名册中，或暂时不能接受选择',
  );

/** A roster entry as published to the parties: no phone, no capacity, no workload. */
function publishedView(e: RosterEntry) {
  return {
    mediatorId: e.mediator.id,
    name: e.mediator.name,
    typeLabel: MEDIATOR_TYPE_LABELS[e.mediator.type],
    organization: e.organization.name,
    specialties: e.mediator.specialties,
  };
}

@Injectable()
export class MediatorChoiceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: PartyQueries,
    private readonly cases: CaseOps,
    private readonly caseReader: CaseReader,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The published roster, the time left to choose, and the party's own choice (never the other side's). */
  async forParty(p: PartyPrincipal) {
    const window = await this.windowOf(p.case);
    const [roster, mine] = await Promise.all([this.roster(p.case), this.queries.latestMediatorChoices(p.case.id)]);
    const own = mine.get(p.party.id);
    const chosen = own ? roster.find((r) => r.mediatorId === own.mediatorId) : undefined;
    return {
      open: window.open,
      closesOn: window.closesOn,
      mediators: window.open ? roster : [],
      yourChoice: own ? { mediatorId: own.mediatorId, name: chosen?.name ?? null, chosenAt: own.chosenAt } : null,
    };
  }

  /** The party proposes a mediator; a later proposal replaces theirs. In the history with the identity evidence. */
  async choose(p: PartyPrincipal, mediatorId: string) {
    return this.dataSource.transaction(async (m) => {
      const c = await m.findOneByOrFail(Case, { id: p.case.id });
      const window = await this.windowOf(c, m);
      if (c.status !== 'REFERRED') throw choiceClosed();
      if (!window.open) throw choiceExpired(window.closesOn!);
      const mediator = (await this.roster(c, m)).find((r) => r.mediatorId === mediatorId);
      if (!mediator) throw notOnRoster();
      const now = this.clock.now();
      const evidence = { ...p.session.evidence, sessionId: p.session.id };
      const choice = await m.save(
        m.create(PartyMediatorChoice, {
          courtId: c.courtId,
          caseId: c.id,
          partyId: p.party.id,
          mediatorId,
          chosenAt: now,
          evidence,
        }),
      );
      await recordCaseEvent(this.audit, m, p.actor, c, 'PARTY_CHOSE_MEDIATOR', null, {
        partyId: p.party.id,
        mediatorId,
        mediatorName: mediator.name,
        identityEvidence: evidence,
      });
      return { mediatorId, name: mediator.name, chosenAt: choice.chosenAt };
    });
  }

  /**
   * The staff side: each party's choice and, when every plaintiff and defendant chose the same mediator in time
   * and that mediator is still on the roster for this case, the parties' choice.
   */
  async forCase(actor: Actor, caseId: string) {
    const c = await this.cases.read(actor, caseId);
    const [window, parties, choices, roster] = await Promise.all([
      this.windowOf(c),
      this.caseReader.partiesOf(c.id),
      this.queries.latestMediatorChoices(c.id),
      this.roster(c),
    ]);
    const nameOf = async (mediatorId: string) =>
      roster.find((r) => r.mediatorId === mediatorId)?.name ?? (await this.queries.rosterName(mediatorId));
    const rows = [];
    for (const party of parties) {
      const choice = choices.get(party.id);
      rows.push({
        partyId: party.id,
        name: party.name,
        roleLabel: PARTY_ROLE_LABELS[party.role],
        choice: choice
          ? { mediatorId: choice.mediatorId, mediatorName: await nameOf(choice.mediatorId), chosenAt: choice.chosenAt }
          : null,
      });
    }
    return {
      status: c.status,
      version: c.version,
      open: window.open,
      closesOn: window.closesOn,
      parties: rows,
      agreed: c.status === 'REFERRED' ? agreedChoice(parties, choices, roster, window.closesOn) : null,
    };
  }

  /** The published roster for a case: active, appointed today, and not recused from it (read in `m` if given). */
  private async roster(c: Case, m?: EntityManager) {
    const today = chinaDate(this.clock.now());
    const entries = await (m
      ? findActiveRosterEntries(m, c.courtId, { notRecusedFromCaseId: c.id })
      : this.queries.activeRoster(c.courtId, c.id));
    return entries
      .filter((e) => isAvailable({ mediator: e.mediator, organization: e.organization, today }))
      .map(publishedView)
      .sort((a, b) => a.organization.localeCompare(b.organization, 'zh') || a.name.localeCompare(b.name, 'zh'));
  }

  /**
   * The time to choose: the court's working days after the day the case was referred (the start day not counted,
   * on the official calendar; weekends only for a year not yet known). Null before referral. Read in `m` if given.
   */
  private async windowOf(c: Case, m?: EntityManager): Promise<{ open: boolean; closesOn: string | null }> {
    if (!c.referredAt) return { open: false, closesOn: null };
    const court = await (m ? findCourt(m, c.courtId) : this.queries.court(c.courtId));
    const schedule = await this.calendar.schedule(m);
    const closesOn = provisionally(schedule, (days) =>
      addWorkingDays(days, chinaDate(c.referredAt!), court.mediatorChoiceWorkingDays),
    ).date;
    return { open: c.status === 'REFERRED' && chinaDate(this.clock.now()) <= closesOn, closesOn };
  }
}

function agreedChoice(
  parties: { id: string; role: string }[],
  choices: Map<string, PartyMediatorChoice>,
  roster: ReturnType<typeof publishedView>[],
  closesOn: string | null,
) {
  const sides = parties.filter((p) => CHOOSING_ROLES.includes(p.role));
  if (sides.length === 0 || closesOn === null) return null;
  const picked = sides.map((p) => choices.get(p.id));
  if (picked.some((x) => !x || chinaDate(x.chosenAt) > closesOn)) return null;
  const ids = new Set(picked.map((x) => x!.mediatorId));
  if (ids.size !== 1) return null;
  return roster.find((r) => r.mediatorId === picked[0]!.mediatorId) ?? null;
}
