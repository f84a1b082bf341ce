import { RequestMethod } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { LogLevel } from './config/env.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Takes a well-formed X-Request-Id from a trusted proxy (which names the request in its own logs) or makes
 * one: from anyone else, a chosen id could be made to collide with another person's in the history.
 */
export function requestIdFor(request: IncomingMessage, fromTrustedProxy = false): string {
  const given = request.headers['x-request-id'];
  return fromTrustedProxy && typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

// Personal data never reaches the logs: bodies are not logged, and these paths are redacted.
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.idNumber',
  '*.phone',
];

export function loggerOptions(level: LogLevel): Params {
  return {
    // Every route: nestjs-pino's default wildcard does not match under Nest 12's Fastify adapter.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level,
      genReqId: (req) => (req as IncomingMessage & { id?: string }).id ?? requestIdFor(req),
      redact: { paths: REDACT, censor: '[已隐藏]' },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url.replace(/([?&](?:q|idNumber|phone)=)[^&]*/g, '$1[已隐藏]'),
        }),
      },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    },
  };
}
