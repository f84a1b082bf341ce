// Who may do what on a case in mediation, beyond what loadCase already scopes
// (a mediator only ever loads their own cases).
import { hasRole, type Actor } from '../common/actor.js';
import { ForbiddenError } from '../common/errors.js';
import type { Case } from '../cases/case.entity.js';

/** Sessions are the assigned mediator's own work, even for someone who also sees the whole court. */
export function requireAssignedMediator(actor: Actor, c: Case): void {
  if (c.mediatorUserId !== actor.userId) {
    throw new ForbiddenError('NOT_ASSIGNED_MEDIATOR', '只有本案的调解员可以执行此操作');
  }
}

/** The assigned mediator, or the court's coordinator (诉调对接中心). */
export function requireMediatorOrCoordinator(actor: Actor, c: Case): void {
  if (!hasRole(actor, 'COORDINATOR')) requireAssignedMediator(actor, c);
}
