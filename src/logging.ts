import { RequestMethod, type LoggerService } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import type { Logger, Params } from 'nestjs-pino';
import type { Options as HttpLoggerOptions } from 'pino-http';
import type { LogFormat, LogLevel } from './config/env.js';

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

const HIDDEN = '[已隐藏]';

/**
 * A request's URL as the access log keeps it: searches and personal numbers, the parties' one-time rating codes
 * (`/rate?code=`) and tokens, a party's one-time SMS link (`/p/<token>`) and the calendar feed's secret path
 * hidden; the same inside the address a login page is to send back to (`/login?next=`, percent-encoded).
 */
export function redactedUrl(url: string): string {
  return url
    .replace(/([?&]next=)([^&]*)/gi, (_, name: string, value: string) => name + redactedNext(value))
    .replace(/([?&](?:q|idNumber|phone|code|token)=)[^&]*/gi, `$1${HIDDEN}`)
    .replace(/^(\/p\/)[^/?#]+/, `$1${HIDDEN}`)
    .replace(/(\/calendar\/feeds\/)[^/?]+/, `$1${HIDDEN}`);
}

/** A percent-encoded URL in a query value, redacted the same way; unreadable, it is hidden whole. */
function redactedNext(value: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return HIDDEN;
  }
  const redacted = redactedUrl(decoded);
  return redacted === decoded ? value : encodeURIComponent(redacted);
}

/** A response as pino's standard serializer gives it to ours. */
interface LoggedResponse {
  statusCode: number | null;
  headers?: Record<string, unknown>;
}

/** A redirect's target is a URL too (`/login?next=...`, `/rate?done=1&code=...`): logged as redacted. */
function withRedactedLocation(headers: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const location = headers?.location;
  return typeof location === 'string' ? { ...headers, location: redactedUrl(location) } : headers;
}

/**
 * The access log's line for a request whose client closed the connection before the answer went out (or before
 * its body was read through): said as such, at info, so that a dropped request is never mistaken for a server or
 * database failure (issue 28).
 */
export const CLIENT_WENT_AWAY = 'request aborted: the client went away before the answer (not a server error)';

/** Whether the client closed the connection before its request was read or its answer was sent. */
export function clientWentAway(req: IncomingMessage, res: ServerResponse): boolean {
  return req.readableAborted || !res.writableEnded;
}

/** A socket error that only says the client is gone (what writing to a closed connection raises). */
function isClientSocketError(err: Error | undefined): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  return code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNABORTED';
}

export function loggerOptions(level: LogLevel, format: LogFormat = 'json'): Params {
  const options = httpLoggerOptions(level);
  return format === 'pretty' ? { ...options, pinoHttp: [options.pinoHttp, prettyStream()] } : options;
}

function httpLoggerOptions(level: LogLevel): Params & { pinoHttp: HttpLoggerOptions } {
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
          url: redactedUrl(req.url),
        }),
        res: (res: LoggedResponse) => ({ statusCode: res.statusCode, headers: withRedactedLocation(res.headers) }),
      },
      customLogLevel: (req, res, err) => {
        if (clientWentAway(req, res) && (!err || isClientSocketError(err))) return 'info';
        return err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
      },
      customSuccessMessage: (req, res) => (clientWentAway(req, res) ? CLIENT_WENT_AWAY : 'request completed'),
      customSuccessObject: (req, res, value: Record<string, unknown>) =>
        clientWentAway(req, res) ? { ...value, clientAborted: true } : value,
      customErrorMessage: (req, res, err) =>
        clientWentAway(req, res) && isClientSocketError(err) ? CLIENT_WENT_AWAY : 'request errored',
    },
  };
}

// Nest's start-up chatter ("Mapped {/api/v1/cases, POST} route", "XModule dependencies initialized"):
// over two hundred lines a start, useful only when debugging.
const START_UP_CONTEXTS = new Set([
  'RoutesResolver',
  'RouterExplorer',
  'InstanceLoader',
  'NestFactory',
  'NestApplication',
]);

/** The pino logger for Nest, with the start-up chatter moved down to debug. */
export class QuietStartupLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams.at(-1);
    if (typeof context === 'string' && START_UP_CONTEXTS.has(context)) this.logger.debug(message, ...optionalParams);
    else this.logger.log(message, ...optionalParams);
  }
  error(message: unknown, ...optionalParams: unknown[]): void {
    this.logger.error(message, ...optionalParams);
  }
  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.logger.warn(message, ...optionalParams);
  }
  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.logger.debug(message, ...optionalParams);
  }
  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.logger.verbose(message, ...optionalParams);
  }
  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.logger.fatal(message, ...optionalParams);
  }
}

const LEVEL_NAMES: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

interface LogRecord {
  level?: number;
  time?: number;
  msg?: string;
  context?: string;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  clientAborted?: boolean;
  err?: { stack?: string; message?: string };
}

/** One short line per record: `08:30:01 POST /api/v1/cases 201 35ms`, or `08:30:01 WARN [Context] message`. */
export function prettyLine(record: LogRecord): string {
  const time = new Date(record.time ?? Date.now()).toISOString().slice(11, 19);
  if (record.req && record.res) {
    const took = record.responseTime === undefined ? '' : ` ${Math.round(record.responseTime)}ms`;
    const gone = record.clientAborted ? ' (the client went away)' : '';
    return `${time} ${record.req.method} ${record.req.url} ${record.res.statusCode}${took}${gone}`;
  }
  const level = LEVEL_NAMES[record.level ?? 30] ?? 'INFO';
  const context = record.context ? ` [${record.context}]` : '';
  const stack = record.err?.stack ? `\n${record.err.stack}` : '';
  return `${time} ${level}${context} ${record.msg ?? ''}${stack}`;
}

/** A pino destination that turns its JSON lines into prettyLine()s on stdout. */
function prettyStream(): Writable {
  let pending = '';
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines.filter(Boolean)) process.stdout.write(prettyLine(parseRecord(line)) + '\n');
      done();
    },
  });
}

function parseRecord(line: string): LogRecord {
  try {
    return JSON.parse(line) as LogRecord;
  } catch {
    return { msg: line };
  }
}

/** For main.ts before and after Nest runs: the same two formats as the app's logger. */
export function processLog(format: LogFormat) {
  const write = (level: number, msg: string, fields: Record<string, unknown> = {}) => {
    const out = level >= 50 ? process.stderr : process.stdout;
    if (format === 'json') out.write(JSON.stringify({ level, time: Date.now(), ...fields, msg }) + '\n');
    else out.write(msg + '\n');
  };
  return {
    info: (msg: string, fields?: Record<string, unknown>) => write(30, msg, fields),
    warn: (msg: string, fields?: Record<string, unknown>) => write(40, msg, fields),
    error: (msg: string, fields?: Record<string, unknown>) => write(50, msg, fields),
  };
}
export type ProcessLog = ReturnType<typeof processLog>;
