import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { chinaDate } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { ValidationFailedError } from '../common/errors.js';
import { CaseOps } from '../cases/case-ops.js';
import { mediationPeriodOf } from '../cases/procedure.js';
import { caseView } from '../cases/case-view.js';
import { pastDateProblem } from './date-rules.js';
import type { RecordReceiptDto } from './receipt.dto.js';

/**
 * 签收: the mediator (or the coordinator for a mediator without an account) received the court's materials.
 * Under 先行调解 (15 / 7 days) and 非诉调解 (30 days) the period counts from that day; the case is in mediation.
 */
@Injectable()
export class MaterialsReceiptService {
  constructor(
    private readonly cases: CaseOps,
    private readonly clock: Clock,
    private readonly calendar: CalendarService,
  ) {}

  record(actor: Actor, caseId: string, dto: RecordReceiptDto) {
    const options = { version: dto.version, onBehalfReason: dto.onBehalfReason };
    return this.cases.run(actor, caseId, 'receiveMaterials', options, async (m, c) => {
      const today = chinaDate(this.clock.now());
      const receivedOn = dto.receivedOn ?? today;
      const assignedOn = c.assignedAt ? chinaDate(c.assignedAt) : null;
      const problem = pastDateProblem('receivedOn', receivedOn, {
        today,
        earliest: { date: assignedOn, label: '分派调解员之日' },
      });
      if (problem) throw new ValidationFailedError([problem]);

      c.materialsReceivedOn = receivedOn;
      const period = mediationPeriodOf(c)!;
      const deadline = await this.calendar.casePeriodEnd(m, period.start, period.days);
      c.mediationDeadline = deadline.date;
      c.mediationDeadlineProvisional = deadline.provisional;
      return {
        details: {
          receivedOn,
          periodDays: period.days,
          mediationDeadline: deadline.date,
          ...(deadline.provisional ? { deadlineProvisional: true, unknownYear: deadline.unknownYear } : {}),
        },
        result: (saved) => ({ case: caseView(saved), periodDays: period.days }),
      };
    });
  }
}
