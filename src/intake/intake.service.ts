import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { auditEventView } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { queryPrepared } from '../database/prepared-statement.js';
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
import {
  REGISTER_CASE_WITH_RELATED_SQL,
  RELATED_CASES_SQL,
  RELATED_OPEN_STATUSES,
  newCaseRecords,
  partyIdentities,
  registerCaseParams,
  relatedCaseView,
  type RelatedCaseRow,
} from './case-registration.js';
import type { Case } from '../cases/case.entity.js';
import { Party } from '../cases/party.entity.js';
import { applicantCaseCounts, namesElsewhere, type RelatedCases } from './related-cases.js';

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
    const { idNumbers, creditCodes } = partyIdentities(parties);
    const related = await queryPrepared<RelatedCaseRow>(this.dataSource, REGISTER_CASE_WITH_RELATED_SQL, [
      ...registerCaseParams(actor, c, parties),
      idNumbers,
      creditCodes,
      RELATED_OPEN_STATUSES,
    ]);
    return { ...caseView(c, parties), relatedCases: related.map(relatedCaseView) };
  }

  /** The case page: one statement for the case and its parties (see case-list-sql.ts). */
  async get(actor: Actor, id: string) {
    if (!isUuid(id)) throw caseNotFound();
    const { sql, params } = casePageStatement(actor, id);
    const [row] = await queryPrepared<CaseRow>(this.dataSource, sql, params);
    if (!row) throw caseNotFound();
    return caseRowView(row);
  }

  /** The case's history: one statement that also tells whether the actor may see the case. */
  /** The history of a case the actor may see (404 otherwise): one statement, the events joined to the scoped case. */
  async events(actor: Actor, id: string) {
    if (!isUuid(id)) throw caseNotFound();
    const { sql, params } = caseEventsStatement(actor, id);
    const rows = await queryPrepared<CaseEventRow>(this.dataSource, sql, params);
    if (rows.length === 0) throw caseNotFound();
    return rows.filter((e) => e.id !== null).map(auditEventView);
  }

  /**
   * Open cases of the same court sharing a party by identity number or credit code (关联案件), in one statement
   * returning only the shown columns: loading the (up to 200) matching parties and their cases as entities cost
   * ~7 ms of CPU per registration for a bank plaintiff (see bench/README.md).
   */
  async relatedCases(actor: Actor, c: Case, parties: Party[]): Promise<RelatedCases> {
    // The applicant institution (a bank behind a batch) has hundreds of cases: counted once, not listed.
    const applicants = parties.filter((p) => p.role === 'PLAINTIFF' && p.creditCode);
    const { idNumbers, creditCodes } = partyIdentities(parties.filter((p) => !applicants.includes(p)));
    const m = this.dataSource.manager;
    const [rows, institutions, mismatches] = await Promise.all([
      idNumbers.length === 0 && creditCodes.length === 0
        ? []
        : (m.query(RELATED_CASES_SQL, [actor.courtId, idNumbers, creditCodes, c.id, RELATED_OPEN_STATUSES]) as Promise<
            RelatedCaseRow[]
          >),
      applicantCaseCounts(m, actor.courtId, c.id, applicants),
      namesElsewhere(m, actor.courtId, c.id, parties),
    ]);
    return { cases: rows.map(relatedCaseView), institutions, nameMismatches: mismatches };
  }
}
