import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission } from '../auth/decorators.js';
import type { Actor } from '../common/actor.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute } from '../common/http/api-docs.js';
import { FilePackageService } from './file-package.service.js';
import { filePackageResponse } from './file-package-response.js';

/** The case's electronic file (电子卷宗) for the court's case system: a ZIP with `manifest.json`. */
@ApiTags('casefile')
@ApiLoggedIn()
@Controller(`${API}/cases`)
export class FilePackageController {
  constructor(private readonly packages: FilePackageService) {}

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
}
