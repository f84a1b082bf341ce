// 个人信息查看记录: the court's administrators read who saw, printed or exported parties' personal data, and who
// was refused (等保 level 3 audit; issue 28), newest first, a page at a time. Refusals are marked (拒绝).
import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor.js';
import { AuditQueries } from './audit-queries.js';
import { ACCESS_REFUSED } from './refused-access.js';

/** What counts as a personal-data read in the history, with its label for people. */
export const PERSONAL_DATA_READ_ACTIONS: Record<string, string> = {
  PERSONAL_DATA_VIEWED: '查看完整个人信息',
  PERSONAL_DATA_EXPORTED: '导出含个人信息的清单',
  CASE_DOCUMENT_PRINTED: '打印或下载文书',
  NOTICE_SERVICE_COPY_PRINTED: '打印告知书送达本',
  CASE_FILE_PACKAGE_DOWNLOADED: '下载电子卷宗',
  [ACCESS_REFUSED]: '查看被拒绝',
  PERSONAL_DATA_REVEAL_REFUSED: '超过查看次数被拒绝',
};

/** The refusals among them. */
const REFUSALS = new Set([ACCESS_REFUSED, 'PERSONAL_DATA_REVEAL_REFUSED']);

export const PERSONAL_DATA_READS_PAGE = 100;

export interface PersonalDataRead {
  id: string;
  occurredAt: Date;
  action: string;
  actionLabel: string;
  refused: boolean;
  actorId: string | null;
  actorName: string | null;
  caseId: string | null;
  code: string | null;
  details: Record<string, unknown> | null;
  requestId: string | null;
  clientAddress: string | null;
}

@Injectable()
export class PersonalDataReadsService {
  constructor(private readonly queries: AuditQueries) {}

  /** The court's reads, newest first; `before` (an id from the last page) for the page after. */
  async list(actor: Actor, before?: string): Promise<{ items: PersonalDataRead[]; nextBefore: string | null }> {
    const rows = await this.queries.eventsOfActions(
      actor.courtId,
      Object.keys(PERSONAL_DATA_READ_ACTIONS),
      before ?? null,
      PERSONAL_DATA_READS_PAGE + 1,
    );
    const items = rows.slice(0, PERSONAL_DATA_READS_PAGE).map((r): PersonalDataRead => {
      const after = r.after ?? {};
      const caseId = r.subject_type === 'CASE' ? r.subject_id : typeof after.caseId === 'string' ? after.caseId : null;
      return {
        id: r.id,
        occurredAt: r.occurred_at,
        action: r.action,
        actionLabel: PERSONAL_DATA_READ_ACTIONS[r.action] ?? r.action,
        refused: REFUSALS.has(r.action),
        actorId: r.actor_id,
        actorName: r.actor_name,
        caseId,
        code: typeof after.code === 'string' ? after.code : null,
        details: r.after,
        requestId: r.request_id,
        clientAddress: r.client_address,
      };
    });
    const more = rows.length > PERSONAL_DATA_READS_PAGE;
    return { items, nextBefore: more ? items[items.length - 1].id : null };
  }
}
