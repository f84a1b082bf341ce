import { Injectable } from '@nestjs/common';
import { MediationQueries } from './mediation-queries.js';
import type { Actor } from '../common/actor.js';
import { chinaDate, daysBetween } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { CASE_STATUS_LABELS } from '../cases/case-status.js';
import { SettlementFollowUpService } from './settlement-follow-up.service.js';

/** The mediator's own worklist (掌上办公): open cases by deadline, and settlements to follow up. */
@Injectable()
export class WorkspaceService {
  constructor(
    private readonly queries: MediationQueries,
    private readonly clock: Clock,
    private readonly followUp: SettlementFollowUpService,
  ) {}

  async myCases(actor: Actor) {
    const today = chinaDate(this.clock.now());
    const cases = await this.queries.openCasesOfMediator(actor, 1000);
    return {
      today,
      cases: cases.map((c) => ({
        id: c.id,
        caseNumber: c.prelitigationNumber,
        caseType: c.caseType,
        status: c.status,
        statusLabel: CASE_STATUS_LABELS[c.status],
        consentedOn: c.consentedOn,
        mediationDeadline: c.mediationDeadline,
        daysLeft: c.mediationDeadline ? daysBetween(today, c.mediationDeadline) : null,
        extensionDaysTotal: c.extensionDaysTotal,
        version: c.version,
      })),
      followUps: await this.followUp.followUps(actor),
    };
  }
}
