// Named reads for the corrections (更正): what a correction of an outcome must look at, as functions taking the
// caller's manager, and `CorrectionsQueries` offering them on the data source to the case page.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AgreementSigning } from '../agreement-signing/agreement-signing.entities.js';
import { JudicialConfirmation } from '../mediation/judicial-confirmation.entity.js';
import { MediationOutcome } from '../mediation/mediation-outcome.entity.js';

/** The case's recorded outcome, or null. */
export function findOutcome(m: EntityManager, caseId: string): Promise<MediationOutcome | null> {
  return m.findOne(MediationOutcome, { where: { caseId } });
}

/** The steps after an outcome that a correction must not go behind: a judicial confirmation, an open signing. */
export async function findStepsAfterOutcome(
  m: EntityManager,
  caseId: string,
): Promise<{ judicialConfirmation: boolean; openSigning: boolean }> {
  // One after the other: inside a transaction both go to the same connection anyway.
  const judicialConfirmation = await m.exists(JudicialConfirmation, { where: { caseId } });
  const openSigning = await m.exists(AgreementSigning, { where: { caseId, status: 'OPEN' } });
  return { judicialConfirmation, openSigning };
}

@Injectable()
export class CorrectionsQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  outcome(caseId: string): Promise<MediationOutcome | null> {
    return findOutcome(this.dataSource.manager, caseId);
  }

  stepsAfterOutcome(caseId: string): Promise<{ judicialConfirmation: boolean; openSigning: boolean }> {
    return findStepsAfterOutcome(this.dataSource.manager, caseId);
  }
}
