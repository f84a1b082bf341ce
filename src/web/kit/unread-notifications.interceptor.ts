// The bell in the page header shows how many of the user's notifications are unread. The count is read once
// per page shown (a GET of a handler that renders a page: not for form posts, which redirect, files, or htmx
// requests, which replace only part of a page), before the handler runs, and kept on the request for the
// page renderer.
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { RENDER_METADATA } from '@nestjs/common/constants.js';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../../auth/decorators.js';
import { NotificationService } from '../../notifications/notification.service.js';

type CountedRequest = FastifyRequest & { unreadNotifications?: number };

/** The unread count read for this request, if any. */
export function unreadNotificationsOf(request: FastifyRequest): number | undefined {
  return (request as CountedRequest).unreadNotifications;
}

@Injectable()
export class UnreadNotificationsInterceptor implements NestInterceptor {
  constructor(private readonly notifications: NotificationService) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & CountedRequest>();
    const rendersPage = Reflect.hasMetadata(RENDER_METADATA, context.getHandler());
    if (rendersPage && request.user && request.method === 'GET' && !request.headers['hx-request']) {
      request.unreadNotifications = await this.notifications.countUnread(request.user);
    }
    return next.handle();
  }
}
