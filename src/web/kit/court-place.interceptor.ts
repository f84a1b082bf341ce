// The upward statistics pages (辖区汇总, 赛马比拼, 监测考评; 报送与本院名次) are in the menu only of the courts
// that have them: where the user's court stands is read once per page shown, for the roles that see those
// entries, before the handler runs, and kept on the request for the page renderer.
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { RENDER_METADATA } from '@nestjs/common/constants.js';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../../auth/decorators.js';
import { hasRole } from '../../common/actor.js';
import { UpwardReportingService } from '../../statistics/upward-reporting.service.js';
import { COURT_PLACE_ROLES, type CourtPlace } from './menu.js';

type PlacedRequest = FastifyRequest & { courtPlace?: CourtPlace };

/** The court's place read for this request, if any. */
export function courtPlaceOf(request: FastifyRequest): CourtPlace | undefined {
  return (request as PlacedRequest).courtPlace;
}

@Injectable()
export class CourtPlaceInterceptor implements NestInterceptor {
  constructor(private readonly reporting: UpwardReportingService) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & PlacedRequest>();
    const rendersPage = Reflect.hasMetadata(RENDER_METADATA, context.getHandler());
    const actor = request.user;
    // Form posts that show their page again with an error render a menu too.
    if (rendersPage && actor && !request.headers['hx-request'] && hasRole(actor, ...COURT_PLACE_ROLES)) {
      request.courtPlace = await this.reporting.courtPlace(actor.courtId);
    }
    return next.handle();
  }
}
