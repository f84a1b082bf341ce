import { Body, Controller, Get, Post, Query, Render } from '@nestjs/common';
import { Public } from '../auth/decorators.js';
import type { FormFields } from './form-body.js';
import { WebAuthService } from './web-auth.service.js';
import { WebPages } from './web-pages.decorator.js';

@WebPages()
@Controller()
export class WebAuthController {
  constructor(private readonly webAuth: WebAuthService) {}

  @Public()
  @Get('login')
  @Render('login')
  loginPage(@Query('next') next?: string, @Query('expired') expired?: string) {
    return this.webAuth.loginPage(next, expired);
  }

  @Public()
  @Post('login')
  @Render('login')
  login(@Body() fields: FormFields) {
    return this.webAuth.login(fields);
  }

  /** Public so that a session that has just expired can still be ended; the CSRF token is still required. */
  @Public()
  @Post('logout')
  @Render('login')
  logout() {
    return this.webAuth.logout();
  }
}
