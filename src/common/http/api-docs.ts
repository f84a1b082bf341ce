// What the API document (/api/docs-json) says about each route: a summary, the success response with its
// schema, and the error responses, all in the one error shape. test/e2e/openapi-contract.e2e.spec.ts fails
// when a route of /api/v1 lacks one of them.
import { applyDecorators, type Type } from '@nestjs/common';
import { RouteSchema } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import type { SchemaObject } from './schemas.js';

// The schema builders are defined in schemas.ts; the files that import them from here still can.
export * from './schemas.js';

/** The one error shape of every 4xx/5xx answer (see error-body.ts), as a schema component. */
class ErrorBodyDoc {
  @ApiProperty({ example: 404, description: 'HTTP 状态码' })
  statusCode!: number;

  @ApiProperty({ example: 'CASE_NOT_FOUND', description: '稳定的错误代码（大写下划线），供程序判断' })
  code!: string;

  @ApiProperty({ example: '案件不存在，或您无权查看该案件', description: '给人看的中文说明' })
  message!: string;

  @ApiPropertyOptional({
    description: '400 时逐项列出有误的字段 [{field, code, message}]；其他错误可带补充信息',
    oneOf: [
      {
        type: 'array',
        items: {
          type: 'object',
          required: ['field', 'code', 'message'],
          properties: { field: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } },
        },
      },
      { type: 'object', additionalProperties: true },
    ],
  })
  details?: unknown;

  @ApiProperty({ description: '本次请求的编号，与响应头 X-Request-Id 及日志、案件历史一致' })
  requestId!: string;
}

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 423 | 429 | 503;

const ERROR_MEANING: Record<ErrorStatus, string> = {
  400: '请求内容有误（VALIDATION_FAILED 等；details 逐项说明）',
  401: '未登录、登录已失效或凭据错误（UNAUTHENTICATED / INVALID_CREDENTIALS）',
  403: '当前角色无权执行此操作（FORBIDDEN）',
  404: '记录不存在，或不在您可查看的范围内（两者不加区分）',
  409: '与当前状态冲突：状态不允许（ILLEGAL_TRANSITION）、版本已变（STALE_VERSION）、重复或 Idempotency-Key 冲突',
  413: '提交的内容或文件过大',
  415: '不支持的内容类型',
  422: '内容格式正确，但业务规则不允许',
  423: '账户因多次登录失败已被暂时锁定',
  429: '请求过于频繁（details.retryAfterSeconds 为需等待的秒数）',
  503: '服务或数据库暂不可用，请稍后重试',
};

/** Error responses, each described and in the shared error shape. Works on a controller or a handler. */
export const ApiErrors = (...statuses: ErrorStatus[]) =>
  applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: ERROR_MEANING[status], type: ErrorBodyDoc })),
  );

/** On a controller whose routes all need a login: the bearer token, and 401 without it. */
export const ApiLoggedIn = () => applyDecorators(ApiBearerAuth(), ApiErrors(401));

/** A success body: a class with @ApiProperty, a list of one (`[Class]`), or a JSON schema. */
type Body = Type<unknown> | [Type<unknown>] | SchemaObject;

interface RouteDoc {
  summary: string;
  description?: string;
  /** 200 with this body. */
  ok?: Body;
  /** 201 with this body (POST without @HttpCode). */
  created?: Body;
  /** 204 without a body. */
  noContent?: true;
  /** 200 with a file of one of these media types (with `ok`: JSON or the file, by the query). */
  file?: string[];
  /** The error responses besides 401 (which ApiLoggedIn gives a whole controller). */
  errors?: ErrorStatus[];
}

const isSchema = (body: Body): body is SchemaObject => typeof body === 'object' && !Array.isArray(body);

function successOf(status: number, body: Body, description: string) {
  return isSchema(body)
    ? ApiResponse({ status, description, schema: body })
    : ApiResponse({ status, description, type: body });
}

/** The media type of a spreadsheet download. */
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const binary = { schema: { type: 'string', format: 'binary' } };

function successResponse(doc: RouteDoc) {
  if (doc.ok && doc.file && isSchema(doc.ok)) {
    const content = { 'application/json': { schema: doc.ok }, ...Object.fromEntries(doc.file.map((t) => [t, binary])) };
    return ApiResponse({ status: 200, description: 'JSON，或所请求格式的文件', content });
  }
  if (doc.ok) return successOf(200, doc.ok, '成功');
  if (doc.created) return successOf(201, doc.created, '已创建或已记录');
  if (doc.noContent) return ApiResponse({ status: 204, description: '成功，无响应内容' });
  if (doc.file) {
    const content = Object.fromEntries(doc.file.map((type) => [type, binary]));
    return ApiResponse({ status: 200, description: '文件（Content-Disposition 给出文件名）', content });
  }
  throw new Error(`ApiRoute "${doc.summary}": say what a success answers (ok, created, noContent or file)`);
}

/** Everything the API document says about one route. */
export const ApiRoute = (doc: RouteDoc) =>
  applyDecorators(
    ApiOperation({ summary: doc.summary, description: doc.description }),
    successResponse(doc),
    ApiErrors(...(doc.errors ?? [])),
  );

/** The schema without what only people read, and without `required` (a missing property stays omitted). */
function serializerSchema(schema: SchemaObject): SchemaObject {
  const {
    required: _required,
    description: _description,
    example: _example,
    ...rest
  } = schema as Record<string, unknown>;
  const copy: Record<string, unknown> = { ...rest };
  if (rest.properties) {
    const properties = rest.properties as Record<string, SchemaObject>;
    copy.properties = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, serializerSchema(v)]));
  }
  if (rest.items) copy.items = serializerSchema(rest.items as SchemaObject);
  return copy as SchemaObject;
}

/**
 * Serialises a 200 answer with Fastify's compiled serializer (fast-json-stringify), faster than
 * JSON.stringify. It writes only the properties in the schema, so use it only with a complete schema of the
 * view, on a route whose e2e tests assert the whole body.
 */
export const SerializedAs = (schema: SchemaObject) => RouteSchema({ response: { 200: serializerSchema(schema) } });
