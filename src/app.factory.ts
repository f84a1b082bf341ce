import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { Logger } from 'nestjs-pino';
import type { AppOptions } from './app-options.js';
import { AppModule } from './app.module.js';
import { SessionTokensService } from './auth/session-tokens.service.js';
import { sessionTokenOf } from './auth/jwt.strategy.js';
import { JSON_BODY_LIMIT, UPLOAD_FILE_LIMIT } from './common/http/body-limits.js';
import { toErrorBody } from './common/http/error-body.js';
import { finishReadingUpload } from './common/http/multipart.js';
import { checkJsonDepth, checkJsonShape } from './common/http/json-shape.js';
import { UnauthenticatedError } from './common/errors.js';
import { AppExceptionFilter } from './common/http/http-exception.filter.js';
import { applySecurityHeaders } from './common/http/security-headers.js';
import { trustedProxyCheck } from './common/http/trusted-proxies.js';
import { AppValidationPipe } from './common/http/validation.pipe.js';
import { QuietStartupLogger, requestIdFor } from './logging.js';
import { registerMetrics } from './metrics/metrics-http.js';

const DOCS_PATH = '/api/docs';

/** Builds the whole application; used by main.ts, the tests and the benchmarks. */
export async function createApp(options: AppOptions): Promise<NestFastifyApplication> {
  const trustProxy = options.trustProxy ?? [];
  const fromTrustedProxy = trustedProxyCheck(trustProxy);
  const adapter = new FastifyAdapter({
    bodyLimit: JSON_BODY_LIMIT,
    // While shutting down, a request that reaches an open connection is served, not refused:
    // readiness already answers 503 (see main.ts), and the server closes connections as they go idle.
    return503OnClosing: false,
    // request.ip and request.protocol follow X-Forwarded-For/-Proto only through these proxies.
    trustProxy: trustProxy.length > 0 ? [...trustProxy] : false,
    // The same id names the request in the response header, the logs and the history.
    genReqId: (req: IncomingMessage) => {
      const id = requestIdFor(req, fromTrustedProxy(req.socket.remoteAddress));
      (req as IncomingMessage & { id?: string }).id = id;
      return id;
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), adapter, {
    bufferLogs: true,
  });
  app.useLogger(new QuietStartupLogger(app.get(Logger)));
  // Secure when the request came over HTTPS (through a trusted proxy), or always with COOKIE_SECURE=true.
  await app.register(fastifyCookie as never, { parseOptions: { secure: options.cookieSecure ? true : 'auto' } });
  await app.register(fastifyMultipart as never, {
    limits: { fileSize: UPLOAD_FILE_LIMIT, files: 5, fields: 20, parts: 30, fieldSize: 64 * 1024 },
  });

  const fastify = app.getHttpAdapter().getInstance();
  const sessions = app.get(SessionTokensService);
  const apiDocs = options.apiDocs ?? true;
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // By the matched route, not the URL text; the document describes every route, so it is for staff only.
    if (apiDocs && isDocsRoute(request) && !(await sessions.isLoggedIn(presentedToken(request)))) {
      return refuseDocs(request, reply);
    }
    return undefined;
  });
  // Every JSON body: its depth counted on the text, then parsed, then its shape bounded (json-shape.ts), before
  // any DTO sees it; a refusal goes to the exception filter (413 BODY_TOO_COMPLEX, 400 NUL_CHARACTER).
  const parseJson = fastify.getDefaultJsonParser('error', 'error') as unknown as (
    request: unknown,
    text: string,
    done: (error: Error | null, parsed?: unknown) => void,
  ) => void;
  app.useBodyParser('application/json', { bodyLimit: JSON_BODY_LIMIT }, (request, body, done) => {
    const text = body.toString('utf8');
    checkJsonDepth(text);
    // The default parser answers synchronously; the shape is checked outside its callback, so a refusal is
    // not taken for a syntax error.
    let outcome: { error: Error | null; parsed?: unknown } | undefined;
    parseJson(request, text, (error, parsed) => {
      outcome = { error, parsed };
    });
    if (!outcome) throw new Error('the JSON parser did not answer synchronously');
    if (outcome.error) return done(outcome.error, undefined);
    checkJsonShape(outcome.parsed);
    return done(null, outcome.parsed);
  });
  // A query string or a form (the login too) gets the same bounds, and a NUL character in either is refused
  // before any handler: PostgreSQL refuses it in text, which would otherwise be a 500.
  fastify.addHook('preValidation', async (request, reply) => {
    try {
      checkJsonShape(request.query);
      if (!Buffer.isBuffer(request.body)) checkJsonShape(request.body);
    } catch (error) {
      const body = toErrorBody(error);
      return reply.code(body.statusCode).send({ ...body, requestId: String(request.id) });
    }
    return undefined;
  });
  fastify.addHook('onSend', async (request, reply) => {
    applySecurityHeaders(request, reply, { alwaysHttps: options.cookieSecure === true }, isDocsUi(request));
    // An upload answered before it was read through: read the rest first, or the browser never sees the answer.
    await finishReadingUpload(request, reply);
  });

  await registerMetrics(app, options.metrics);

  app.useGlobalPipes(new AppValidationPipe());
  app.useGlobalFilters(new AppExceptionFilter());

  if (apiDocs) {
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('诉前调解案件平台 API')
        .setDescription('Pre-litigation mediation case platform, HTTP contract v1')
        .setVersion('1')
        .addBearerAuth()
        .build(),
    );
    SwaggerModule.setup(DOCS_PATH.slice(1), app, document, { ui: options.apiDocsUi ?? true });
  }

  await app.init();
  return app;
}

const matchedRoute = (request: FastifyRequest): string => request.routeOptions.url ?? '';
const isDocsRoute = (request: FastifyRequest) => matchedRoute(request).startsWith(DOCS_PATH);
const isDocsUi = (request: FastifyRequest) => isDocsRoute(request) && !matchedRoute(request).endsWith('-json');

function presentedToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const bearer = typeof header === 'string' && /^Bearer /i.test(header) ? header.slice(7).trim() : undefined;
  return bearer || sessionTokenOf(request);
}

/** A browser is sent to log in first; a program gets the API's 401. */
function refuseDocs(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (isDocsUi(request)) return reply.redirect(`/login?next=${encodeURIComponent(DOCS_PATH)}`, 303);
  const body = toErrorBody(new UnauthenticatedError('UNAUTHENTICATED', '请先登录后再查看接口文档'));
  return reply.code(401).send({ ...body, requestId: String(request.id) });
}
