import { Body, Controller, Get, Post, Render } from '@nestjs/common';
import { BeforePasswordChange, CurrentActor, AnyRole } from '../../auth/decorators.js';
import type { Actor } from '../../common/actor.js';
import type { FormFields } from '../kit/form-body.js';
import { WebPages } from '../kit/web-pages.decorator.js';
import { SecondFactorPageService } from './second-factor-page.service.js';

/** 双因素认证: open to every staff user, and the page an administrator without one is sent to first. */
@WebPages()
@Controller('account/second-factor')
export class SecondFactorPageController {
  constructor(private readonly pages: SecondFactorPageService) {}

  @AnyRole()
  @BeforePasswordChange()
  @Get()
  @Render('account/second-factor')
  page(@CurrentActor() actor: Actor) {
    return this.pages.page(actor);
  }

  @AnyRole()
  @BeforePasswordChange()
  @Post('enrolment')
  @Render('account/second-factor')
  start(@CurrentActor() actor: Actor) {
    return this.pages.start(actor);
  }

  @AnyRole()
  @BeforePasswordChange()
  @Post('confirm')
  @Render('account/second-factor-codes')
  confirm(@CurrentActor() actor: Actor, @Body() fields: FormFields) {
    return this.pages.confirm(actor, fields);
  }

  @AnyRole()
  @Post('recovery-codes')
  @Render('account/second-factor-codes')
  renew(@CurrentActor() actor: Actor, @Body() fields: FormFields) {
    return this.pages.renew(actor, fields);
  }
}
