import { hasPermission } from '../auth/permissions.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { chinaDate, daysBetween } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { WarningsService } from '../mediation/warnings.service.js';

/** Who has to act on a warning: the case's mediator, or the enforcement bureau for a letter. */
type Responsible =
  | { kind: 'MEDIATOR'; id: string; name: string }
  | { kind: 'UNASSIGNED'; id: null; name: string }
  | { kind: 'ENFORCEMENT_BUREAU'; id: string | null; name: string };

const UNASSIGNED: Responsible = { kind: 'UNASSIGNED', id: null, name: '未分派调解员（诉调对接中心）' };

interface OverdueLetterRow {
  id: string;
  letter_number: string;
  priority: string;
  due_on: string;
  sent_at: Date;
  case_id: string;
  case_number: string | null;
  case_type: string;
  case_status: string;
}

/**
 * 节点预警 in one list: the cases' deadline warnings (from the mediation module)
 * and the consultation letters unanswered after their due date, each labelled
 * with the person responsible, soonest deadline first.
 */
@Injectable()
export class WarningsBoardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
    const [bureau] = await this.dataSource.query(
      `SELECT id, name FROM divisions WHERE court_id = $1 AND kind = 'ENFORCEMENT' ORDER BY created_at, name LIMIT 1`,
      [actor.courtId],
    );
    const responsible: Responsible = {
      kind: 'ENFORCEMENT_BUREAU',
      id: bureau?.id ?? null,
      name: bureau?.name ?? '执行局',
    };
    const rows: OverdueLetterRow[] = await this.dataSource.query(
      `SELECT l.id, l.letter_number, l.priority, l.due_on, l.sent_at,
         c.id AS case_id, c.prelitigation_number AS case_number, c.case_type, c.status AS case_status
       FROM consultation_letters l JOIN cases c ON c.id = l.case_id
       WHERE l.court_id = $1 AND l.status = 'SENT' AND l.due_on < $2
       ORDER BY l.due_on, l.sent_at
       LIMIT 1000`,
      [actor.courtId, today],
    );
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
