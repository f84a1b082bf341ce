import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { DIMENSIONS, type Dimension } from './indicator-queries.js';
import { MONTH_PATTERN, WEEK_PATTERN } from './statistics-period.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

const MONTH_MESSAGE = '应为月份，格式 YYYY-MM，例如 2026-10';
const BY_MESSAGE =
  '应为 mediator（调解员）、organization（调解组织）、caseType（案由）、division（部门）或 institution（申请机构）';

export class MonthlyQuery {
  @ApiProperty({ example: '2026-10', description: '月份（北京时间）' })
  @IsString({ message: MONTH_MESSAGE })
  @Matches(MONTH_PATTERN, { message: MONTH_MESSAGE })
  month!: string;

  @ApiPropertyOptional({ enum: DIMENSIONS, description: '分项统计' })
  @IsOptional()
  @IsIn(DIMENSIONS, { message: BY_MESSAGE })
  by?: Dimension;

  @ApiPropertyOptional({ description: '法院编号：只能是本院（其他法院的数据答复 404）' })
  @IsOptional()
  @IsString({ message: '应为法院编号' })
  courtId?: string;

  @ApiPropertyOptional({ description: '读取已关账月份的某一版本（默认最新版本）' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '应为正整数' })
  @Min(1, { message: '应为正整数' })
  @Max(1_000_000, { message: '应为正整数' })
  version?: number;
}

/** A month alone (赛马比拼 of the court's own place). */
export class MonthQuery {
  @ApiProperty({ example: '2026-10', description: '月份（北京时间）' })
  @IsString({ message: MONTH_MESSAGE })
  @Matches(MONTH_PATTERN, { message: MONTH_MESSAGE })
  month!: string;
}

const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class MonthlyExportQuery extends MonthlyQuery {
  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsIn(EXPORT_FORMATS, { message: '应为 xlsx 或 csv' })
  format!: ExportFormat;
}

export class CloseMonthDto {
  @ApiPropertyOptional({ description: '重新关账（更正）的理由；首次关账可不填' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: '应为文本' })
  @Length(1, 1000, { message: '理由应为 1 至 1000 字' })
  reason?: string;
}

export class WeeklyQuery {
  @ApiProperty({ example: '2026-W44', description: 'ISO 周（周一至周日，北京时间）' })
  @IsString({ message: '应为 ISO 周，格式 YYYY-Www，例如 2026-W44' })
  @Matches(WEEK_PATTERN, { message: '应为 ISO 周，格式 YYYY-Www，例如 2026-W44' })
  week!: string;
}

const SUBSIDY_FORMATS = ['json', 'xlsx'] as const;
type SubsidyFormat = (typeof SUBSIDY_FORMATS)[number];

export class SubsidiesQuery {
  @ApiProperty({ example: '2026-10', description: '月份（北京时间）' })
  @IsString({ message: MONTH_MESSAGE })
  @Matches(MONTH_PATTERN, { message: MONTH_MESSAGE })
  month!: string;

  @ApiPropertyOptional({ enum: SUBSIDY_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(SUBSIDY_FORMATS, { message: '应为 json 或 xlsx' })
  format?: SubsidyFormat;

  @ApiPropertyOptional({ description: '读取已关账月份某一版本冻结的补贴表（默认最新版本）' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '应为正整数' })
  @Min(1, { message: '应为正整数' })
  @Max(1_000_000, { message: '应为正整数' })
  version?: number;
}

export class PutSubsidyRatesDto {
  @ApiProperty({
    example: [
      { outcome: 'SETTLED', amount: '300.00' },
      { outcome: 'SETTLED', difficulty: 'COMPLEX', amount: '500.00' },
      { outcome: 'SETTLED', difficulty: 'COMPLEX', caseType: '建设工程施工合同纠纷', amount: '600.00' },
      { outcome: 'FAILED', amount: '100.00' },
      { outcome: 'WITHDRAWN', amount: '50.00' },
      { outcome: 'EXPIRED', amount: '0.00' },
    ],
    description:
      '本院全部补贴标准（整体替换）：每种结果须有一条基础标准（不分难易程度和案由），可另按难易程度（SIMPLE 简单、ORDINARY 一般、COMPLEX 复杂）、案由或两者设定',
  })
  @IsArray({ message: '应为补贴标准列表' })
  @ArrayMaxSize(200, { message: '补贴标准不能超过 200 条' })
  rates!: unknown[];
}

const WARNING_GROUPINGS = ['responsible'] as const;

export class WarningsQuery {
  @ApiPropertyOptional({ enum: WARNING_GROUPINGS, description: 'responsible：按责任人（调解员、执行局）分组' })
  @IsOptional()
  @IsIn(WARNING_GROUPINGS, { message: '应为 responsible（按责任人分组）' })
  by?: (typeof WARNING_GROUPINGS)[number];
}

export class PublicRatingDto {
  @ApiProperty({ example: 'K7M2-QX9P-4T', description: '告知书上的群众评价码' })
  @IsString({ message: '请填写评价码' })
  @Length(1, 64, { message: '请填写评价码' })
  code!: string;

  @ApiProperty({ minimum: 1, maximum: 5, description: '1 很不满意 … 5 很满意' })
  @IsInt({ message: '应为 1 至 5 的整数' })
  @Min(1, { message: '应为 1 至 5 的整数' })
  @Max(5, { message: '应为 1 至 5 的整数' })
  score!: number;

  @ApiPropertyOptional({ description: '意见建议，至多 500 字' })
  @IsOptional()
  @IsString({ message: '应为文本' })
  @Length(0, 500, { message: '意见建议不能超过 500 字' })
  comment?: string;
}

const PERIOD_MESSAGE = '应为月份（2026-10）、季度（2026-Q3）或年度（2026）';

/** A month, a quarter (季调度) or a year. */
export class ReportingPeriodQuery {
  @ApiProperty({ example: '2026-Q3', description: '月份 YYYY-MM、季度 YYYY-Qn 或年度 YYYY（北京时间）' })
  @IsString({ message: PERIOD_MESSAGE })
  @Length(4, 7, { message: PERIOD_MESSAGE })
  period!: string;
}

/** The court's own quarter or year, with one breakdown when asked (as the month's). */
export class CourtPeriodQuery extends ReportingPeriodQuery {
  @ApiPropertyOptional({ enum: DIMENSIONS, description: '分项统计（由各已关账月份的同一分组相加）' })
  @IsOptional()
  @IsIn(DIMENSIONS, { message: BY_MESSAGE })
  by?: Dimension;
}

export class ReportingPeriodExportQuery extends ReportingPeriodQuery {
  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsIn(EXPORT_FORMATS, { message: '应为 xlsx 或 csv' })
  format!: ExportFormat;
}

/** 调处成功率目标 of a basic court, set by the court above: a share between 0 and 1, or null to clear it. */
export class SuccessRateTargetDto {
  @ApiProperty({ example: 0.6, nullable: true, description: '目标调解成功率（0 至 1 之间的小数，如 0.6 即 60%）' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ maxDecimalPlaces: 4 }, { message: '应为 0 至 1 之间的小数，最多四位小数' })
  @Min(0, { message: '应为 0 至 1 之间的小数' })
  @Max(1, { message: '应为 0 至 1 之间的小数' })
  successRate!: number | null;
}
