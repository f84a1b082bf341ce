import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type SelectQueryBuilder } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { addDays, chinaDayStart } from '../common/china-time.js';
import { ValidationFailedError } from '../common/errors.js';
import { scopeCases } from './case-access.js';
import { decodeCursor, encodeCursor } from './case-cursor.js';
import { caseView } from './case-view.js';
import { Case } from './case.entity.js';
import { LIST_DEFAULT_LIMIT, type ListCasesQuery } from './list-cases.dto.js';
import { Party } from './party.entity.js';

/** created_at as UTC text with microseconds: the cursor's exact position. */
const CURSOR_AT_SQL = `to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A query that looks like a whole resident ID or credit code is matched exactly, never as a name. */
const IDENTITY_NUMBER = /^[0-9A-Z]{18}$/;

/**
 * The case worklist (案件列表): court-scoped (mediators: their own cases),
 * filtered, newest first, paged by keyset on (created_at, id) so that pages
 * neither repeat nor skip rows while cases are being added.
 */
@Injectable()
export class CaseListService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(actor: Actor, query: ListCasesQuery) {
    if (query.from && query.to && query.from > query.to) {
      throw ValidationFailedError.field('to', 'DATE_RANGE_INVALID', 'to：截止日期不能早于起始日期');
    }
    const limit = query.limit ?? LIST_DEFAULT_LIMIT;
    const qb = scopeCases(this.dataSource.getRepository(Case).createQueryBuilder('c'), 'c', actor)
      .addSelect(CURSOR_AT_SQL, 'cursor_at')
      .orderBy('c.createdAt', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(limit + 1);
    applyFilters(qb, query);
    const { entities, raw } = await qb.getRawAndEntities<{ cursor_at: string }>();

    // One row more than the page tells whether another page follows.
    const page = entities.slice(0, limit);
    const nextCursor =
      entities.length > limit ? encodeCursor({ createdAt: raw[limit - 1].cursor_at, id: page[limit - 1].id }) : null;
    const parties = await this.partiesOf(page.map((c) => c.id));
    return { items: page.map((c) => caseView(c, parties.get(c.id) ?? [])), nextCursor };
  }

  private async partiesOf(caseIds: string[]): Promise<Map<string, Party[]>> {
    const byCase = new Map<string, Party[]>();
    if (caseIds.length === 0) return byCase;
    const parties = await this.dataSource
      .getRepository(Party)
      .find({ where: { caseId: In(caseIds) }, order: { caseId: 'ASC', position: 'ASC' } });
    for (const party of parties) byCase.set(party.caseId, [...(byCase.get(party.caseId) ?? []), party]);
    return byCase;
  }
}

function applyFilters(qb: SelectQueryBuilder<Case>, query: ListCasesQuery): void {
  if (query.status?.length) qb.andWhere('c.status IN (:...statuses)', { statuses: query.status });
  if (query.caseType) qb.andWhere('c.case_type = :caseType', { caseType: query.caseType });
  if (query.from) qb.andWhere('c.registered_at >= :fromAt', { fromAt: chinaDayStart(query.from) });
  if (query.to) qb.andWhere('c.registered_at < :toAt', { toAt: chinaDayStart(addDays(query.to, 1)) });
  if (query.clerk) qb.andWhere('c.registered_by = :clerk', { clerk: query.clerk });
  if (query.mediatorId) qb.andWhere('c.mediator_id = :mediatorId', { mediatorId: query.mediatorId });
  if (query.q) applyPartySearch(qb, query.q.trim());
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    qb.andWhere('(c.created_at, c.id) < (CAST(:cursorAt AS timestamptz), CAST(:cursorId AS uuid))', {
      cursorAt: cursor.createdAt,
      cursorId: cursor.id,
    });
  }
}

/** Party name (substring) or an exact identity number / credit code (by their indexes). */
function applyPartySearch(qb: SelectQueryBuilder<Case>, q: string): void {
  const number = q.toUpperCase();
  if (IDENTITY_NUMBER.test(number)) {
    qb.andWhere(
      `c.id IN (SELECT p.case_id FROM parties p WHERE p.court_id = :scopeCourtId
        AND (p.id_number = :qNumber OR p.credit_code = :qNumber))`,
      { qNumber: number },
    );
  } else {
    qb.andWhere(`c.id IN (SELECT p.case_id FROM parties p WHERE p.court_id = :scopeCourtId AND p.name ILIKE :qLike)`, {
      qLike: `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`,
    });
  }
}
