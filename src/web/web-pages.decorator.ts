import { applyDecorators, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CsrfGuard } from './csrf.js';
import { PageExceptionFilter } from './page-exception.filter.js';
import { UnreadNotificationsInterceptor } from './unread-notifications.interceptor.js';

/**
 * Marks a controller as serving pages: errors become pages (login redirect, Chinese 403/404), every POST
 * needs its CSRF token, and the routes stay out of the API document. Roles are declared per handler as
 * everywhere else (`@Roles(...PAGE_ROLES.x)`), and each handler names its template with `@Render`. The header's
 * notification bell gets its unread count.
 */
export const WebPages = () =>
  applyDecorators(
    ApiExcludeController(),
    UseFilters(PageExceptionFilter),
    UseGuards(CsrfGuard),
    UseInterceptors(UnreadNotificationsInterceptor),
  );
