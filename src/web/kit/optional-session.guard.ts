// For public pages that still look different to a logged-in person (the 404 page shows the menu): reads the
// session like the global guard does, but a missing, expired or revoked session is no error, just no actor.
import { Injectable, type ExecutionContext } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Actor } from '../../common/actor.js';
import { SessionTokensService } from '../../auth/session-tokens.service.js';
import type { AuthenticatedRequest } from '../../auth/decorators.js';

@Injectable()
export class OptionalSessionGuard extends AuthGuard('jwt') {
  constructor(private readonly sessions: SessionTokensService) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    await Promise.resolve(super.canActivate(context)).catch(() => undefined);
    const actor = request.user as Actor | undefined;
    if (actor && !(await this.sessions.isActorLive(actor))) (request as { user?: Actor }).user = undefined;
    return true;
  }

  override handleRequest<T>(_err: unknown, user: T): T {
    return user;
  }
}
