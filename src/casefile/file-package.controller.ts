import { Controller, Get, Header, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission } from '../auth/decorators.js';
import type { Actor } from '../common/actor.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute } from '../common/http/api-docs.js';
import { filePackageStateSchema } from './casefile-view.schema.js';
import { FilePackageService } from './file-package.service.js';
import { FilePackageStateService } from './file-package-state.service.js';
import { filePackageResponse } from './file-package-response.js';

/** The case's electronic file (电子卷宗) for the court's case system: a ZIP with `manifest.json`. */
@ApiTags('casefile')
@ApiLoggedIn()
@Controller(`${API}/cases`)
export class FilePackageController {
  constructor(
    private readonly packages: FilePackageService,
    private readonly states: FilePackageStateService,
  ) {}

  @ApiRoute({
    summary: '导出电子卷宗（ZIP，manifest.json 附各文件 SHA-256；已移送的案件为移送时保存的卷宗，生成中返回 409）',
    file: ['application/zip'],
    errors: [403, 404, 409],
  })
  @Permission('casefile.package')
  @Get(':id/file-package')
  @Header('Cache-Control', 'no-store')
  async filePackage(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return filePackageResponse(await this.packages.build(actor, id), reply);
  }

  @ApiRoute({
    summary: '电子卷宗的生成状态（正在生成、已生成及其 SHA-256、生成失败及原因）',
    ok: filePackageStateSchema,
    errors: [403, 404],
  })
  @Permission('casefile.package')
  @Get(':id/file-package/state')
  @Header('Cache-Control', 'no-store')
  state(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.states.state(actor, id);
  }

  @ApiRoute({
    summary: '重新生成电子卷宗（仅限多次尝试后生成失败的；记入案件日志）',
    created: filePackageStateSchema,
    errors: [403, 404, 409],
  })
  @Permission('casefile.rebuildPackage')
  @Post(':id/file-package/rebuild')
  rebuild(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.states.rebuild(actor, id);
  }
}
