import { Body, Controller, Get, Post, Query, Render, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Public } from '../../auth/decorators.js';
import { sessionTokenOf } from '../../auth/jwt.strategy.js';
import { loginClientOf } from '../../auth/local.strategy.js';
import { LOGIN_RATE_LIMIT, RateLimit } from '../../common/http/rate-limit.guard.js';
import type { FormFields } from '../kit/form-body.js';
import { WebAuthService } from './web-auth.service.js';
import { WebPages } from '../kit/web-pages.decorator.js';

@WebPages()
@Controller()
export class WebAuthController {
  constructor(private readonly webAuth: WebAuthService) {}

  @Public()
  @Get('login')
  @Render('login')
  loginPage(@Query('next') next?: string, @Query('expired') expired?: string, @Query('changed') changed?: string) {
    return this.webAuth.loginPage(next, expired, changed);
  }

  /** The same per-address limit as the API's login (one shared count), and the same lockout per username. */
  @Public()
  @RateLimit(LOGIN_RATE_LIMIT)
  @Post('login')
  @Render('login')
  login(@Body() fields: FormFields, @Req() request: FastifyRequest) {
    return this.webAuth.login(fields, loginClientOf(request));
  }

  /** The second step of a login with a second factor: the same limit and lockout as the password. */
  @Public()
  @RateLimit(LOGIN_RATE_LIMIT)
  @Post('login/second-factor')
  @Render('login-second-factor')
  secondStep(@Body() fields: FormFields, @Req() request: FastifyRequest) {
    return this.webAuth.secondStep(fields, loginClientOf(request));
  }

  /** Public so that a session that has just expired can still be ended; the CSRF token is still required. */
  @Public()
  @Post('logout')
  @Render('login')
  logout(@Req() request: FastifyRequest) {
    return this.webAuth.logout(sessionTokenOf(request), loginClientOf(request));
  }
}
