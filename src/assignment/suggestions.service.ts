import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor.js';
import { chinaDate } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { canApply, IllegalTransitionError } from '../cases/case-state-machine.js';
import { CaseOps } from '../cases/case-ops.js';
import type { Case } from '../cases/case.entity.js';
import type { Party } from '../cases/party.entity.js';
import { assignOperation } from './assignment-writer.js';
import { isAvailable } from './mediator-availability.js';
import { scoreMediator } from './mediator-score.js';
import { RosterQueries } from './roster-queries.js';
import { mediatorView } from './roster-view.js';
import { CaseReader } from '../cases/case-reader.service.js';

const DEFAULT_LIMIT = 20;

/** Ranked mediator suggestions for a case (调解员推荐); the formula is in mediator-score.ts. */
@Injectable()
export class SuggestionsService {
  constructor(
    private readonly roster: RosterQueries,
    private readonly caseReader: CaseReader,
    private readonly cases: CaseOps,
    private readonly clock: Clock,
  ) {}

  /**
   * Mediators available today, not recused from the case, not its current mediator and
   * below capacity, best first. A fixed number of queries whatever the roster size: the
   * loads and 90-day results of all candidates come from one (`findWorkloads`).
   */
  async suggest(actor: Actor, caseId: string, limit = DEFAULT_LIMIT) {
    return this.suggestForCase(await this.cases.read(actor, caseId), limit);
  }

  /** The same for a case already loaded for the actor (`loadCase`), with its parties when read already. */
  async suggestForCase(c: Case, limit = DEFAULT_LIMIT, known?: Party[]) {
    // Suggestions are for a case that can be assigned now.
    const operation = assignOperation(c);
    if (!canApply(c, operation)) throw new IllegalTransitionError(c, operation);
    const parties = known ?? (await this.caseReader.partiesOf(c.id));
    const addresses = parties.flatMap((p) => [p.address, p.serviceAddress]).filter((a): a is string => !!a);
    const now = this.clock.now();
    const today = chinaDate(now);
    const candidates = (await this.roster.activeRosterEntries(c.courtId, { notRecusedFromCaseId: c.id })).filter(
      (entry) => entry.mediator.id !== c.mediatorId && isAvailable({ ...entry, today }),
    );
    const workloads = await this.roster.workloads(
      c.courtId,
      candidates.map((entry) => entry.mediator.id),
      now,
    );
    return candidates
      .map((entry) => ({ ...entry, workload: workloads.get(entry.mediator.id)! }))
      .filter(({ mediator, workload }) => workload.openCases < mediator.capacity)
      .map((entry) => ({
        ...entry,
        ...scoreMediator({ caseType: c.caseType, partyAddresses: addresses, ...entry }),
      }))
      .sort(
        (a, b) =>
          b.score - a.score ||
          a.workload.openCases - b.workload.openCases ||
          a.mediator.name.localeCompare(b.mediator.name, 'zh'),
      )
      .slice(0, limit)
      .map(({ mediator, organization, workload, score, parts, reasons }) => ({
        mediator: mediatorView(mediator, 'masked', {
          organizationName: organization.name,
          openCases: workload.openCases,
        }),
        score,
        parts,
        reasons,
      }));
  }
}
