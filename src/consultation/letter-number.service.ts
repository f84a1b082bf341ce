import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** (2026)京0105执咨12号 */
function formatLetterNumber(year: number, courtCode: string, sequence: number): string {
  return `(${year})${courtCode}执咨${sequence}号`;
}

/**
 * Letter numbers, per court and year, from a counter row updated in the caller's
 * transaction: the row lock serialises senders and a rollback gives the number
 * back, so numbers never repeat and never skip.
 */
@Injectable()
export class LetterNumberService {
  async next(manager: EntityManager, court: { id: string; code: string }, year: number): Promise<string> {
    const rows: { last_value: number }[] = await manager.query(
      `INSERT INTO consultation_letter_counters (court_id, year, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (court_id, year) DO UPDATE SET last_value = consultation_letter_counters.last_value + 1
       RETURNING last_value`,
      [court.id, year],
    );
    return formatLetterNumber(year, court.code, rows[0].last_value);
  }
}
