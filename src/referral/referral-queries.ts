// Named reads of the referral records (notices, answers, notice rules, filing transfers): functions taking the
// caller's manager, and `ReferralQueries` offering them on the data source to callers that hold no manager (the
// case pages, the lists).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { inCourt } from '../common/court-scope.js';
import { numbersTyped } from './court-numbers.js';
import { FilingTransfer } from './filing-transfer.entity.js';
import { NoticeRule } from './notice-rule.entity.js';
import { latestNoticeNumbers } from './notice-numbers.js';
import { PartyAnswer } from './party-answer.entity.js';
import { ReferralNotice } from './referral-notice.entity.js';

/** The court's own notice rules (one per case type it has set; the others follow the configuration). */
export function findNoticeRules(m: EntityManager, actor: Actor): Promise<NoticeRule[]> {
  return m.find(NoticeRule, { where: inCourt<NoticeRule>(actor) });
}

/** The court's own rule for a case type, or null. */
export function findNoticeRule(m: EntityManager, courtId: string, caseType: string): Promise<NoticeRule | null> {
  return m.findOne(NoticeRule, { where: { courtId, caseType } });
}

/** A case's notices, oldest version first. */
export function findNotices(m: EntityManager, caseId: string): Promise<ReferralNotice[]> {
  return m.find(ReferralNotice, { where: { caseId }, order: { noticeVersion: 'ASC' } });
}

/** A case's recorded answers (同意/不同意调解), in the order recorded. */
export function findAnswers(m: EntityManager, caseId: string): Promise<PartyAnswer[]> {
  return m.find(PartyAnswer, { where: { caseId }, order: { recordedAt: 'ASC' } });
}

/** A case's filing transfer (转立案), or null. */
export function findTransfer(m: EntityManager, caseId: string): Promise<FilingTransfer | null> {
  return m.findOneBy(FilingTransfer, { caseId });
}

@Injectable()
export class ReferralQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get m(): EntityManager {
    return this.dataSource.manager;
  }

  noticeRules(actor: Actor): Promise<NoticeRule[]> {
    return findNoticeRules(this.m, actor);
  }

  noticeRule(courtId: string, caseType: string): Promise<NoticeRule | null> {
    return findNoticeRule(this.m, courtId, caseType);
  }

  notices(caseId: string): Promise<ReferralNotice[]> {
    return findNotices(this.m, caseId);
  }

  latestNoticeNumbers(courtId: string, caseIds: readonly string[]): Promise<Map<string, string>> {
    return latestNoticeNumbers(this.m, courtId, caseIds);
  }

  answers(caseId: string): Promise<PartyAnswer[]> {
    return findAnswers(this.m, caseId);
  }

  transfer(caseId: string): Promise<FilingTransfer | null> {
    return findTransfer(this.m, caseId);
  }

  /** Whether the court's filing form asks for the 民初 number (the court's case system gives it). */
  numbersTyped(courtId: string): Promise<boolean> {
    return numbersTyped(this.m, courtId);
  }
}
