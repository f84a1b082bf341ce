// Named reads of the warnings board's letters: the court's enforcement bureau and its consultation letters
// unanswered after their due date. SQL functions taking a manager, and `WarningsBoardQueries` offering them on
// the data source to WarningsBoardService.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

export interface OverdueLetterRow {
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

/** The court's enforcement bureau (the first one made, by name); undefined when it has none. */
export async function findEnforcementBureau(
  m: EntityManager,
  courtId: string,
): Promise<{ id: string; name: string } | undefined> {
  const [bureau] = await m.query(
    `SELECT id, name FROM divisions WHERE court_id = $1 AND kind = 'ENFORCEMENT' ORDER BY created_at, name LIMIT 1`,
    [courtId],
  );
  return bureau;
}

/** The court's consultation letters sent and unanswered after their due date (before `today`), at most 1000. */
export function findOverdueLetters(m: EntityManager, courtId: string, today: string): Promise<OverdueLetterRow[]> {
  return m.query(
    `SELECT l.id, l.letter_number, l.priority, l.due_on, l.sent_at,
       c.id AS case_id, c.prelitigation_number AS case_number, c.case_type, c.status AS case_status
     FROM consultation_letters l JOIN cases c ON c.id = l.case_id
     WHERE l.court_id = $1 AND l.status = 'SENT' AND l.due_on < $2
     ORDER BY l.due_on, l.sent_at
     LIMIT 1000`,
    [courtId, today],
  );
}

@Injectable()
export class WarningsBoardQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  enforcementBureau(courtId: string) {
    return findEnforcementBureau(this.dataSource.manager, courtId);
  }

  overdueLetters(courtId: string, today: string) {
    return findOverdueLetters(this.dataSource.manager, courtId, today);
  }
}
