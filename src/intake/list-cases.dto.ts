import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, Validate } from 'class-validator';
import { IsoDate } from '../common/validators/iso-date.validator.js';
import { CASE_STATUS_LABELS, CASE_STATUSES, type CaseStatus } from '../cases/case-status.js';
import { oneOfMessage } from '../common/validators/one-of.js';
import { isNil, onlyKeys, plainLengthWithin, registerCertainlyValid } from '../common/http/validation.pipe.js';

export const LIST_DEFAULT_LIMIT = 20;
const LIST_MAX_LIMIT = 100;

/** `status=A,B` and `status=A&status=B` both give ['A', 'B']. */
const commaList = ({ value }: { value: unknown }) =>
  (Array.isArray(value) ? value : [value])
    .flatMap((v) => String(v).split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');

/** GET /cases: worklist filters, newest first, paged by an opaque cursor. */
export class ListCasesQuery {
  @ApiPropertyOptional({ description: '状态，可逗号分隔多个', example: 'REGISTERED,NOTICE_ISSUED' })
  @IsOptional()
  @Transform(commaList)
  @IsArray()
  @IsIn(CASE_STATUSES, { each: true, message: `${oneOfMessage(CASE_STATUS_LABELS)}（可逗号分隔多个）` })
  status?: CaseStatus[];

  @ApiPropertyOptional({ description: '案由', example: '金融借款合同纠纷' })
  @IsOptional()
  @IsString()
  @Length(1, 50, { message: '案由应为 1 至 50 字' })
  caseType?: string;

  @ApiPropertyOptional({ description: '登记日期起（含，中国日期）', example: '2026-01-01' })
  @IsOptional()
  @Validate(IsoDate)
  from?: string;

  @ApiPropertyOptional({ description: '登记日期止（含，中国日期）', example: '2026-12-31' })
  @IsOptional()
  @Validate(IsoDate)
  to?: string;

  @ApiPropertyOptional({
    description:
      '当事人名称（部分匹配），或完整的身份证号、统一社会信用代码（按号码查询属于查看个人信息：仅限立案窗口、诉调对接中心和调解员本人案件，计入每小时查看次数并留痕）',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: '查询内容应为 1 至 100 字' })
  q?: string;

  @ApiPropertyOptional({ description: '登记人（立案窗口工作人员）用户编号' })
  @IsOptional()
  @IsUUID('all', { message: '应为用户编号（UUID）' })
  clerk?: string;

  @ApiPropertyOptional({ description: '调解员（名册）编号' })
  @IsOptional()
  @IsUUID('all', { message: '应为调解员编号（UUID）' })
  mediatorId?: string;

  @ApiPropertyOptional({ description: '批量立案的批次编号（批次的 id）' })
  @IsOptional()
  @IsUUID('all', { message: '应为批次编号（UUID）' })
  batchId?: string;

  @ApiPropertyOptional({ description: '银行业务编号（完整匹配）', example: 'JK-000001' })
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: '银行业务编号应为 1 至 100 个字符' })
  externalRef?: string;

  @ApiPropertyOptional({ description: '上一页返回的 nextCursor' })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: '翻页标记不正确' })
  cursor?: string;

  @ApiPropertyOptional({ description: `每页条数，默认 ${LIST_DEFAULT_LIMIT}，最多 ${LIST_MAX_LIMIT}` })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '应为整数' })
  @Min(1, { message: '至少为 1' })
  @Max(LIST_MAX_LIMIT, { message: `不能超过 ${LIST_MAX_LIMIT}` })
  limit?: number;
}

const LIST_KEYS: ReadonlySet<string> = new Set([
  'status',
  'caseType',
  'from',
  'to',
  'q',
  'clerk',
  'mediatorId',
  'batchId',
  'externalRef',
  'cursor',
  'limit',
]);

/**
 * The worklist as a clerk opens it (statuses, cursor, limit) is certainly valid by ListCasesQuery's decorators
 * when this says so; any other filter, and anything in doubt, goes to class-validator.
 */
export function certainlyValidListQuery(query: ListCasesQuery): boolean {
  const { status, cursor, limit } = query;
  return (
    onlyKeys(query, LIST_KEYS) &&
    (isNil(status) ||
      (Array.isArray(status) && status.every((s) => (CASE_STATUSES as readonly unknown[]).includes(s)))) &&
    [
      query.caseType,
      query.from,
      query.to,
      query.q,
      query.clerk,
      query.mediatorId,
      query.batchId,
      query.externalRef,
    ].every(isNil) &&
    (isNil(cursor) || plainLengthWithin(cursor, 1, 200)) &&
    (isNil(limit) || (typeof limit === 'number' && Number.isInteger(limit) && limit >= 1 && limit <= LIST_MAX_LIMIT))
  );
}

registerCertainlyValid(ListCasesQuery, certainlyValidListQuery);
