import type { Case } from '../../cases/case.entity.js';
import type { Party } from '../../cases/party.entity.js';
import type { CaseView } from '../../cases/case-view.js';

/** The case as the case page's sections get it: read once for the actor, with its parties. */
export interface LoadedCase {
  c: Case;
  parties: Party[];
  view: CaseView;
}
