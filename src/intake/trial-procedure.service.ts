import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor.js';
import { RuleViolationError } from '../common/errors.js';
import { CaseOps } from '../cases/case-ops.js';
import { TRIAL_PROCEDURE_LABELS } from '../cases/procedure.js';
import { caseView } from '../cases/case-view.js';
import type { CorrectTrialProcedureDto } from './trial-procedure.dto.js';

/**
 * 更正审理程序: the 简易/普通程序 of a 先行调解 case as registered was wrong. It decides the mediation period (7 or
 * 15 days) and halves the fee, so it is correctable only until the mediator's sign-for starts that period (the
 * transition table's correctTrialProcedure), with the reason and the value before in the history.
 */
@Injectable()
export class TrialProcedureService {
  constructor(private readonly cases: CaseOps) {}

  correct(actor: Actor, caseId: string, dto: CorrectTrialProcedureDto) {
    return this.cases.run(actor, caseId, 'correctTrialProcedure', { version: dto.version }, async (_m, c) => {
      const before = c.trialProcedure;
      if (before === dto.trialProcedure) {
        throw new RuleViolationError(
          'TRIAL_PROCEDURE_UNCHANGED',
          `本案已适用${TRIAL_PROCEDURE_LABELS[dto.trialProcedure]}，无需更正`,
          { trialProcedure: before },
        );
      }
      c.trialProcedure = dto.trialProcedure;
      return {
        details: { trialProcedure: dto.trialProcedure, reason: dto.reason.trim() },
        beforeDetails: { trialProcedure: before },
        result: (saved) => caseView(saved),
      };
    });
  }
}
