import { applyDecorators, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { Clock } from '../clock.js';
import { DomainError } from '../errors.js';
import { ApiErrors } from './api-docs.js';

interface RateLimitPolicy {
  /** Name of the limited action, e.g. 'login'. */
  name: string;
  /** Requests allowed per window and client address. */
  limit: number;
  windowSeconds: number;
}

export const RATE_LIMIT_KEY = 'http:rate-limit';

/** Logins per client address and minute, the API's and the pages' counted together. */
export const LOGIN_RATE_LIMIT: RateLimitPolicy = { name: 'login', limit: 60, windowSeconds: 60 };

/** Limits a handler per client address, counted in PostgreSQL so that every instance shares the count. */
export const RateLimit = (policy: RateLimitPolicy) =>
  applyDecorators(SetMetadata(RATE_LIMIT_KEY, policy), ApiErrors(429));

export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  constructor(retryAfterSeconds: number) {
    super('TOO_MANY_REQUESTS', `请求过于频繁，请 ${retryAfterSeconds} 秒后再试`, { retryAfterSeconds });
  }
}

@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.get<RateLimitPolicy | undefined>(RATE_LIMIT_KEY, context.getHandler());
    if (!policy) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const now = this.clock.now().getTime();
    const windowMs = policy.windowSeconds * 1000;
    const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
    const rows: { hits: number }[] = await this.dataSource.query(
      `INSERT INTO rate_limit_windows (bucket, window_start, hits) VALUES ($1, $2, 1)
       ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1
       RETURNING hits`,
      [`${policy.name}:${request.ip}`, windowStart],
    );
    if (rows[0].hits > policy.limit) {
      throw new TooManyRequestsError(Math.ceil((windowStart.getTime() + windowMs - now) / 1000));
    }
    return true;
  }
}
