import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';
import { Logger } from 'nestjs-pino';
import type { AppOptions } from './app-options.js';
import { AppModule } from './app.module.js';
import { AppExceptionFilter } from './common/http/http-exception.filter.js';
import { AppValidationPipe } from './common/http/validation.pipe.js';
import { QuietStartupLogger, requestIdFor } from './logging.js';
import { registerMetrics } from './metrics/metrics-http.js';

/** JSON bodies above this are refused before parsing (files go through multipart with their own limit). */
export const JSON_BODY_LIMIT = 1024 * 1024;
/** Uploaded files (batch spreadsheets, letter attachments): refused past this size while streaming. */
export const UPLOAD_FILE_LIMIT = 10 * 1024 * 1024;

/** Builds the whole application; used by main.ts, the tests and the benchmarks. */
export async function createApp(options: AppOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: JSON_BODY_LIMIT,
    // While shutting down, a request that reaches an open connection is served, not refused:
    // readiness already answers 503 (see main.ts), and the server closes connections as they go idle.
    return503OnClosing: false,
    // The same id names the request in the response header, the logs and the history.
    genReqId: (req: IncomingMessage) => {
      const id = requestIdFor(req);
      (req as IncomingMessage & { id?: string }).id = id;
      return id;
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), adapter, {
    bufferLogs: true,
  });
  app.useLogger(new QuietStartupLogger(app.get(Logger)));
  await app.register(fastifyCookie as never);
  await app.register(fastifyMultipart as never, {
    limits: { fileSize: UPLOAD_FILE_LIMIT, files: 5, fields: 20, parts: 30, fieldSize: 64 * 1024 },
  });

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await registerMetrics(app, options.metrics);

  app.useGlobalPipes(new AppValidationPipe());
  app.useGlobalFilters(new AppExceptionFilter());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('诉前调解案件平台 API')
      .setDescription('Pre-litigation mediation case platform, HTTP contract v1')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { ui: options.apiDocsUi ?? true });

  await app.init();
  return app;
}
