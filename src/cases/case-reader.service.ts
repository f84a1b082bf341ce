// The case finders for callers without a manager of their own (the pages): each read is one statement on the
// data source, scoped to what the actor may see.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { loadCase } from './case-access.js';
import { caseCountsByStatus, partiesOf } from './case-finders.js';
import type { Case } from './case.entity.js';
import type { Party } from './party.entity.js';

@Injectable()
export class CaseReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A case the actor may see, or 404 (as `loadCase`). */
  load(actor: Actor, id: string): Promise<Case> {
    return loadCase(this.dataSource.manager, actor, id);
  }

  /** The parties of cases the caller has already loaded for the actor. */
  partiesOf(caseIds: string | readonly string[]): Promise<Party[]> {
    return partiesOf(this.dataSource.manager, caseIds);
  }

  countsByStatus(actor: Actor): Promise<Map<string, number>> {
    return caseCountsByStatus(this.dataSource.manager, actor);
  }
}
