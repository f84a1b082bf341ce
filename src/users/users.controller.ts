import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { Idempotent } from '../common/http/idempotency.interceptor.js';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { CurrentActor, Permission } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute, arrayOf } from '../common/http/api-docs.js';
import { userSchema } from './user-view.schema.js';
import { ResetPasswordDto } from '../auth/login.dto.js';
import { CreateUserDto, UpdateUserDto } from './users.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiLoggedIn()
@Controller(`${API}/users`)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @ApiRoute({ summary: '本院用户', ok: arrayOf(userSchema), errors: [403] })
  @Permission('users.manage')
  @Get()
  list(@CurrentActor() actor: Actor) {
    return this.users.list(actor);
  }

  @ApiRoute({ summary: '查看用户', ok: userSchema, errors: [403, 404] })
  @Permission('users.manage')
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.users.get(actor, id);
  }

  @ApiRoute({ summary: '新增用户', created: userSchema, errors: [400, 403, 409] })
  @Permission('users.manage')
  @Post()
  @Idempotent()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto) {
    return this.users.create(actor, dto);
  }

  @ApiRoute({ summary: '修改用户（角色、停用）', ok: userSchema, errors: [400, 403, 404, 409] })
  @Permission('users.manage')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(actor, id, dto);
  }

  @ApiRoute({ summary: '重置用户密码', noContent: true, errors: [400, 403, 404] })
  @Permission('users.manage')
  @Post(':id/password-reset')
  @HttpCode(204)
  async resetPassword(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: ResetPasswordDto) {
    await this.users.resetPassword(actor, id, dto.newPassword);
  }
}
