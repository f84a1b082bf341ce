import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../common/actor.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute, arrayOf, bool, instantOrNull, int, object, str } from '../common/http/api-docs.js';
import { LOGIN_RATE_LIMIT, RateLimit } from '../common/http/rate-limit.guard.js';
import { CredentialsService } from './credentials.service.js';
import { SessionTokensService } from './session-tokens.service.js';
import { AnyRole, BeforePasswordChange, CurrentActor, Public, Permission } from './decorators.js';
import { loginClientOf } from './local.strategy.js';
import { SecondFactorCodeDto, SecondFactorLoginDto } from './second-factor.dto.js';
import { SecondFactorService } from './second-factor.service.js';

const STATUS = object({
  enrolled: bool('已启用双因素认证'),
  enrolledAt: { ...instantOrNull, description: '启用时间；未启用时为 null' },
  required: bool('本账户必须启用（系统管理员）'),
  recoveryCodesLeft: int('未用的恢复码'),
});
const ENROLMENT = object({
  secret: str('密钥（Base32，只显示这一次）'),
  otpauthUri: str('otpauth:// 链接，供验证器应用扫描或导入'),
  qrSvg: str('同一链接的二维码（SVG）'),
});
const RECOVERY = object({ recoveryCodes: arrayOf(str('一次性恢复码（只显示这一次）')) });
const CONFIRMED = object({
  recoveryCodes: arrayOf(str('一次性恢复码（只显示这一次）')),
  accessToken: str('新的 Bearer 令牌（原令牌作废）'),
  expiresIn: int('有效秒数'),
});

/** 双因素认证 (issue 28): the login's second step, one's own enrolment, and an administrator's reset. */
@ApiTags('auth')
@Controller(API)
export class SecondFactorController {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly sessions: SessionTokensService,
    private readonly secondFactor: SecondFactorService,
  ) {}

  @ApiRoute({
    summary: '登录第二步：输入动态验证码（或恢复码），取得访问令牌',
    ok: object({ accessToken: str('Bearer 令牌'), expiresIn: int('有效秒数') }),
    errors: [400, 401, 423],
  })
  @Public()
  @RateLimit(LOGIN_RATE_LIMIT)
  @Post('auth/login/second-factor')
  @HttpCode(200)
  async login(@Body() dto: SecondFactorLoginDto, @Req() request: FastifyRequest) {
    const actor = await this.credentials.completeSecondFactor(dto.challenge, dto.code, loginClientOf(request));
    return { ...this.sessions.issueToken(actor), user: actor };
  }

  @ApiRoute({ summary: '本人的双因素认证状态', ok: STATUS })
  @ApiLoggedIn()
  @AnyRole()
  @BeforePasswordChange()
  @Get('auth/second-factor')
  status(@CurrentActor() actor: Actor) {
    return this.secondFactor.status(actor);
  }

  @ApiRoute({ summary: '开始绑定验证器：生成密钥（只显示这一次）', ok: ENROLMENT, errors: [409] })
  @ApiLoggedIn()
  @AnyRole()
  @BeforePasswordChange()
  @Post('auth/second-factor/enrolment')
  @HttpCode(200)
  start(@CurrentActor() actor: Actor) {
    return this.secondFactor.startEnrolment(actor);
  }

  @ApiRoute({ summary: '确认绑定：输入一个动态验证码，取得恢复码和新令牌', ok: CONFIRMED, errors: [400, 409, 422] })
  @ApiLoggedIn()
  @AnyRole()
  @BeforePasswordChange()
  @Post('auth/second-factor/enrolment/confirm')
  @HttpCode(200)
  async confirm(@CurrentActor() actor: Actor, @Body() dto: SecondFactorCodeDto) {
    const { recoveryCodes } = await this.secondFactor.confirmEnrolment(actor, dto.code);
    // The token no longer needs to say "enrol first".
    return { recoveryCodes, ...(await this.sessions.refresh(actor)) };
  }

  @ApiRoute({ summary: '重新生成恢复码（原恢复码作废）', ok: RECOVERY, errors: [400, 422] })
  @ApiLoggedIn()
  @AnyRole()
  @Post('auth/second-factor/recovery-codes')
  @HttpCode(200)
  renew(@CurrentActor() actor: Actor, @Body() dto: SecondFactorCodeDto) {
    return this.secondFactor.renewRecoveryCodes(actor, dto.code);
  }

  @ApiRoute({ summary: '解除本人的双因素认证（系统管理员不可）', noContent: true, errors: [400, 422] })
  @ApiLoggedIn()
  @AnyRole()
  @Post('auth/second-factor/removal')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Body() dto: SecondFactorCodeDto): Promise<void> {
    await this.secondFactor.remove(actor, dto.code);
  }

  @ApiRoute({ summary: '重置用户的双因素认证（用户须重新绑定）', noContent: true, errors: [403, 404] })
  @ApiLoggedIn()
  @Permission('users.manage')
  @Post('users/:id/second-factor-reset')
  @HttpCode(204)
  async reset(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    await this.secondFactor.resetFor(actor, id);
  }
}
