import { Body, Controller, Get, Post, Render } from '@nestjs/common';
import { BeforePasswordChange, CurrentActor, Roles } from '../../auth/decorators.js';
import type { Actor } from '../../common/actor.js';
import type { FormFields } from '../kit/form-body.js';
import { PAGE_ROLES } from '../kit/menu.js';
import { WebPages } from '../kit/web-pages.decorator.js';
import { PasswordPageService } from './password-page.service.js';

/** 修改密码: open to every user, and the one page open after an administrator's reset until the change. */
@WebPages()
@Controller('account/password')
export class PasswordPageController {
  constructor(private readonly pages: PasswordPageService) {}

  @Roles(...PAGE_ROLES.changePassword)
  @BeforePasswordChange()
  @Get()
  @Render('account/password')
  page(@CurrentActor() actor: Actor) {
    return this.pages.page(actor);
  }

  @Roles(...PAGE_ROLES.changePassword)
  @BeforePasswordChange()
  @Post()
  @Render('account/password')
  change(@CurrentActor() actor: Actor, @Body() fields: FormFields) {
    return this.pages.change(actor, fields);
  }
}
