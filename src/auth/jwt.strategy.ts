import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_OPTIONS, type AppOptions } from '../app-options.js';
import type { Actor, TokenClaims } from '../common/actor.js';
import { COOKIE_SESSION_ALLOWED, type AuthenticatedRequest } from './decorators.js';
import { derivedKey } from '../common/keys.js';

export const SESSION_COOKIE = 'mp_session';

/** The session cookie's token, if the request carries one. */
export const sessionTokenOf = (request: FastifyRequest): string | undefined =>
  (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies?.[SESSION_COOKIE] || undefined;

/**
 * The session cookie authenticates pages only (which check a CSRF token and the origin); the JSON API
 * takes bearer tokens only, so a cross-site form can never act on it. Which is which is decided by the
 * matched handler (JwtAuthGuard sets the flag), never by the URL text.
 */
const fromCookie = (request: AuthenticatedRequest): string | null =>
  request[COOKIE_SESSION_ALLOWED] === true ? (sessionTokenOf(request) ?? null) : null;

/** Where a request's token is read: the bearer header, else the session cookie where the handler takes it. */
export const tokenFromRequest: (request: AuthenticatedRequest) => string | null = ExtractJwt.fromExtractors([
  ExtractJwt.fromAuthHeaderAsBearerToken(),
  fromCookie as never,
]) as never;

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(APP_OPTIONS) options: AppOptions) {
    super({
      jwtFromRequest: tokenFromRequest as never,
      // A KeyObject, not the string: given a string, jsonwebtoken first tries (and fails, with a thrown
      // error) to parse it as a PEM public key on every request; that was 11% of the app's CPU under load.
      secretOrKey: createSecretKey(derivedKey(options.jwtSecret, 'session-tokens')) as unknown as string,
      algorithms: ['HS256'],
    });
  }

  /**
   * Signature and expiry only. Whether the token is still live (not revoked, user
   * active) is checked by JwtAuthGuard: passport keeps one strategy per process,
   * so the strategy must not hold a particular app instance's database.
   */
  validate(claims: TokenClaims): (Actor & { issuedAtMs?: number }) | false {
    // jsonwebtoken accepts a token without `exp` as never expiring; we never issue one.
    if (typeof claims.exp !== 'number') return false;
    return {
      userId: claims.sub,
      username: claims.username,
      displayName: claims.name,
      courtId: claims.courtId,
      divisionId: claims.divisionId,
      roles: claims.roles,
      tokenId: claims.jti,
      tokenExpiresAt: claims.exp,
      issuedAtMs: claims.issuedAtMs,
      sessionStartedMs: claims.sessionStartedMs ?? claims.issuedAtMs,
      ...(claims.mustChangePassword === true ? { mustChangePassword: true } : {}),
      ...(claims.mustEnrolSecondFactor === true ? { mustEnrolSecondFactor: true } : {}),
    };
  }
}
