import { fileResponse } from '../common/http/file-response.js';
import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission } from '../auth/decorators.js';
import type { Actor } from '../common/actor.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute } from '../common/http/api-docs.js';
import { FilePackageService } from './file-package.service.js';

/** The case's electronic file (电子卷宗) for the court's case system: a ZIP with `manifest.json`. */
@ApiTags('casefile')
@ApiLoggedIn()
@Controller(`${API}/cases`)
export class FilePackageController {
  constructor(private readonly packages: FilePackageService) {}

  @ApiRoute({
    summary: '导出电子卷宗（ZIP：manifest.json 及全部文书、材料，各附 SHA-256）',
    file: ['application/zip'],
    errors: [403, 404],
  })
  @Permission('casefile.package')
  @Get(':id/file-package')
  @Header('Cache-Control', 'no-store')
  async filePackage(@CurrentActor() actor: Actor, @Param('id') id: string) {
    const built = await this.packages.build(actor, id);
    return fileResponse(built.stream, 'application/zip', built.fileName);
  }
}
