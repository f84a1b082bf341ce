import { hasPermission } from '../auth/permissions.js';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor.js';
import { chinaDate, daysBetween } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { WarningsService } from '../mediation/warnings.service.js';
import { WarningsBoardQueries } from './warnings-board-queries.js';

/** Who has to act on a warning: the case's mediator, or the enforcement bureau for a letter. */
type Responsible =
  | { kind: 'MEDIATOR'; id: string; name: string }
  | { kind: 'UNASSIGNED'; id: null; name: string }
  | { kind: 'ENFORCEMENT_BUREAU'; id: string | null; name: string };

const UNASSIGNED: Responsible = { kind: 'UNASSIGNED', id: null, name: '未分派调解员（诉调对接中心）' };

/**
 * 节点预警 in one list: the cases' deadline warnings (from the mediation module)
 * and the consultation letters unanswered after their due date, each labelled
 * with the person responsible, soonest deadline first.
 */
@Injectable()
export class WarningsBoardService {
  constructor(
    private readonly queries: WarningsBoardQueries,
    private readonly clock: Clock,
    private readonly caseWarnings: WarningsService,
  ) {}

  async list(actor: Actor, by?: 'responsible') {
    const cases = hasPermission(actor, 'warnings.readCases') ? await this.caseItems(actor) : [];
    const letters = hasPermission(actor, 'warnings.readLetters') ? await this.letterItems(actor) : [];
    const items = [...cases, ...letters].sort(
      (a, b) => a.deadline.localeCompare(b.deadline) || a.createdAt.getTime() - b.createdAt.getTime(),
    );
    return by === 'responsible' ? groupByResponsible(items) : items;
  }

  private async caseItems(actor: Actor) {
    const warnings = await this.caseWarnings.list(actor);
    return warnings.map((w) => ({
      ...w,
      responsible: (w.mediatorId
        ? { kind: 'MEDIATOR', id: w.mediatorId, name: w.mediatorName ?? '' }
        : UNASSIGNED) as Responsible,
    }));
  }

  /** 超期未答复的咨询函: unanswered after the due date (China date); the bureau answers for them. */
  private async letterItems(actor: Actor) {
    const today = chinaDate(this.clock.now());
    const bureau = await this.queries.enforcementBureau(actor.courtId);
    const responsible: Responsible = {
      kind: 'ENFORCEMENT_BUREAU',
      id: bureau?.id ?? null,
      name: bureau?.name ?? '执行局',
    };
    const rows = await this.queries.overdueLetters(actor.courtId, today);
    return rows.map((r) => ({
      id: r.id,
      kind: 'CONSULTATION_OVERDUE' as const,
      letterId: r.id,
      letterNumber: r.letter_number,
      priority: r.priority,
      caseId: r.case_id,
      caseNumber: r.case_number,
      caseType: r.case_type,
      caseStatus: r.case_status,
      deadline: r.due_on,
      daysLeft: daysBetween(today, r.due_on),
      createdAt: r.sent_at,
      responsible,
    }));
  }
}

/** Groups in the order of their most urgent warning. */
function groupByResponsible<T extends { responsible: Responsible }>(items: T[]) {
  const groups = new Map<string, { responsible: Responsible; count: number; warnings: T[] }>();
  for (const item of items) {
    const key = `${item.responsible.kind}:${item.responsible.id ?? ''}`;
    const group = groups.get(key) ?? { responsible: item.responsible, count: 0, warnings: [] };
    group.warnings.push(item);
    group.count += 1;
    groups.set(key, group);
  }
  return [...groups.values()];
}
