import {
  applyDecorators,
  Injectable,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from './route-access.js';
import { ValidationFailedError } from '../errors.js';
import { ApiErrors } from './api-docs.js';
import { IDEMPOTENCY_HEADER, isValidIdempotencyKey, requestFingerprint } from './idempotency-key.js';
import { IdempotencyStore, type IdempotencyScope } from './idempotency.store.js';
import { runIdempotent } from './idempotency-context.js';

/**
 * Makes a creating handler idempotent under the `Idempotency-Key` header: the
 * same key from the same user returns the first response (status and body) and
 * runs nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED.
 * Without the header the handler runs as usual.
 */
export const Idempotent = () =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: '1-128 个可打印 ASCII 字符；同一用户重复提交同一键时返回首次结果，不重复创建',
    }),
    // A malformed key is 400; the same key with another body, or while the first is running, is 409.
    ApiErrors(400, 409),
  );

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = request.headers[IDEMPOTENCY_HEADER];
    if (key === undefined) return next.handle();
    if (!isValidIdempotencyKey(key)) {
      throw ValidationFailedError.field(
        'Idempotency-Key',
        'IDEMPOTENCY_KEY_INVALID',
        'Idempotency-Key：应为 1 至 128 个可打印 ASCII 字符，且首尾不能有空格',
      );
    }
    const actor = request.user!;
    const path = request.url.split('?')[0];
    const scope: IdempotencyScope = {
      courtId: actor.courtId,
      userId: actor.userId,
      key,
      method: request.method,
      path,
      fingerprint: requestFingerprint(request.method, path, request.body),
    };
    const statusCode =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      (request.method === 'POST' ? 201 : 200);
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return from(this.run(scope, statusCode, reply, next));
  }

  private async run(scope: IdempotencyScope, statusCode: number, reply: FastifyReply, next: CallHandler) {
    const claim = await this.store.claim(scope);
    if (claim.kind === 'replay') {
      // Only successful responses are stored, always with the handler's own status, which Nest sets again.
      reply.header('idempotent-replayed', 'true');
      return claim.response;
    }
    let body: unknown;
    try {
      // The work may complete the key in its own transaction (idempotency-context.ts); then a crash before
      // `complete` below leaves the key answered, not pending.
      body = await runIdempotent({ scope, statusCode, now: () => this.store.now() }, () =>
        lastValueFrom(next.handle(), { defaultValue: undefined }),
      );
    } catch (error) {
      await this.store.release(scope);
      throw error;
    }
    // Stored as the client will see it (dates as strings), so a replay is byte-for-byte the same JSON.
    const response: unknown = body === undefined ? null : JSON.parse(JSON.stringify(body));
    await this.store.complete(scope, statusCode, response);
    return response;
  }
}
