import { HttpException, HttpStatus } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { DomainError } from '../errors.js';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
  requestId?: string;
}

const HTTP_CODES: Record<number, [string, string]> = {
  400: ['BAD_REQUEST', '请求格式不正确'],
  401: ['UNAUTHENTICATED', '请先登录'],
  403: ['FORBIDDEN', '您的角色无权执行此操作'],
  404: ['NOT_FOUND', '请求的地址不存在'],
  405: ['METHOD_NOT_ALLOWED', '不支持该请求方式'],
  406: ['NOT_ACCEPTABLE', '无法提供所请求的格式'],
  408: ['REQUEST_TIMEOUT', '请求超时，请重试'],
  409: ['CONFLICT', '请求与当前状态冲突'],
  413: ['PAYLOAD_TOO_LARGE', '提交的内容过大'],
  415: ['UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型'],
  422: ['UNPROCESSABLE', '请求无法处理'],
  429: ['TOO_MANY_REQUESTS', '请求过于频繁，请稍后再试'],
  503: ['SERVICE_UNAVAILABLE', '服务暂不可用，请稍后再试'],
};

// PostgreSQL error codes that mean "the request conflicts or is invalid", not "we broke".
const PG_ERRORS: Record<string, [number, string, string]> = {
  '23505': [409, 'DUPLICATE', '记录已存在，不能重复提交'],
  '23503': [409, 'REFERENCE_INVALID', '引用的记录不存在或仍被使用'],
  '23514': [422, 'CONSTRAINT_VIOLATED', '数据不符合规则'],
  '23502': [400, 'VALIDATION_FAILED', '缺少必填内容'],
  '22P02': [400, 'VALIDATION_FAILED', '字段格式不正确'],
  '22001': [400, 'VALIDATION_FAILED', '内容过长'],
  // A NUL character (or another byte the encoding refuses) in text.
  '22021': [400, 'VALIDATION_FAILED', '内容含有不允许的字符'],
  '22003': [400, 'VALIDATION_FAILED', '数值超出范围'],
  '22007': [400, 'VALIDATION_FAILED', '日期时间格式不正确'],
  '22008': [400, 'VALIDATION_FAILED', '日期时间超出范围'],
  '40001': [409, 'CONCURRENT_UPDATE', '他人正在同时修改该记录，请重试'],
  '40P01': [409, 'CONCURRENT_UPDATE', '他人正在同时修改该记录，请重试'],
  '55P03': [409, 'CONCURRENT_UPDATE', '记录正被他人处理，请稍后重试'],
  '57014': [503, 'DATABASE_TIMEOUT', '数据库响应超时，请稍后重试'],
  '57P01': [503, 'DATABASE_UNAVAILABLE', '数据库暂不可用，请稍后重试'],
  '57P03': [503, 'DATABASE_UNAVAILABLE', '数据库暂不可用，请稍后重试'],
  '53300': [503, 'DATABASE_UNAVAILABLE', '数据库连接已满，请稍后重试'],
};

const CONNECTION_ERRORS = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'];

function isConnectionFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || typeof (error as Error).message !== 'string') return false;
  // TypeORM's answer when the connection under a transaction died.
  if ((error as Error).constructor?.name === 'QueryRunnerAlreadyReleasedError') return true;
  const code = (error as { code?: string }).code;
  return (
    (code !== undefined && CONNECTION_ERRORS.includes(code)) ||
    /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|terminating connection|shutting down|starting up/i.test(
      (error as Error).message,
    )
  );
}

/**
 * The client closed the connection while its request was being read: Node's `aborted` (ECONNRESET) from the
 * request stream, which Fastify's body reader marks with a 4xx status. Not a database outage.
 */
function isClientAbort(error: unknown): boolean {
  const e = error as { message?: unknown; code?: unknown; statusCode?: unknown } | null;
  if (typeof e !== 'object' || e === null) return false;
  const fromRequest = e.message === 'aborted' || e.code === 'ECONNABORTED' || e.code === 'ERR_STREAM_PREMATURE_CLOSE';
  const markedByFastify = typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500;
  return fromRequest || (markedByFastify && (e.code === 'ECONNRESET' || e.code === 'EPIPE'));
}

/** The multipart parser's complaints about a broken upload (no boundary, truncated form). */
function isMalformedUpload(error: unknown): boolean {
  const message = (error as { message?: unknown } | null)?.message;
  return (
    typeof message === 'string' &&
    /^Multipart: |Malformed part header|Unexpected end of (form|multipart data)|Boundary not found/.test(message)
  );
}

/** A refusal lists at most this many problems, then one more entry counting the rest. */
const MAX_ERROR_DETAILS = 20;

/** The first MAX_ERROR_DETAILS problems of a list, and an entry saying how many more there were. */
function boundedDetails(details: unknown): unknown {
  if (!Array.isArray(details) || details.length <= MAX_ERROR_DETAILS) return details;
  const more = details.length - MAX_ERROR_DETAILS;
  return [
    ...details.slice(0, MAX_ERROR_DETAILS),
    { field: '', code: 'MORE_PROBLEMS', message: `另有 ${more} 处问题未列出，请先修改以上问题`, count: more },
  ];
}

/** Maps anything thrown while handling a request to the one error shape. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof DomainError) {
    return {
      statusCode: error.status,
      code: error.code,
      message: error.message,
      details: boundedDetails(error.details),
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const [code, message] = HTTP_CODES[status] ?? ['HTTP_ERROR', '请求无法完成'];
    return { statusCode: status, code, message };
  }
  if (error instanceof QueryFailedError || String((error as { code?: string } | null)?.code) in PG_ERRORS) {
    const pgCode = (error as unknown as { code?: string }).code ?? '';
    const mapped = PG_ERRORS[pgCode];
    if (mapped) {
      const constraint = (error as unknown as { constraint?: string }).constraint;
      return {
        statusCode: mapped[0],
        code: mapped[1],
        message: mapped[2],
        details: constraint ? { constraint } : undefined,
      };
    }
  }
  if (isMalformedUpload(error)) {
    return { statusCode: 400, code: 'UPLOAD_MALFORMED', message: '上传的内容格式不正确，请重新选择文件上传' };
  }
  // Before the database's connection errors: a client that went away mid-request has the same ECONNRESET.
  if (isClientAbort(error)) {
    return { statusCode: 400, code: 'REQUEST_ABORTED', message: '请求在传输中被中断，请重新提交' };
  }
  if (isConnectionFailure(error)) {
    return { statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: '数据库暂不可用，请稍后重试' };
  }
  const fastifyStatus = (error as { statusCode?: number })?.statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    const [code, message] = HTTP_CODES[fastifyStatus] ?? ['BAD_REQUEST', '请求格式不正确'];
    return { statusCode: fastifyStatus, code, message };
  }
  return {
    statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
    code: 'INTERNAL_ERROR',
    message: '系统内部错误，请联系管理员',
  };
}
