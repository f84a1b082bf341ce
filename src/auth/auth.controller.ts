import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute, arrayOf, bool, int, object, str, uuid, uuidOrNull } from '../common/http/api-docs.js';
import { LOGIN_RATE_LIMIT, RateLimit } from '../common/http/rate-limit.guard.js';
import type { Actor } from '../common/actor.js';
import { type CredentialsResult, CredentialsService } from './credentials.service.js';
import { SessionTokensService } from './session-tokens.service.js';
import { SecondFactorService } from './second-factor.service.js';
import { AnyRole, BeforePasswordChange, CurrentActor, Public } from './decorators.js';
import { LocalAuthGuard } from './guards.js';
import { ChangePasswordDto, LoginDto } from './login.dto.js';

const TOKEN_SCHEMA = object({ accessToken: str('Bearer 令牌'), expiresIn: int('有效秒数') });
const ACTOR_PROPERTIES = {
  userId: uuid,
  username: str(),
  displayName: str(),
  courtId: uuid,
  divisionId: uuidOrNull,
  roles: arrayOf(str('CLERK | COORDINATOR | MEDIATOR | JUDGE | ENFORCEMENT | STATISTICIAN | ADMIN')),
};
/** Who is logged in; `me` also says which session (token id, expiry, start) and request it is. */
const ACTOR_SCHEMA = {
  ...object(
    {
      ...ACTOR_PROPERTIES,
      tokenId: str('令牌编号'),
      tokenExpiresAt: int('令牌到期（Unix 秒）'),
      issuedAtMs: int('令牌签发时间（毫秒）'),
      sessionStartedMs: int('本次会话首次登录的时间（毫秒）'),
      requestId: str(),
      clientAddress: str(),
      mustChangePassword: bool('管理员重置密码后须先修改密码（此前只能修改密码或退出）'),
      mustEnrolSecondFactor: bool('系统管理员须先启用双因素认证（此前只能绑定验证器或退出）'),
    },
    '当前用户',
  ),
  required: Object.keys(ACTOR_PROPERTIES),
};
const LOGIN_SCHEMA = object({
  ...TOKEN_SCHEMA.properties,
  user: ACTOR_SCHEMA,
  secondFactorRequired: bool('已启用双因素认证：无令牌，须以 challenge 和动态验证码调用 /auth/login/second-factor'),
  challenge: str('登录第二步的凭据（5 分钟内有效）'),
});

@ApiTags('auth')
@Controller(`${API}/auth`)
export class AuthController {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly sessions: SessionTokensService,
    private readonly secondFactor: SecondFactorService,
  ) {}

  @ApiRoute({ summary: '登录，取得访问令牌', ok: LOGIN_SCHEMA, errors: [400, 401, 423] })
  @Public()
  @RateLimit(LOGIN_RATE_LIMIT)
  @UseGuards(LocalAuthGuard)
  @Post('login')
  @HttpCode(200)
  login(@Body() _credentials: LoginDto, @CurrentActor() actor: CredentialsResult) {
    if (actor.secondFactorPending) {
      return { secondFactorRequired: true, ...this.secondFactor.challengeFor(actor.userId) };
    }
    return { ...this.sessions.issueToken(actor), user: actor };
  }

  @ApiRoute({ summary: '当前用户', ok: ACTOR_SCHEMA })
  @ApiLoggedIn()
  @AnyRole()
  @BeforePasswordChange()
  @Get('me')
  me(@CurrentActor() actor: Actor): Actor {
    return actor;
  }

  @ApiRoute({ summary: '退出登录（令牌作废）', noContent: true })
  @ApiLoggedIn()
  @AnyRole()
  @BeforePasswordChange()
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentActor() actor: Actor): Promise<void> {
    await this.sessions.revoke(actor);
  }

  @ApiRoute({ summary: '换发令牌（不超过会话的最长时间）', ok: TOKEN_SCHEMA })
  @ApiLoggedIn()
  @AnyRole()
  @BeforePasswordChange()
  @Post('refresh')
  @HttpCode(200)
  refresh(@CurrentActor() actor: Actor) {
    return this.sessions.refresh(actor);
  }

  @ApiRoute({ summary: '修改本人密码', noContent: true, errors: [400] })
  @ApiLoggedIn()
  @AnyRole()
  @BeforePasswordChange()
  @Post('password')
  @HttpCode(204)
  async changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.credentials.changeOwnPassword(actor, dto.currentPassword, dto.newPassword);
  }
}
