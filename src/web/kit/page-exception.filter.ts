// Errors on the pages become pages, not JSON: no session -> the login page; anything else -> an error page in
// Chinese that says what to do. The API keeps its JSON errors (this filter sits on the page controllers only).
import { Catch, Injectable, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticatedRequest } from '../../auth/decorators.js';
import { PasswordChangeRequiredError, SecondFactorEnrolmentRequiredError } from '../../auth/guards.js';
import { SESSION_COOKIE } from '../../auth/jwt.strategy.js';
import { UnauthenticatedError } from '../../common/errors.js';
import { toErrorBody } from '../../common/http/error-body.js';
import { PageRenderer } from './page-renderer.js';
import { View } from './page-result.js';
import { pageCookieOptions } from './session-cookie.js';

const TITLES: Record<number, string> = {
  400: '提交的内容有误',
  403: '无权访问',
  404: '找不到页面',
  409: '操作与当前状态冲突',
  413: '提交的内容过大',
  422: '不符合办理规则',
  429: '操作过于频繁',
};

/** What the person can do next, by status. */
const ADVICE: Record<number, string> = {
  400: '请返回上一页，按提示修改后重新提交。',
  403: '如需办理此项业务，请联系系统管理员为您的账号开通相应角色。',
  404: '请从首页或案件列表重新进入；如果是别人发给您的链接，请确认该案件属于您可以查看的范围。',
  409: '其他人可能刚刚修改了同一记录。请刷新页面查看最新情况后再操作。',
  413: '请删减内容后重新提交。',
  422: '请按提示处理后重试。',
  429: '请稍等片刻再试。',
};
const SERVER_ADVICE = '请稍后重试；如果问题持续，请把下面的请求编号告诉系统管理员。';

@Catch()
@Injectable()
export class PageExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Pages');

  constructor(private readonly pages: PageRenderer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (exception instanceof UnauthenticatedError) {
      this.toLogin(request, reply);
      return;
    }
    if (exception instanceof PasswordChangeRequiredError) {
      this.redirect(request, reply, '/account/password');
      return;
    }
    if (exception instanceof SecondFactorEnrolmentRequiredError) {
      this.redirect(request, reply, '/account/second-factor');
      return;
    }
    const body = { ...toErrorBody(exception), requestId: String(request.id) };
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, requestId: body.requestId }, `page failed: ${body.code}`);
    }
    // A busy service (the document workers, the database) says when to try again, as the API does.
    if (body.statusCode === 503) reply.header('retry-after', '5');
    const actor = (request as AuthenticatedRequest).user;
    this.pages.sendView(
      reply,
      new View(
        'error',
        {
          title: TITLES[body.statusCode] ?? '系统暂时出错',
          message: body.message,
          advice: ADVICE[body.statusCode] ?? SERVER_ADVICE,
          code: body.code,
          requestId: body.statusCode >= 500 ? body.requestId : undefined,
          roles: actor?.roles ?? [],
        },
        body.statusCode,
      ),
    );
  }

  /** Back to the login page, then to where the person was going; htmx is told to load it as a whole page. */
  private toLogin(request: FastifyRequest, reply: FastifyReply): void {
    const hadSession = Boolean(
      (request as FastifyRequest & { cookies?: Record<string, string> }).cookies?.[SESSION_COOKIE],
    );
    const params = new URLSearchParams();
    if (request.method === 'GET') params.set('next', request.url);
    if (hadSession) {
      params.set('expired', '1');
      reply.clearCookie(SESSION_COOKIE, pageCookieOptions());
    }
    const query = params.toString();
    this.redirect(request, reply, `/login${query ? `?${query}` : ''}`);
  }

  /** A whole page elsewhere; htmx is told to load it as one. */
  private redirect(request: FastifyRequest, reply: FastifyReply, url: string): void {
    if (request.headers['hx-request']) {
      void reply.code(401).header('hx-redirect', url).send();
      return;
    }
    void reply.redirect(url, 303);
  }
}
