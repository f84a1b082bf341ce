// The party routes: `Authorization: Bearer <partyToken>` from the identity check, never a staff token (the
// routes are @Public for the staff guard, and a staff token is no party token: 401).
import {
  applyDecorators,
  createParamDecorator,
  Injectable,
  SetMetadata,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Public } from '../auth/decorators.js';
import { ApiErrors } from '../common/http/api-docs.js';
import { PARTY_KEY } from '../common/http/route-access.js';
import { PartySessionsService, type PartyPrincipal, type RequestOrigin } from './party-sessions.service.js';

const PRINCIPAL = Symbol('party-principal');
type PartyRequest = FastifyRequest & { [PRINCIPAL]?: PartyPrincipal };

export function originOf(request: FastifyRequest): RequestOrigin {
  const agent = request.headers['user-agent'];
  return {
    clientAddress: request.ip,
    userAgent: typeof agent === 'string' ? agent : undefined,
    requestId: String(request.id),
  };
}

@Injectable()
export class PartyAuthGuard implements CanActivate {
  constructor(private readonly sessions: PartySessionsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<PartyRequest>();
    const header = request.headers.authorization;
    const token = typeof header === 'string' && /^Bearer /i.test(header) ? header.slice(7).trim() : undefined;
    request[PRINCIPAL] = await this.sessions.authenticate(token, originOf(request));
    return true;
  }
}

export const CurrentParty = createParamDecorator((_data: unknown, ctx: ExecutionContext): PartyPrincipal => {
  return ctx.switchToHttp().getRequest<PartyRequest>()[PRINCIPAL]!;
});

/** A party's route: no staff login (public for the staff guard), a party token instead (401 without one). */
export const PartyOnly = () =>
  applyDecorators(Public(), SetMetadata(PARTY_KEY, true), UseGuards(PartyAuthGuard), ApiErrors(401));
