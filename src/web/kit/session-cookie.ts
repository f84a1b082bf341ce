// The cookies the pages set. The session cookie carries the same JWT the API issues (read by
// src/auth/jwt.strategy.ts); HttpOnly keeps it from scripts, SameSite=Strict from other sites' requests.
// Secure is set where the cookie plugin is registered (app.factory.ts): whenever the original request was
// HTTPS (X-Forwarded-Proto from a trusted proxy), or always with COOKIE_SECURE=true.
import type { CookieSerializeOptions } from '@fastify/cookie';
import { SESSION_COOKIE } from '../../auth/jwt.strategy.js';
import type { CookieChange } from './page-result.js';

export function pageCookieOptions(maxAgeSeconds?: number): CookieSerializeOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  };
}

export const sessionCookie = (token: string, ttlSeconds: number): CookieChange => ({
  name: SESSION_COOKIE,
  value: token,
  maxAgeSeconds: ttlSeconds,
});

export const clearedCookie = (name: string): CookieChange => ({ name, value: null });
