// 送达: a defendant whose address check found nobody (UNREACHABLE) and no corrected
// address since must be served by public announcement (公告送达), which pre-litigation
// mediation cannot do: the case is not suitable for it and goes to filing.
import { RuleViolationError } from '../common/errors.js';
import type { Party } from '../cases/party.entity.js';

type CheckedParty = Pick<Party, 'id' | 'name' | 'role' | 'addressVerificationResult'>;

/** Defendants whose latest address check says UNREACHABLE (a later CONFIRMED or CORRECTED lifts it). */
export function unreachableDefendants<P extends CheckedParty>(parties: readonly P[]): P[] {
  return parties.filter((p) => p.role === 'DEFENDANT' && p.addressVerificationResult === 'UNREACHABLE');
}

/** Refuses mediation (422 MEDIATION_NOT_SUITABLE) while a defendant cannot be reached. */
export function requireReachableDefendants(parties: readonly CheckedParty[]): void {
  const unreachable = unreachableDefendants(parties);
  if (unreachable.length === 0) return;
  throw new RuleViolationError(
    'MEDIATION_NOT_SUITABLE',
    `被申请人${unreachable.map((p) => p.name).join('、')}经核实无法送达，需公告送达，不适宜诉前调解；请转立案，或核实到新的送达地址后再发送告知书`,
    { reason: 'SERVICE_BY_PUBLIC_ANNOUNCEMENT', partyIds: unreachable.map((p) => p.id) },
  );
}
