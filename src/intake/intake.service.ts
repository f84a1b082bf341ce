import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { completeIdempotencyKeyIn, underIdempotencyKey } from '../common/http/idempotency-context.js';
import type { Actor } from '../common/actor.js';
import { auditEventView } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { queryPrepared } from '../database/prepared-statement.js';
import { ConflictError, RuleViolationError, ValidationFailedError } from '../common/errors.js';
import { chinaDate, yearOf } from '../common/china-time.js';
import { PROCEDURES, defaultProcedure, legacyStillOpen } from '../cases/procedure.js';
import { caseNotFound } from '../cases/case-access.js';
import { isUuid } from '../common/court-scope.js';
import { casePageView } from './case-list-sql.js';
import { checkCaseInput, type CaseInput } from './case-input-rules.js';
import { caseTypeNames } from '../cases/case-types.js';
import { caseView } from '../cases/case-view.js';
import { REGISTER_CASE_WITH_RELATED_SQL } from '../cases/case-registration-sql.js';
import {
  newCaseRecords,
  partyIdentities,
  registerCaseParams,
  relatedCaseView,
  relatedCasesOf,
  type RegisteredRow,
} from './case-registration.js';
import { caseNumberTaken, isCaseNumberTaken } from '../cases/case-number.js';
import { decideProcedure, type ProcedureChoice, type RegistrationCourt } from './registration-procedure.js';
import type { Case } from '../cases/case.entity.js';
import { Party } from '../cases/party.entity.js';
import type { RelatedCases } from './related-cases.js';
import { IntakeQueries } from './intake-queries.js';

/** decideProcedure, with its 422 as a value. */
function decideOrRefuse(court: RegistrationCourt, choice: ProcedureChoice, today: string) {
  try {
    return decideProcedure(court, choice, today);
  } catch (error) {
    if (error instanceof RuleViolationError) return { refused: error };
    throw error;
  }
}

@Injectable()
export class IntakeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: IntakeQueries,
    private readonly clock: Clock,
  ) {}

  /**
   * The settings of each court registrations were decided on, as last read. Never trusted alone: the registration
   * statement writes only while the court still has them (see case-registration.ts), so a change made anywhere
   * (another instance's PATCH /court) costs one more read here, never a case under settings it no longer has.
   */
  private readonly courts = new Map<string, RegistrationCourt>();

  /**
   * 立案登记: validates everything first, then writes the case, its parties, its 民初 number (OWN numbering) and the
   * event in one statement, which also reads the related cases.
   */
  async register(actor: Actor, input: CaseInput & ProcedureChoice & { externalRef?: string }) {
    const checked = checkCaseInput(input, caseTypeNames());
    const now = this.clock.now();
    for (let attempt = 0; ; attempt += 1) {
      const { court, decided } = await this.decide(actor.courtId, input, chinaDate(now));
      const errors = [...('errors' in checked ? checked.errors : []), ...('errors' in decided ? decided.errors : [])];
      if ('errors' in checked || 'errors' in decided) throw new ValidationFailedError(errors);
      if ('refused' in decided) throw decided.refused;
      const { c, parties } = newCaseRecords(actor, input, checked.ok.claimAmountFen, now, decided.ok);
      const params = registerCaseParams(actor, c, parties, court, decided.ok.ownNumberYear);
      const registered = (rows: RegisteredRow[]) => {
        if (rows.length === 0) return null;
        c.filingNumber = rows[0].new_filing_number;
        // As GET /cases/:id shows it: a new case has no 司法确认 yet, nor a bank's loan facts (batch intake only).
        return { ...caseView(c, parties), judicialConfirmation: null, loan: null, relatedCases: relatedCasesOf(rows) };
      };
      const numberTaken = (error: unknown) => {
        throw isCaseNumberTaken(error) ? caseNumberTaken(c.filingNumber ?? '') : error;
      };
      const result = underIdempotencyKey()
        ? // Under an Idempotency-Key the key is completed in the registration's transaction: a retry after a crash
          // between the two answers this case, never registers a second one.
          await this.dataSource.transaction(async (m) => {
            const view = registered(await m.query(REGISTER_CASE_WITH_RELATED_SQL, params).catch(numberTaken));
            if (view) await completeIdempotencyKeyIn(m, view);
            return view;
          })
        : registered(
            await queryPrepared<RegisteredRow>(this.dataSource, REGISTER_CASE_WITH_RELATED_SQL, params).catch(
              numberTaken,
            ),
          );
      if (result) return result;
      // The court's settings changed since they were read: read them again and decide again.
      this.courts.delete(actor.courtId);
      if (attempt >= 2) throw new ConflictError('CONCURRENT_UPDATE', '本院的立案设置正在修改，请稍后重试');
    }
  }

  /**
   * The procedure of a registration at this court: on the remembered settings when they allow it; a refusal that
   * depends on them (the old procedure ended, a number that should or should not be typed) only on settings just
   * read. `refused` is the 422 to answer once the input itself is sound.
   */
  private async decide(courtId: string, choice: ProcedureChoice, today: string) {
    const remembered = this.courts.get(courtId);
    if (remembered) {
      const decided = decideOrRefuse(remembered, choice, today);
      if ('ok' in decided) return { court: remembered, decided };
    }
    const court = await this.readCourt(courtId);
    return { court, decided: decideOrRefuse(court, choice, today) };
  }

  /**
   * What the registration form offers at the actor's court today: the procedures open to it, the default one,
   * and whether the clerk types the 民初 number (EXTERNAL) or the platform gives it (OWN).
   */
  async registrationChoices(actor: Actor) {
    const court = await this.readCourt(actor.courtId);
    const today = chinaDate(this.clock.now());
    const legacyOpen = legacyStillOpen(court.legacyUntil, today);
    return {
      courtCode: court.code,
      year: yearOf(today),
      filingNumbers: court.filingNumbers,
      legacyUntil: court.legacyUntil,
      defaultProcedure: defaultProcedure(court.legacyUntil, today, 'WINDOW'),
      procedures: PROCEDURES.filter((p) => p !== 'LEGACY_PRE_FILING' || legacyOpen),
    };
  }

  private async readCourt(courtId: string): Promise<RegistrationCourt> {
    const court = await this.queries.registrationCourt(courtId);
    const settings: RegistrationCourt = {
      id: court.id,
      code: court.code,
      legacyUntil: court.legacyUntil,
      filingNumbers: court.filingNumbers,
    };
    this.courts.set(courtId, settings);
    return settings;
  }

  /** The case page: one statement for the case and its parties (see case-list-sql.ts). */
  async get(actor: Actor, id: string) {
    if (!isUuid(id)) throw caseNotFound();
    const [row] = await this.queries.casePage(actor, id);
    if (!row) throw caseNotFound();
    return casePageView(row);
  }

  /** The case's history: one statement that also tells whether the actor may see the case. */
  /** The history of a case the actor may see (404 otherwise): one statement, the events joined to the scoped case. */
  async events(actor: Actor, id: string) {
    if (!isUuid(id)) throw caseNotFound();
    const rows = await this.queries.caseEvents(actor, id);
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
    const identities = partyIdentities(parties.filter((p) => !applicants.includes(p)));
    const [rows, institutions, mismatches] = await this.queries.relatedCases(
      actor.courtId,
      c.id,
      identities,
      applicants,
      parties,
    );
    return { cases: rows.map(relatedCaseView), institutions, nameMismatches: mismatches };
  }
}
