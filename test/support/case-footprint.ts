// What a case has written anywhere: its row, the rows of every table that names it, its history, and
// the court's number counters. A refused step must leave all of it as it was.
import type { DataSource } from 'typeorm';

let caseTables: Promise<string[]> | undefined;

/** Every table with a case_id column except the cases table itself (read once from the catalogue). */
function tablesNamingCases(dataSource: DataSource): Promise<string[]> {
  caseTables ??= dataSource
    .query(
      `SELECT table_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND column_name = 'case_id' ORDER BY table_name`,
    )
    .then((rows: { table_name: string }[]) => rows.map((r) => r.table_name));
  return caseTables;
}

export async function caseFootprint(dataSource: DataSource, caseId: string) {
  const [row] = await dataSource.query('SELECT * FROM cases WHERE id = $1', [caseId]);
  const rows: Record<string, number> = {};
  for (const table of await tablesNamingCases(dataSource)) {
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE case_id = $1`, [caseId]);
    rows[table] = n;
  }
  const history = await caseHistory(dataSource, caseId);
  const counters = await dataSource.query(
    'SELECT year, type_code, last_value FROM case_number_counters WHERE court_id = $1 ORDER BY year, type_code',
    [row.court_id],
  );
  return { row, rows, history, counters };
}

export interface HistoryEvent {
  action: string;
  before: { status?: string } | null;
  after: { status?: string } | null;
}

/** The case's history events, oldest first. */
export function caseHistory(dataSource: DataSource, caseId: string): Promise<HistoryEvent[]> {
  return dataSource.query(
    `SELECT action, before, after FROM audit_events WHERE subject_type = 'CASE' AND subject_id = $1 ORDER BY id`,
    [caseId],
  );
}
