// The case finders for callers without a manager of their own (the pages): each read is one statement on the
// data source, scoped to what the actor may see. The case itself is read through CaseOps.read.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { caseCountsByStatus, partiesOf } from './case-finders.js';
import { agentsOf, type PartyAgent } from './party-agent.entity.js';
import type { Party } from './party.entity.js';

@Injectable()
export class CaseReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The parties of cases the caller has already loaded for the actor. */
  partiesOf(caseIds: string | readonly string[]): Promise<Party[]> {
    return partiesOf(this.dataSource.manager, caseIds);
  }

  /** The agents (代理人) of a case the caller has already loaded for the actor. */
  agentsOf(caseId: string): Promise<PartyAgent[]> {
    return agentsOf(this.dataSource.manager, caseId);
  }

  countsByStatus(actor: Actor): Promise<Map<string, number>> {
    return caseCountsByStatus(this.dataSource.manager, actor);
  }
}
