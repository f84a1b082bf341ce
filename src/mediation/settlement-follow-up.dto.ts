import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, MaxLength, Validate } from 'class-validator';
import { IsoDate } from '../common/validators/iso-date.validator.js';
import { CONFIRMATION_DECISIONS, type ConfirmationDecision } from './judicial-confirmation.entity.js';
import { PERFORMANCE_STATUSES, type PerformanceStatus } from './mediation-outcome.entity.js';
import { SeenVersion } from '../common/validators/step-fields.js';

export class RecordPerformanceDto {
  @ApiProperty({ enum: PERFORMANCE_STATUSES, description: '履行情况：全部履行、部分履行、未履行' })
  @IsIn(PERFORMANCE_STATUSES, {
    message: '应为 PERFORMED_IN_FULL（全部履行）、PERFORMED_IN_PART（部分履行）或 NOT_PERFORMED（未履行）',
  })
  status!: PerformanceStatus;

  @ApiPropertyOptional({ example: '2026-12-31', description: '登记的履行情况所依据的日期，默认今天' })
  @IsOptional()
  @Validate(IsoDate)
  recordedOn?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000, { message: '说明不能超过 1000 字' })
  note?: string;
}

export class ApplyJudicialConfirmationDto {
  @ApiProperty({ example: '2026-10-10', description: '申请司法确认之日（协议生效之日起三十日内，不晚于今天）' })
  @Validate(IsoDate)
  appliedOn!: string;

  @ApiPropertyOptional({
    example: '(2026)京0105民特12号',
    description: '民特案号：由审判流程管理系统编号的法院必填；由平台编号的法院不填，自动按序编号',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: '案号应为 1 至 100 字' })
  applicationNumber?: string;

  @SeenVersion()
  version?: number;
}

export class RecordJudicialConfirmationDto {
  @ApiPropertyOptional({
    example: '2026-10-10',
    description: '申请司法确认之日：已登记申请的不填；2025年前的诉前调解案件一次登记时必填',
  })
  @IsOptional()
  @Validate(IsoDate)
  appliedOn?: string;

  @ApiProperty({ enum: CONFIRMATION_DECISIONS, description: 'CONFIRMED 裁定确认有效，REJECTED 裁定驳回申请' })
  @IsIn(CONFIRMATION_DECISIONS, { message: '应为 CONFIRMED（确认有效）或 REJECTED（驳回申请）' })
  decision!: ConfirmationDecision;

  @ApiPropertyOptional({ example: '2026-10-15', description: '裁定之日，默认今天' })
  @IsOptional()
  @Validate(IsoDate)
  decidedOn?: string;

  @ApiPropertyOptional({
    example: '(2026)京0105民特12号',
    description: '裁定书案号：已登记申请的即申请的民特案号，不填；2025年前的案件一次登记且确认有效时必填',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: '裁定书案号应为 1 至 100 字' })
  rulingNumber?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000, { message: '说明不能超过 1000 字' })
  note?: string;

  @SeenVersion()
  version?: number;
}
