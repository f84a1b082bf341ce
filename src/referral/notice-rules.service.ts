import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { NotFoundError, RuleViolationError, StaleVersionError, ValidationFailedError } from '../common/errors.js';
import { configuredCaseTypes, type CaseTypeConfig, type NoticeTemplate } from '../cases/case-types.js';
import { NoticeRule } from './notice-rule.entity.js';
import { findNoticeRule, ReferralQueries } from './referral-queries.js';

/** The rule in force for one case type in one court: the court's own row, or the configured default. */
export interface EffectiveNoticeRule {
  caseType: string;
  mediationSuggested: boolean;
  noticeTemplate: NoticeTemplate;
  unsuitableReason: string | null;
  source: 'COURT' | 'CONFIG';
  /** 0 while the configured default applies; the row's version once the court has its own rule. */
  version: number;
  updatedBy: string | null;
  updatedAt: Date | null;
}

interface NoticeRuleInput {
  mediationSuggested: boolean;
  noticeTemplate: NoticeTemplate;
  unsuitableReason?: string | null;
  version?: number;
}

/** A case type no longer in the configuration gets the general notice. */
const FALLBACK: Pick<CaseTypeConfig, 'mediationSuggested' | 'noticeTemplate'> = {
  mediationSuggested: true,
  noticeTemplate: 'GENERAL',
};

function fromConfig(caseType: string, config: CaseTypeConfig | undefined): EffectiveNoticeRule {
  return {
    caseType,
    mediationSuggested: (config ?? FALLBACK).mediationSuggested,
    noticeTemplate: (config ?? FALLBACK).noticeTemplate,
    unsuitableReason: config?.unsuitableReason ?? null,
    source: 'CONFIG',
    version: 0,
    updatedBy: null,
    updatedAt: null,
  };
}

function fromRow(row: NoticeRule): EffectiveNoticeRule {
  return {
    caseType: row.caseType,
    mediationSuggested: row.mediationSuggested,
    noticeTemplate: row.noticeTemplate,
    unsuitableReason: row.unsuitableReason,
    source: 'COURT',
    version: row.version,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt,
  };
}

/**
 * Whether a notice may be issued under `rule`: an unsuitable type is refused
 * unless the clerk gives a reason. Returns the override reason to record (null
 * when the rule suggests mediation and nothing was overridden).
 */
export function overrideFor(rule: EffectiveNoticeRule, overrideReason: string | undefined): string | null {
  if (rule.mediationSuggested) return null;
  const reason = overrideReason?.trim();
  if (reason) return reason;
  throw new RuleViolationError(
    'MEDIATION_NOT_SUITABLE',
    `“${rule.caseType}”不适宜诉前调解：${rule.unsuitableReason ?? '本院规则未建议调解'}。如确需发送告知书，请填写理由（overrideReason）`,
    { caseType: rule.caseType, unsuitableReason: rule.unsuitableReason },
  );
}

/** 告知规则: per court and case type, with config/case-types.json as the default. */
@Injectable()
export class NoticeRulesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: ReferralQueries,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor): Promise<EffectiveNoticeRule[]> {
    const rows = await this.queries.noticeRules(actor);
    const byType = new Map(rows.map((row) => [row.caseType, row]));
    return configuredCaseTypes().map((config) => {
      const row = byType.get(config.name);
      return row ? fromRow(row) : fromConfig(config.name, config);
    });
  }

  /** The rule in force, read in the caller's transaction. */
  async ruleFor(manager: EntityManager, courtId: string, caseType: string): Promise<EffectiveNoticeRule> {
    return inForce(caseType, await findNoticeRule(manager, courtId, caseType));
  }

  /** The rule in force for a case (its court's row, else the configuration). */
  async ruleForCase(c: { courtId: string; caseType: string }): Promise<EffectiveNoticeRule> {
    return inForce(c.caseType, await this.queries.noticeRule(c.courtId, c.caseType));
  }

  /** An administrator sets the court's rule for a case type; the change is in the history. */
  async put(actor: Actor, caseType: string, input: NoticeRuleInput): Promise<EffectiveNoticeRule> {
    const config = configuredCaseTypes().find((t) => t.name === caseType);
    if (!config) throw new NotFoundError('CASE_TYPE_NOT_FOUND', `案由“${caseType.slice(0, 30)}”不在案由列表中`);
    const reason = input.unsuitableReason?.trim() || null;
    if (!input.mediationSuggested && !reason) {
      throw ValidationFailedError.field('unsuitableReason', 'REQUIRED', 'unsuitableReason：不建议调解时须写明理由');
    }
    return this.dataSource.transaction(async (m) => {
      const row = await m.findOne(NoticeRule, {
        where: { courtId: actor.courtId, caseType },
        lock: { mode: 'pessimistic_write' },
      });
      const before = row ? fromRow(row) : fromConfig(caseType, config);
      if (input.version !== undefined && input.version !== before.version) {
        throw new StaleVersionError(input.version, before.version);
      }
      const saved = await m.save(
        Object.assign(row ?? m.create(NoticeRule, { courtId: actor.courtId, caseType }), {
          mediationSuggested: input.mediationSuggested,
          noticeTemplate: input.noticeTemplate,
          unsuitableReason: input.mediationSuggested ? null : reason,
          updatedBy: actor.userId,
        }),
      );
      const after = fromRow(saved);
      await this.audit.record(m, actor, {
        subjectType: 'NOTICE_RULE',
        subjectId: caseType,
        action: 'NOTICE_RULE_UPDATED',
        before: ruleFields(before),
        after: ruleFields(after),
      });
      return after;
    });
  }
}

function ruleFields(rule: EffectiveNoticeRule): Record<string, unknown> {
  return {
    mediationSuggested: rule.mediationSuggested,
    noticeTemplate: rule.noticeTemplate,
    unsuitableReason: rule.unsuitableReason,
    source: rule.source,
    version: rule.version,
  };
}

/** The court's row when it has one, else the configuration's rule. */
function inForce(caseType: string, row: NoticeRule | null): EffectiveNoticeRule {
  if (row) return fromRow(row);
  return fromConfig(
    caseType,
    configuredCaseTypes().find((t) => t.name === caseType),
  );
}
