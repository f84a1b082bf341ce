import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';

const REASON_MESSAGE = '请填写理由（1 至 500 字）';

export class AssignMediatorDto {
  @ApiProperty({ description: '调解员（名册）编号' })
  @IsUUID('all', { message: '编号格式不正确' })
  mediatorId!: string;

  @ApiProperty({ example: '擅长借贷纠纷，服务区域与当事人住所一致' })
  @IsString({ message: REASON_MESSAGE })
  @Length(1, 500, { message: REASON_MESSAGE })
  reason!: string;

  @ApiPropertyOptional({ description: '当事人从名册中选定的调解员' })
  @IsOptional()
  @IsBoolean({ message: '应为 true 或 false' })
  chosenByParties?: boolean;

  @ApiPropertyOptional({ description: '调解员在办案件已满时仍分派（须说明理由）' })
  @IsOptional()
  @IsBoolean({ message: '应为 true 或 false' })
  overrideCapacity?: boolean;

  @ApiPropertyOptional({ description: '案件版本号（乐观锁）' })
  @IsOptional()
  @IsInt({ message: '应为整数' })
  @Min(1, { message: '应为正整数' })
  version?: number;
}

export class RecusalDto {
  @ApiProperty({ example: '调解员与被申请人存在亲属关系' })
  @IsString({ message: REASON_MESSAGE })
  @Length(1, 500, { message: REASON_MESSAGE })
  reason!: string;

  @ApiPropertyOptional({ description: '回避的调解员，默认为案件当前调解员' })
  @IsOptional()
  @IsUUID('all', { message: '编号格式不正确' })
  mediatorId?: string;

  @ApiPropertyOptional({ description: '案件版本号（乐观锁）' })
  @IsOptional()
  @IsInt({ message: '应为整数' })
  @Min(1, { message: '应为正整数' })
  version?: number;
}

/** Most cases in one bulk assignment. */
export const BULK_MAX_CASES = 500;

export class BulkAssignmentDto {
  @ApiProperty({ description: '承接的调解组织' })
  @IsUUID('all', { message: '编号格式不正确' })
  organizationId!: string;

  @ApiProperty({ example: '金融借款合同纠纷' })
  @IsString({ message: '应为文本' })
  @Length(1, 50, { message: '应为 1 至 50 个字' })
  caseType!: string;

  @ApiPropertyOptional({ description: `指定案件；不填则为本院该案由全部待分派案件（最多 ${BULK_MAX_CASES} 件）` })
  @IsOptional()
  @IsArray({ message: '应为列表' })
  @ArrayMinSize(1, { message: '至少一件' })
  @ArrayMaxSize(BULK_MAX_CASES, { message: `一次最多 ${BULK_MAX_CASES} 件` })
  @IsUUID('all', { each: true, message: '编号格式不正确' })
  caseIds?: string[];

  @ApiProperty({ example: '银行批量案件集中委派' })
  @IsString({ message: REASON_MESSAGE })
  @Length(1, 500, { message: REASON_MESSAGE })
  reason!: string;
}

export class SuggestionsQuery {
  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '应为整数' })
  @Min(1, { message: '至少为 1' })
  @Max(100, { message: '不能超过 100' })
  limit?: number;
}
