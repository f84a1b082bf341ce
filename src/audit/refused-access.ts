// 等保 level 3 asks that refused accesses be on the record, not only granted ones (issue 28). A signed-in staff
// user refused a case they may not see (404 CASE_NOT_FOUND on the API or a page, a read or a step) or a case's
// personal data (403 PERSONAL_DATA_NOT_YOURS) is recorded on that user as PERSONAL_DATA_ACCESS_REFUSED: the
// route's pattern (never the URL, which may carry a search), the refusal's code, the request id and the client
// address, and the case only when it is of the user's own court — another court's case id never enters a record
// this court reads. One statement of its own, after the refused work rolled back; no row for an anonymous
// request (401 comes before any handler) or a party's session.
import { Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import type { Actor } from '../common/actor.js';
import { isUuid } from '../common/court-scope.js';
import { DomainError } from '../common/errors.js';
import type { AuthenticatedRequest } from '../common/http/route-access.js';
import { AuditQueries } from './audit-queries.js';
import { AuditService } from './audit.service.js';

export const ACCESS_REFUSED = 'PERSONAL_DATA_ACCESS_REFUSED';

/** The refusals recorded wherever they are thrown: a case out of scope, a case's personal data not one's own. */
const RECORDED_CODES: ReadonlySet<string> = new Set(['CASE_NOT_FOUND', 'PERSONAL_DATA_NOT_YOURS']);

/** Refusals a service has already recorded itself, with more of what was asked (the party, the number). */
const alreadyRecorded = new WeakSet<object>();

@Injectable()
export class RefusedAccessRecorder {
  private readonly logger = new Logger('RefusedAccess');

  constructor(
    private readonly queries: AuditQueries,
    private readonly audit: AuditService,
  ) {}

  /**
   * Records a refusal on the actor, committed alone. `caseId` is what was asked: kept only when it is a case of
   * the actor's court, and `ofCase` (what was asked of that case, e.g. the party) only with it. The error, when
   * given, is marked so that the request's interceptor does not record it twice.
   */
  async record(
    actor: Actor,
    asked: { caseId?: string | null; ofCase?: Record<string, unknown>; code: string } & Record<string, unknown>,
    error?: unknown,
  ): Promise<void> {
    const { caseId: askedCase, ofCase, ...rest } = asked;
    if (typeof error === 'object' && error !== null) alreadyRecorded.add(error);
    const inCourt = askedCase !== undefined && askedCase !== null && (await this.isCaseOfCourt(askedCase, actor));
    const after =
      askedCase === undefined ? rest : { caseId: inCourt ? askedCase : null, ...(inCourt ? ofCase : {}), ...rest };
    await this.audit.recordStandalone(actor, {
      subjectType: 'USER',
      subjectId: actor.userId,
      action: ACCESS_REFUSED,
      after,
    });
  }

  /**
   * The refusal a request ended with, when it is one of the recorded kinds and a staff user was signed in; never
   * throws (the refusal is answered whatever happens here).
   */
  async recordRequest(request: FastifyRequest, error: unknown): Promise<void> {
    if (!(error instanceof DomainError) || !RECORDED_CODES.has(error.code) || alreadyRecorded.has(error)) return;
    const user = (request as AuthenticatedRequest).user;
    if (!user || user.party) return;
    const actor: Actor = { ...user, requestId: String(request.id), clientAddress: request.ip };
    const pattern = request.routeOptions?.url ?? '';
    const params = (request.params ?? {}) as Record<string, unknown>;
    const asked = /\/cases\/:id(\/|$)/.test(pattern) ? params.id : params.caseId;
    try {
      await this.record(
        actor,
        {
          caseId: typeof asked === 'string' ? asked : null,
          route: `${request.method} ${pattern}`,
          code: error.code,
        },
        error,
      );
    } catch (failure) {
      this.logger.warn({ err: failure, requestId: actor.requestId }, 'could not record a refused access');
    }
  }

  private async isCaseOfCourt(caseId: string, actor: Actor): Promise<boolean> {
    if (!isUuid(caseId)) return false;
    return this.queries.isCaseOfCourt(caseId, actor.courtId);
  }
}

/** Every handler's refusal passes here before the exception filters answer it (API and pages alike). */
@Injectable()
export class RefusedAccessInterceptor implements NestInterceptor {
  constructor(private readonly recorder: RefusedAccessRecorder) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return next
      .handle()
      .pipe(
        catchError((error: unknown) =>
          from(this.recorder.recordRequest(request, error)).pipe(mergeMap(() => throwError(() => error))),
        ),
      );
  }
}
