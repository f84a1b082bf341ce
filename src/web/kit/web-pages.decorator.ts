import { applyDecorators, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CookieSession } from '../../auth/decorators.js';
import { CsrfGuard } from './csrf.js';
import { FormLimitsGuard } from './form-limits.js';
import { PageExceptionFilter } from './page-exception.filter.js';
import { UnreadNotificationsInterceptor } from './unread-notifications.interceptor.js';
import { CourtPlaceInterceptor } from './court-place.interceptor.js';

/**
 * Marks a controller as serving pages: the session cookie logs its requests in (and only its), errors become
 * pages (login redirect, Chinese 403/404), every POST needs its CSRF token and a same-origin request and has
 * each field capped in length, and the routes stay out of the API document. Roles are declared per handler as
 * everywhere else (`@Permission(...)`, the same permission the menu reads), and each handler names its template with `@Render`. The header's
 * notification bell gets its unread count; the menu learns whether the court has the upward statistics pages.
 */
export const WebPages = () =>
  applyDecorators(
    ApiExcludeController(),
    CookieSession(),
    UseFilters(PageExceptionFilter),
    UseGuards(CsrfGuard, FormLimitsGuard),
    UseInterceptors(UnreadNotificationsInterceptor, CourtPlaceInterceptor),
  );
