import type { EntityManager } from 'typeorm';
import { NEXT_NUMBER_SQL } from '../cases/case-number.js';

/** The counter type code for notice numbers, beside 民诉前调 and 民初 in case_number_counters. */
const NOTICE_COUNTER_CODE = '诉调告字';

/** (2026)京0105诉调告字第12号 */
function formatNoticeNumber(year: number, courtCode: string, sequence: number): string {
  return `(${year})${courtCode}${NOTICE_COUNTER_CODE}第${sequence}号`;
}

/**
 * The next notice number of a court and year (文书编号). Same discipline as case
 * numbers (nextCourtNumber): the counter row is updated in the caller's
 * transaction, so numbers are gapless and a rollback gives the number back.
 */
export async function nextNoticeNumber(
  manager: EntityManager,
  court: { id: string; code: string },
  year: number,
): Promise<string> {
  const rows: { last_value: number }[] = await manager.query(NEXT_NUMBER_SQL, [court.id, year, NOTICE_COUNTER_CODE]);
  return formatNoticeNumber(year, court.code, rows[0].last_value);
}
