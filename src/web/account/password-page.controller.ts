import { Body, Controller, Get, Post, Render } from '@nestjs/common';
import { BeforePasswordChange, CurrentActor, AnyRole } from '../../auth/decorators.js';
import type { Actor } from '../../common/actor.js';
import type { FormFields } from '../kit/form-body.js';
import { WebPages } from '../kit/web-pages.decorator.js';
import { PasswordPageService } from './password-page.service.js';

/** 修改密码: open to every user, and the one page open after an administrator's reset until the change. */
@WebPages()
@Controller('account/password')
export class PasswordPageController {
  constructor(private readonly pages: PasswordPageService) {}

  @AnyRole()
  @BeforePasswordChange()
  @Get()
  @Render('account/password')
  page(@CurrentActor() actor: Actor) {
    return this.pages.page(actor);
  }

  @AnyRole()
  @BeforePasswordChange()
  @Post()
  @Render('account/password')
  change(@CurrentActor() actor: Actor, @Body() fields: FormFields) {
    return this.pages.change(actor, fields);
  }
}
