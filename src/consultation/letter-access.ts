// Loading a letter the actor may see: court scoping, then the visibility rule;
// missing and not-yours are the same 404.
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { findInCourtOrFail } from '../common/court-scope.js';
import { Case } from '../cases/case.entity.js';
import { ConsultationLetter } from './consultation-letter.entity.js';
import { letterNotFound } from './consultation-errors.js';
import { canSeeLetter } from './consultation-rules.js';

interface VisibleLetter {
  letter: ConsultationLetter;
  c: Case;
}

/** The letter and its case, or 404. With `lock`, the letter row is locked for the transaction. */
export async function loadLetter(
  manager: EntityManager,
  actor: Actor,
  id: string,
  lock = false,
): Promise<VisibleLetter> {
  const letter = await findInCourtOrFail(manager, ConsultationLetter, actor, id, letterNotFound, lock);
  const c = await manager.findOneByOrFail(Case, { id: letter.caseId, courtId: letter.courtId });
  if (!canSeeLetter(actor, { ...letter, caseMediatorUserId: c.mediatorUserId })) throw letterNotFound();
  return { letter, c };
}
