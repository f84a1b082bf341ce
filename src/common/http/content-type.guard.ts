// What a body may be, by the route matched: the API reads JSON, and multipart on the upload routes (those
// that document `@ApiConsumes('multipart/form-data')`); a form-encoded or text body there is 415, so no
// HTML form of another site can ever post to it. The page controllers (marked by CookieSession) read forms.
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { COOKIE_SESSION_KEY } from './route-access.js';
import { DomainError } from '../errors.js';

/** Where @nestjs/swagger's @ApiConsumes keeps its list (its constants are not exported). */
const API_CONSUMES_KEY = 'swagger/apiConsumes';

class UnsupportedMediaTypeError extends DomainError {
  readonly status = 415;
  constructor(allowed: string[]) {
    super('UNSUPPORTED_MEDIA_TYPE', `不支持该内容类型；本接口只接受 ${allowed.join(' 或 ')}`, { allowed });
  }
}

/** The media type of a Content-Type header, lower case, without parameters. */
function mediaTypeOf(header: string | undefined): string | undefined {
  const type = header?.split(';')[0].trim().toLowerCase();
  return type ? type : undefined;
}

@Injectable()
export class ApiContentTypeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(COOKIE_SESSION_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const type = mediaTypeOf(request.headers['content-type']);
    if (type === undefined) return true;
    const allowed = ['application/json'];
    const consumes = this.reflector.getAllAndOverride<string[] | undefined>(API_CONSUMES_KEY, targets);
    if (consumes?.includes('multipart/form-data')) allowed.push('multipart/form-data');
    if (!allowed.includes(type)) throw new UnsupportedMediaTypeError(allowed);
    return true;
  }
}
