import type { EntityManager } from 'typeorm';

/** The counter type code for notice numbers, beside 民诉前调 and 民初 in case_number_counters. */
export const NOTICE_COUNTER_CODE = '诉调告字';

/** (2026)京0105诉调告字第12号 */
export function formatNoticeNumber(year: number, courtCode: string, sequence: number): string {
  return `(${year})${courtCode}${NOTICE_COUNTER_CODE}第${sequence}号`;
}

/**
 * The next notice number of a court and year (文书编号). Same discipline as case
 * numbers (CaseNumberService): the counter row is updated in the caller's
 * transaction, so numbers are gapless and a rollback gives the number back.
 */
export async function nextNoticeNumber(
  manager: EntityManager,
  court: { id: string; code: string },
  year: number,
): Promise<string> {
  const rows: { last_value: number }[] = await manager.query(
    `INSERT INTO case_number_counters (court_id, year, type_code, last_value) VALUES ($1, $2, $3, 1)
     ON CONFLICT (court_id, year, type_code) DO UPDATE SET last_value = case_number_counters.last_value + 1
     RETURNING last_value`,
    [court.id, year, NOTICE_COUNTER_CODE],
  );
  return formatNoticeNumber(year, court.code, rows[0].last_value);
}
