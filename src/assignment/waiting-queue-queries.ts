// 待分派: referred cases waiting for a mediator. One ordering wherever the queue is read (the coordinator's
// list, the bulk assignment page, and the cases bulk assignment takes when none are named): the earliest
// mediation deadline first, then the earliest referral, then the id, so that the cases a page shows first
// are the ones an unnamed bulk assignment takes.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { scopeCases } from '../cases/case-access.js';
import { Case } from '../cases/case.entity.js';

/** The queue the actor may see (of one case type when given), in its order; the caller pages or locks it. */
export function waitingForAssignment(m: EntityManager, actor: Actor, caseType?: string): SelectQueryBuilder<Case> {
  const qb = scopeCases(m.createQueryBuilder(Case, 'c'), 'c', actor).andWhere(`c.status = 'REFERRED'`);
  if (caseType !== undefined) qb.andWhere('c.case_type = :caseType', { caseType });
  return qb.orderBy('c.mediation_deadline', 'ASC').addOrderBy('c.referred_at', 'ASC').addOrderBy('c.id', 'ASC');
}

@Injectable()
export class WaitingQueueService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One page of the queue, with how many wait in all. */
  page(actor: Actor, page: number, size: number): Promise<[Case[], number]> {
    return waitingForAssignment(this.dataSource.manager, actor)
      .offset((page - 1) * size)
      .limit(size)
      .getManyAndCount();
  }

  /** The first `limit` waiting cases of one case type. */
  ofType(actor: Actor, caseType: string, limit: number): Promise<Case[]> {
    return waitingForAssignment(this.dataSource.manager, actor, caseType).limit(limit).getMany();
  }

  /** Case types with cases waiting, most first. */
  async countsByType(actor: Actor): Promise<{ caseType: string; count: number }[]> {
    // The same queue, grouped: `orderBy` replaces the queue's order with the count's.
    const rows: { caseType: string; count: string }[] = await waitingForAssignment(this.dataSource.manager, actor)
      .select('c.case_type', 'caseType')
      .addSelect('count(*)', 'count')
      .groupBy('c.case_type')
      .orderBy('count(*)', 'DESC')
      .addOrderBy('c.case_type')
      .getRawMany();
    return rows.map((r) => ({ caseType: r.caseType, count: Number(r.count) }));
  }
}
