// The worklist (案件列表) page: the same list, filters and paging as GET /api/v1/cases, newest first, with a
// "more" button that appends the next page (or opens it, without JavaScript).
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { ValidationFailedError } from '../../common/errors.js';
import { CaseBatchService } from '../../intake/case-batch.service.js';
import { CaseListService } from '../../intake/case-list.service.js';
import { IdentitySearchForbiddenError, RevealLimitError } from '../../intake/personal-data-access.js';
import { CASE_STATUSES, CASE_STATUS_LABELS } from '../../cases/case-status.js';
import { caseTypeNames } from '../../cases/case-types.js';
import { ListCasesQuery } from '../../intake/list-cases.dto.js';
import { checkedDto } from '../kit/dto-check.js';
import { fieldMessages, type FieldMessages } from '../kit/field-errors.js';
import { textField, type FormFields } from '../kit/form-body.js';

const WORKLIST_PAGE_SIZE = 20;

const FILTERS = ['status', 'caseType', 'from', 'to', 'q', 'externalRef', 'batchId'] as const;
type Filter = (typeof FILTERS)[number];
type WorklistFilters = Record<Filter, string>;

const WORKLIST_FIELD_LABELS: Record<string, string> = {
  status: '状态',
  caseType: '案由',
  from: '登记日期起',
  to: '登记日期止',
  q: '当事人或案号',
  externalRef: '银行业务编号',
  batchId: '批次',
  cursor: '翻页',
};

@Injectable()
export class WorklistPageService {
  constructor(
    private readonly caseList: CaseListService,
    private readonly batches: CaseBatchService,
  ) {}

  async page(actor: Actor, query: FormFields) {
    const filters = Object.fromEntries(FILTERS.map((name) => [name, textField(query, name)])) as WorklistFilters;
    const cursor = textField(query, 'cursor');
    let errors: FieldMessages = {};
    let result: Awaited<ReturnType<CaseListService['list']>> = { items: [], nextCursor: null };
    try {
      const dto = await checkedDto(ListCasesQuery, { ...nonEmpty(filters), ...(cursor ? { cursor } : {}) });
      result = await this.caseList.list(actor, { ...dto, limit: WORKLIST_PAGE_SIZE });
    } catch (error) {
      // A search by a full identity number refused (role, or the hourly limit): said on the search field.
      if (error instanceof IdentitySearchForbiddenError || error instanceof RevealLimitError) {
        errors = { q: error.message };
      } else if (error instanceof ValidationFailedError) {
        errors = fieldMessages(error.details);
      } else throw error;
    }
    return {
      filters,
      batch: filters.batchId && !errors.batchId ? await this.batches.find(actor, filters.batchId) : null,
      filtered: Object.values(filters).some((value) => value !== ''),
      errors,
      labels: WORKLIST_FIELD_LABELS,
      statuses: CASE_STATUSES.map((value) => ({ value, label: CASE_STATUS_LABELS[value] })),
      caseTypes: caseTypeNames(),
      /** A later page, appended below the first by the "more" button. */
      continued: cursor !== '',
      pageSize: WORKLIST_PAGE_SIZE,
      cases: result.items.map((c) => ({ ...c, numbers: caseNumbers(c, c.noticeNumber) })),
      moreUrl: result.nextCursor ? worklistUrl(filters, result.nextCursor) : null,
    };
  }
}

function nonEmpty(filters: WorklistFilters): Partial<WorklistFilters> {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== ''));
}

/** The list's URL with the same filters (only those set) and the next page's cursor. */
function worklistUrl(filters: WorklistFilters, cursor: string): string {
  const params = new URLSearchParams({ ...nonEmpty(filters), cursor });
  return `/cases?${params.toString()}`;
}

/** Every number a case has, latest first: 民初 (filed), 民诉前调 (in mediation), 告字 (its notice). */
export function caseNumbers(
  c: { filingNumber: string | null; prelitigationNumber: string | null },
  noticeNumber: string | null,
): { label: string; number: string }[] {
  return [
    { label: '立案案号', number: c.filingNumber },
    { label: '诉前调解案号', number: c.prelitigationNumber },
    { label: '告知书编号', number: noticeNumber },
  ].filter((n): n is { label: string; number: string } => n.number !== null);
}
