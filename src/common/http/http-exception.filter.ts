import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toErrorBody } from './error-body.js';

/**
 * What of an unexpected error may be logged: its kind, message and codes. Never
 * the SQL parameters or the request body, which carry personal data.
 */
function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { value: typeof error };
  const driver = (error as { driverError?: { code?: string; message?: string } }).driverError;
  return {
    type: error.constructor?.name ?? 'Error',
    message: error.message.slice(0, 300),
    code: (error as { code?: string }).code ?? driver?.code,
    stack: error.stack?.split('\n').slice(0, 6).join('\n'),
  };
}

/** The one place where errors become HTTP responses. */
@Catch()
export class AppExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const body = { ...toErrorBody(exception), requestId: String(request.id) };
    if (body.statusCode >= 500) {
      this.logger.error({ error: loggableError(exception), requestId: body.requestId }, `request failed: ${body.code}`);
    }
    if (body.statusCode === 503) reply.header('retry-after', '5');
    const retryAfter = (body.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    // 429, and a 409 for something under way (an electronic file still being built), say when to try again.
    if ((body.statusCode === 429 || body.statusCode === 409) && typeof retryAfter === 'number') {
      reply.header('retry-after', String(retryAfter));
    }
    reply.status(body.statusCode).send(body);
  }
}
