import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toErrorBody } from './error-body.js';

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
      this.logger.error({ err: exception, requestId: body.requestId }, `request failed: ${body.code}`);
    }
    if (body.statusCode === 503) reply.header('retry-after', '5');
    reply.status(body.statusCode).send(body);
  }
}
