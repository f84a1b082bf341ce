// Named reads of the registration import (SQL): functions taking a manager, and `ExchangeQueries` offering them on
// the data source to the import.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** A party as the import compares it with the file: role, name and identification. */
export interface PartyKey {
  role: string;
  name: string;
  idNumber: string | null;
  creditCode: string | null;
}

/** A court's code and who gives its 民初 numbers (OWN or EXTERNAL). */
export async function findCourtNumbering(
  m: EntityManager,
  courtId: string,
): Promise<{ id: string; code: string; filing_numbers: string }> {
  const [court]: { id: string; code: string; filing_numbers: string }[] = await m.query(
    'SELECT id, code, filing_numbers FROM courts WHERE id = $1',
    [courtId],
  );
  return court;
}

/** The court's cases of the given 民初 numbers, each with its parties in order (null: none). */
export function findCasesByFilingNumber(
  m: EntityManager,
  courtId: string,
  numbers: string[],
): Promise<{ id: string; filing_number: string; parties: PartyKey[] | null }[]> {
  return m.query(
    `SELECT c.id, c.filing_number,
            (SELECT json_agg(json_build_object('role', p.role, 'name', p.name, 'idNumber', p.id_number,
                                               'creditCode', p.credit_code) ORDER BY p.position)
               FROM parties p WHERE p.case_id = c.id) AS parties
       FROM cases c WHERE c.court_id = $1 AND c.filing_number = ANY($2::text[])`,
    [courtId, numbers],
  );
}

@Injectable()
export class ExchangeQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  courtNumbering(courtId: string) {
    return findCourtNumbering(this.dataSource.manager, courtId);
  }

  casesByFilingNumber(courtId: string, numbers: string[]) {
    return findCasesByFilingNumber(this.dataSource.manager, courtId, numbers);
  }
}
