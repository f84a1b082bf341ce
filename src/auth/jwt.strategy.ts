import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_OPTIONS, type AppOptions } from '../app-options.js';
import { UnauthenticatedError } from '../common/errors.js';
import type { Actor, TokenClaims } from './actor.js';
import { AuthService } from './auth.service.js';

export const SESSION_COOKIE = 'mp_session';

const fromCookie = (request: FastifyRequest): string | null =>
  (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies?.[SESSION_COOKIE] ?? null;

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_OPTIONS) options: AppOptions,
    private readonly auth: AuthService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromExtractors([ExtractJwt.fromAuthHeaderAsBearerToken(), fromCookie as never]),
      secretOrKey: options.jwtSecret,
      algorithms: ['HS256'],
    });
  }

  /** A signature is not enough: the token must not be revoked and its user still active. */
  async validate(claims: TokenClaims): Promise<Actor> {
    if (!(await this.auth.isTokenLive(claims))) {
      throw new UnauthenticatedError('TOKEN_REVOKED', '登录已失效，请重新登录');
    }
    return {
      userId: claims.sub,
      username: claims.username,
      displayName: claims.name,
      courtId: claims.courtId,
      divisionId: claims.divisionId,
      roles: claims.roles,
      tokenId: claims.jti,
      tokenExpiresAt: claims.exp,
    };
  }
}
