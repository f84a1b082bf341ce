import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { from, mergeMap, of, type Observable } from 'rxjs';
import { RevocationListener } from './revocation-listener.service.js';

/**
 * A request that ended a user's tokens (password reset, roles, division, deactivation) answers only once
 * the database's announcement of it has come back to this instance: every other instance was told at the
 * same moment, so a next request there is refused. Requests that ended nothing pass straight through.
 */
@Injectable()
export class RevocationSettleInterceptor implements NestInterceptor {
  constructor(private readonly revocations: RevocationListener) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(
        mergeMap((value) =>
          this.revocations.unsettled ? from(this.revocations.settle().then(() => value)) : of(value),
        ),
      );
  }
}
