import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { auditEventView } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { ValidationFailedError } from '../common/errors.js';
import { caseNotFound } from '../cases/case-access.js';
import { isUuid } from '../common/court-scope.js';
import {
  caseEventsStatement,
  casePageStatement,
  caseRowView,
  type CaseEventRow,
  type CaseRow,
} from './case-list-sql.js';
import { checkCaseInput, type CaseInput } from './case-input.rules.js';
import { caseTypeNames } from './case-types.js';
import { caseView } from './case-view.js';
import { REGISTER_CASE_SQL, newCaseRecords, registerCaseParams } from './case-registration.js';
import type { Case } from '../cases/case.entity.js';
import { Party } from '../cases/party.entity.js';

/** Statuses counted as "open" for the related-case warning. */
const RELATED_OPEN_STATUSES = [
  'REGISTERED',
  'NOTICE_ISSUED',
  'REFERRED',
  'ASSIGNED',
  'IN_MEDIATION',
  'REFUSED',
  'FAILED',
  'EXPIRED',
];

@Injectable()
export class IntakeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** 立案登记: validates everything first, then writes the case, its parties and the event in one statement. */
  async register(actor: Actor, input: CaseInput & { externalRef?: string }) {
    const checked = checkCaseInput(input, caseTypeNames());
    if ('errors' in checked) throw new ValidationFailedError(checked.errors);
    const { c, parties } = newCaseRecords(actor, input, checked.ok.claimAmountFen, this.clock.now());
    await this.dataSource.query(REGISTER_CASE_SQL, registerCaseParams(actor, c, parties));
    const relatedCases = await this.relatedCases(actor, c, parties);
    return { ...caseView(c, parties), relatedCases };
  }

  /** The case page: one statement for the case and its parties (see case-list-sql.ts). */
  async get(actor: Actor, id: string) {
    if (!isUuid(id)) throw caseNotFound();
    const { sql, params } = casePageStatement(actor, id);
    const [row]: CaseRow[] = await this.dataSource.query(sql, params);
    if (!row) throw caseNotFound();
    return caseRowView(row);
  }

  /** The case's history: one statement that also tells whether the actor may see the case. */
  async events(actor: Actor, id: string) {
    if (!isUuid(id)) throw caseNotFound();
    const { sql, params } = caseEventsStatement(actor, id);
    const rows: CaseEventRow[] = await this.dataSource.query(sql, params);
    if (rows.length === 0) throw caseNotFound();
    return rows.filter((e) => e.id !== null).map(auditEventView);
  }

  /**
   * Open cases of the same court sharing a party by identity number or credit code (关联案件).
   * One statement returning only the shown columns: loading the (up to 200) matching parties and
   * their cases as entities cost ~7 ms of CPU per registration for a bank plaintiff (see bench/README.md).
   */
  async relatedCases(actor: Actor, c: Case, parties: Party[]) {
    const idNumbers = parties.map((p) => p.idNumber).filter((v): v is string => !!v);
    const creditCodes = parties.map((p) => p.creditCode).filter((v): v is string => !!v);
    if (idNumbers.length === 0 && creditCodes.length === 0) return [];
    const rows: RelatedCaseRow[] = await this.dataSource.query(RELATED_CASES_SQL, [
      actor.courtId,
      idNumbers,
      creditCodes,
      c.id,
      RELATED_OPEN_STATUSES,
    ]);
    return rows.map((related) => ({
      id: related.id,
      caseType: related.case_type,
      status: related.status,
      prelitigationNumber: related.prelitigation_number,
      registeredAt: related.registered_at,
      sharedParties: related.shared_parties,
    }));
  }
}

interface RelatedCaseRow {
  id: string;
  case_type: string;
  status: string;
  prelitigation_number: string | null;
  registered_at: Date;
  shared_parties: string[];
}

/** Up to 200 matching parties (by their partial indexes), then the newest 20 of their open cases. */
const RELATED_CASES_SQL = `
  WITH matched AS (
    SELECT case_id, name FROM parties
    WHERE court_id = $1 AND (id_number = ANY($2::text[]) OR credit_code = ANY($3::text[])) AND case_id <> $4
    LIMIT 200
  )
  SELECT k.id, k.case_type, k.status, k.prelitigation_number, k.registered_at,
    array_agg(DISTINCT m.name) AS shared_parties
  FROM matched m JOIN cases k ON k.id = m.case_id
  WHERE k.court_id = $1 AND k.status = ANY($5::text[])
  GROUP BY k.id
  ORDER BY k.created_at DESC
  LIMIT 20`;
