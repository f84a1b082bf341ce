import { Injectable } from '@nestjs/common';
import { MediationQueries } from './mediation-queries.js';
import type { Actor } from '../common/actor.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { chinaDate } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { RuleViolationError, ValidationFailedError } from '../common/errors.js';
import { CaseOps } from '../cases/case-ops.js';
import type { Case } from '../cases/case.entity.js';
import { mediationPeriodOf, periodStartBound, POST_FILING_EXTENSION_MAX_DAYS } from '../cases/procedure.js';
import { pastDateProblem } from './date-rules.js';
import type { ExtendPeriodDto } from './extension.dto.js';
import { Extension } from './extension.entity.js';
import { MediationConfig } from './mediation-config.js';
import { extensionView } from './mediation-views.js';
import { WorkNotificationsService } from '../notifications/work-notifications.service.js';

/** Extensions of the mediation period (延长调解期限), each with both sides' consent. */
@Injectable()
export class ExtensionsService {
  constructor(
    private readonly queries: MediationQueries,
    private readonly cases: CaseOps,
    private readonly clock: Clock,
    private readonly calendar: CalendarService,
    private readonly config: MediationConfig,
    private readonly work: WorkNotificationsService,
  ) {}

  /**
   * An extension lengthens the period itself: the new deadline is the legal period of (30 + every extension's
   * days) counted from the consent, the rest-day rule applied once, to its final day. Provisional (暂定) when
   * it reaches a year whose calendar is not yet known.
   */
  extend(actor: Actor, caseId: string, dto: ExtendPeriodDto) {
    const options = { version: dto.version };
    return this.cases.run(actor, caseId, 'extendPeriod', options, async (m, c) => {
      if (c.procedure === 'POST_FILING') requirePostFilingExtension(c, dto);
      else requireConsentsWithinCap(dto, this.capProblem(c, dto.days));
      const now = this.clock.now();
      const consentedOn = extensionConsentDate(dto, c, chinaDate(now));
      const previousDeadline = currentDeadline(c);
      const period = periodOf(c, dto.days);
      const extended = await this.calendar.casePeriodEnd(m, period.start, period.days);
      const newDeadline = extended.date;
      requireLaterDeadline(previousDeadline, newDeadline, dto.days);

      const extension = await m.save(
        m.create(Extension, {
          caseId: c.id,
          courtId: c.courtId,
          days: dto.days,
          reason: dto.reason.trim(),
          plaintiffConsent: true,
          defendantConsent: true,
          consentedOn,
          previousDeadline,
          newDeadline,
          grantedBy: actor.userId,
          grantedAt: now,
        }),
      );
      c.mediationDeadline = newDeadline;
      c.mediationDeadlineProvisional = extended.provisional;
      c.extensionDaysTotal += dto.days;
      await this.work.extensionRecorded(m, actor, c, extension.id, newDeadline);
      return {
        details: {
          extensionId: extension.id,
          days: dto.days,
          reason: extension.reason,
          consentedOn,
          previousDeadline,
          newDeadline,
          extensionDaysTotal: c.extensionDaysTotal,
          ...(extended.provisional ? { deadlineProvisional: true, unknownYear: extended.unknownYear } : {}),
        },
        result: (saved) => ({
          ...extensionView(extension),
          mediationDeadline: saved.mediationDeadline,
          deadlineProvisional: saved.mediationDeadlineProvisional,
          extensionDaysTotal: saved.extensionDaysTotal,
          caseVersion: saved.version,
        }),
      };
    });
  }

  async list(actor: Actor, caseId: string) {
    return this.listForCase(await this.cases.read(actor, caseId));
  }

  /** The same for a case already loaded for the actor (`loadCase`), so one page reads the case row once. */
  async listForCase(c: Case) {
    const extensions = await this.queries.extensions(c);
    return extensions.map(extensionView);
  }

  /** The days over the court's cap, or null. */
  private capProblem(c: Case, days: number): CapProblem | null {
    const cap = this.config.extensionCapDays;
    if (c.extensionDaysTotal + days <= cap) return null;
    return {
      message: `每案累计延长不能超过 ${cap} 天；本案已延长 ${c.extensionDaysTotal} 天，最多还可延长 ${Math.max(cap - c.extensionDaysTotal, 0)} 天`,
      details: { capDays: cap, usedDays: c.extensionDaysTotal, requestedDays: days },
    };
  }
}

interface CapProblem {
  message: string;
  details: { capDays: number; usedDays: number; requestedDays: number };
}

/** The day the parties agreed to extend: given or today, within mediation and not in the future. */
function extensionConsentDate(dto: ExtendPeriodDto, c: Case, today: string): string {
  const consentedOn = dto.consentedOn ?? today;
  const problem = pastDateProblem('consentedOn', consentedOn, {
    today,
    earliest: periodStartBound(c),
  });
  if (problem) throw new ValidationFailedError([problem]);
  return consentedOn;
}

function currentDeadline(c: Case): string {
  if (!c.mediationDeadline) {
    throw new RuleViolationError('MEDIATION_DEADLINE_MISSING', '该案件尚无调解期限，不能延长');
  }
  return c.mediationDeadline;
}

/** The period extended by `days` (the rest-day rule applies once, to its final day). */
function periodOf(c: Case, days: number): { start: string; days: number } {
  const period = mediationPeriodOf(c, days);
  if (!period) {
    throw new RuleViolationError('MEDIATION_DEADLINE_MISSING', '该案件的调解期限尚未起算，不能延长');
  }
  return period;
}

/**
 * A short extension whose end still falls in the same run of rest days ends on the same working day:
 * it would use up extension days without moving the deadline, so it is refused with what would help.
 */
function requireLaterDeadline(previousDeadline: string, newDeadline: string, days: number): void {
  if (newDeadline > previousDeadline) return;
  throw new RuleViolationError(
    'EXTENSION_NO_EFFECT',
    `延长 ${days} 天后期限仍为 ${previousDeadline}（期间最后一日遇法定休假日顺延），延长不改变届满日；请延长更多天数`,
    { days, previousDeadline, newDeadline },
  );
}

/**
 * 先行调解 may be extended once, by at most 30 days, and only with both parties' consent (the SPC 意见): every rule
 * the request breaks is named at once.
 */
function requirePostFilingExtension(c: Case, dto: ExtendPeriodDto): void {
  const problems: string[] = [];
  if (c.extensionDaysTotal > 0)
    problems.push(`本案已延长过一次（${c.extensionDaysTotal} 天），先行调解期限只能延长一次`);
  if (dto.days > POST_FILING_EXTENSION_MAX_DAYS) {
    problems.push(`先行调解期限延长不能超过 ${POST_FILING_EXTENSION_MAX_DAYS} 天`);
  }
  const missing = missingConsents(dto);
  if (missing.length > 0) problems.push('延长须经双方当事人同意，并登记双方的同意');
  if (problems.length === 0) return;
  throw new RuleViolationError('EXTENSION_NOT_ALLOWED', problems.join('；'), {
    problems,
    missing,
    days: dto.days,
    usedDays: c.extensionDaysTotal,
  });
}

function missingConsents(dto: ExtendPeriodDto): string[] {
  return [
    ...(dto.plaintiffConsent === true ? [] : ['plaintiffConsent']),
    ...(dto.defendantConsent === true ? [] : ['defendantConsent']),
  ];
}

const CONSENT_PROBLEM = '延长调解期限须经双方当事人同意，并登记双方的同意';

/**
 * Both sides must have agreed to the extension (双方当事人同意), within the court's cap: both refusals named at
 * once (60 days without the consents: the consents and the days), the consents' code first.
 */
function requireConsentsWithinCap(dto: ExtendPeriodDto, cap: CapProblem | null): void {
  const missing = missingConsents(dto);
  if (missing.length > 0) {
    const problems = [CONSENT_PROBLEM, ...(cap ? [cap.message] : [])];
    throw new RuleViolationError('EXTENSION_NEEDS_CONSENT', problems.join('；'), {
      missing,
      problems,
      ...(cap ? cap.details : {}),
    });
  }
  if (cap) throw new RuleViolationError('EXTENSION_CAP_EXCEEDED', cap.message, cap.details);
}
