import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor.js';
import { ValidationFailedError } from '../common/errors.js';
import { encodeCursor } from './case-cursor.js';
import {
  caseListStatement,
  caseListItem,
  identityNumberSearched,
  isPlainWorklist,
  type ListedCase,
} from './case-list-sql.js';
import { CasePartyService } from './case-party.service.js';
import { IntakeQueries } from './intake-queries.js';
import { LIST_DEFAULT_LIMIT, type ListCasesQuery } from './list-cases.dto.js';

/**
 * The case worklist (案件列表): court-scoped (mediators: their own cases),
 * filtered, newest first, paged by keyset on (created_at, id) so that pages
 * neither repeat nor skip rows while cases are being added.
 */
@Injectable()
export class CaseListService {
  constructor(
    private readonly queries: IntakeQueries,
    private readonly parties: CasePartyService,
  ) {}

  async list(actor: Actor, query: ListCasesQuery) {
    if (query.from && query.to && query.from > query.to) {
      throw ValidationFailedError.field('to', 'DATE_RANGE_INVALID', 'to：截止日期不能早于起始日期');
    }
    const limit = query.limit ?? LIST_DEFAULT_LIMIT;
    // One row more than the page tells whether another page follows.
    const { sql, params } = caseListStatement(actor, query, limit + 1);
    // A search by a full identity number is a personal-data read (checked, counted, recorded: case-party.service.ts).
    const number = identityNumberSearched(query);
    // The worklist as a clerk opens it (by status, page by page) is prepared; searches run as they come.
    const rows: ListedCase[] = number
      ? await this.parties.identitySearch(actor, number, async (m) => {
          const found: ListedCase[] = await m.query(sql, params);
          return { result: found, caseIds: found.slice(0, limit).map((row) => row.id) };
        })
      : isPlainWorklist(query)
        ? await this.queries.plainWorklist(sql, params)
        : await this.queries.searchedWorklist(sql, params);
    const page = rows.slice(0, limit);
    const last = page[limit - 1];
    const nextCursor = rows.length > limit ? encodeCursor({ createdAt: last.cursorAt, id: last.id }) : null;
    return { items: page.map(caseListItem), nextCursor };
  }
}
