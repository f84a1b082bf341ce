import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Min,
} from 'class-validator';

import { oneOfMessage } from '../common/validators/one-of.js';
import {
  ASSESSMENT_LABELS,
  ASSESSMENTS,
  PRIORITIES,
  PRIORITY_LABELS,
  type Assessment,
  type Priority,
} from './consultation-rules.js';
import { PageCursor, PageLimit } from '../common/validators/page-fields.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimEach = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value;

export class SendConsultationDto {
  @ApiProperty({ description: '案件 id' })
  @IsUUID('all', { message: '案件编号格式不正确' })
  caseId!: string;

  @ApiProperty({
    example: ['被告名下是否有可供执行的财产', '被告是否有被执行记录/失信记录', '是否建议申请诉前财产保全'],
    description: '咨询事项，1 至 10 项，每项 1 至 500 字',
  })
  @Transform(trimEach)
  @IsArray({ message: '应为咨询事项列表' })
  @ArrayMinSize(1, { message: '至少填写一项咨询事项' })
  @ArrayMaxSize(10, { message: '咨询事项不能超过 10 项' })
  @IsString({ each: true, message: '每项应为文本' })
  @Length(1, 500, { each: true, message: '每项应为 1 至 500 字' })
  questions!: string[];

  @ApiPropertyOptional({ description: '其他需要说明的问题' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 2000, { message: '应为 1 至 2000 字' })
  otherQuestion?: string;

  @ApiProperty({ enum: PRIORITIES, description: 'NORMAL 普通，URGENT 加急' })
  @IsIn(PRIORITIES, { message: oneOfMessage(PRIORITY_LABELS) })
  priority!: Priority;
}

class OpinionFields {
  @ApiProperty({ enum: ASSESSMENTS, description: '可执行 / 部分可执行 / 难以执行' })
  @IsIn(ASSESSMENTS, { message: oneOfMessage(ASSESSMENT_LABELS) })
  assessment!: Assessment;

  @ApiProperty({ description: '意见及理由，1 至 5000 字' })
  @Transform(trim)
  @IsString()
  @Length(1, 5000, { message: '意见应为 1 至 5000 字' })
  opinion!: string;

  @ApiPropertyOptional({ example: ['诉前财产保全', '提供担保', '分期履行'], description: '建议，最多 10 项' })
  @IsOptional()
  @Transform(trimEach)
  @IsArray({ message: '应为建议列表' })
  @ArrayMaxSize(10, { message: '建议不能超过 10 项' })
  @IsString({ each: true, message: '每项应为文本' })
  @Length(1, 500, { each: true, message: '每项应为 1 至 500 字' })
  suggestions?: string[];

  @ApiPropertyOptional({ description: '乐观锁：所见咨询函的 version' })
  @IsOptional()
  @IsInt({ message: '应为整数' })
  @Min(1)
  version?: number;
}

export class ReplyDto extends OpinionFields {}

export class CorrectReplyDto extends OpinionFields {
  @ApiProperty({ description: '更正原因，1 至 1000 字' })
  @Transform(trim)
  @IsString()
  @Length(1, 1000, { message: '更正原因应为 1 至 1000 字' })
  reason!: string;
}

const BOXES = ['inbox', 'outbox'] as const;
export type Box = (typeof BOXES)[number];
export const STATUS_FILTERS = ['SENT', 'REPLIED', 'OVERDUE'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export class ListConsultationsQuery {
  @ApiPropertyOptional({ enum: BOXES, description: 'inbox：执行局收件箱；outbox：本部门发件箱（默认按角色）' })
  @IsOptional()
  @IsIn(BOXES, { message: '应为 inbox（收件箱）或 outbox（发件箱）' })
  box?: Box;

  @ApiPropertyOptional({ enum: STATUS_FILTERS, description: 'SENT 待答复，REPLIED 已答复，OVERDUE 超期（未按期答复）' })
  @IsOptional()
  @IsIn(STATUS_FILTERS, { message: '应为 SENT（待答复）、REPLIED（已答复）或 OVERDUE（超期）' })
  status?: StatusFilter;

  @PageCursor()
  cursor?: string;

  @PageLimit()
  limit?: number;
}
