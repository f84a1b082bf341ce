import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Type codes (类型代字) of the numbers this platform gives. */
export type CaseTypeCode = '民诉前调' | '民初' | '民特';

/** (2026)京0105民诉前调123号 */
export function formatCaseNumber(year: number, courtCode: string, typeCode: CaseTypeCode, sequence: number): string {
  return `(${year})${courtCode}${typeCode}${sequence}号`;
}

/**
 * Case numbers (案号): per court, year and type, from a counter row updated
 * inside the caller's transaction. The row lock serialises concurrent callers
 * and a rollback returns the number, so numbers never repeat and never skip.
 */
@Injectable()
export class CaseNumberService {
  async next(
    manager: EntityManager,
    court: { id: string; code: string },
    typeCode: CaseTypeCode,
    year: number,
  ): Promise<string> {
    const rows: { last_value: number }[] = await manager.query(
      `INSERT INTO case_number_counters (court_id, year, type_code, last_value) VALUES ($1, $2, $3, 1)
       ON CONFLICT (court_id, year, type_code) DO UPDATE SET last_value = case_number_counters.last_value + 1
       RETURNING last_value`,
      [court.id, year, typeCode],
    );
    return formatCaseNumber(year, court.code, typeCode, rows[0].last_value);
  }
}
