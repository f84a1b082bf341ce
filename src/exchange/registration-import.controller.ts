import { fileResponse } from '../common/http/file-response.js';
import { Controller, Get, Header, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Permission } from '../auth/decorators.js';
import type { Actor } from '../common/actor.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute, arrayOf, int, object, openObject, str, XLSX } from '../common/http/api-docs.js';
import { uploadParts } from '../common/http/multipart.js';
import { BatchTemplateQuery } from '../intake/batch-template.dto.js';
import { IMPORT_COLUMNS } from './import-columns.js';
import { RegistrationImportService } from './registration-import.service.js';

const rowSchema = object(
  Object.fromEntries(
    IMPORT_COLUMNS.map((c) => [c.field, str(`${c.header}${c.required ? '（必填）' : ''}：${c.note}`)]),
  ),
  '一行：字段名见导入模板（也可用中文列名）',
);

/** Registrations in from the court's case system (审判流程管理系统). */
@ApiTags('cases')
@ApiLoggedIn()
@Controller(`${API}/cases/imports`)
export class RegistrationImportController {
  constructor(private readonly imports: RegistrationImportService) {}

  @ApiRoute({
    summary: '从审判流程管理系统导入立案（JSON 行，或 CSV/XLSX 文件），逐行报告',
    created: object(
      {
        format: str('JSON | CSV | XLSX'),
        totalRows: int(),
        imported: int('已登记'),
        unchanged: int('本院已有同一案号、同一当事人：未改变'),
        refused: int('未导入'),
        rows: arrayOf(
          openObject(
            '每行结果：row 行号、status（IMPORTED/UNCHANGED/REFUSED）、filingNumber、caseId、errors（列、代码、原因）',
          ),
        ),
      },
      '逐行导入结果',
    ),
    errors: [400, 403, 413, 415, 422],
  })
  @Permission('cases.import')
  @Post()
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({
    schema: {
      oneOf: [
        { type: 'object', required: ['rows'], properties: { rows: arrayOf(rowSchema) } },
        {
          type: 'object',
          required: ['file'],
          properties: {
            file: { type: 'string', format: 'binary', description: 'CSV（UTF-8）或 XLSX，按立案导入模板' },
          },
        },
      ],
    },
  })
  import(@CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    if (request.isMultipart()) return this.imports.importUpload(actor, uploadParts(request));
    return this.imports.importJson(actor, request.body);
  }

  @ApiRoute({ summary: '下载立案导入模板（xlsx 或 csv，仅表头）', file: [XLSX, 'text/csv'], errors: [400, 403] })
  @Permission('cases.import')
  @Get('template')
  @Header('Cache-Control', 'no-store')
  async template(@Query() query: BatchTemplateQuery) {
    const file = await this.imports.template(query.format ?? 'xlsx');
    return fileResponse(file.content, file.contentType, file.fileName);
  }
}
