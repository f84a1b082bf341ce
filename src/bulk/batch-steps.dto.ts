import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min, Validate } from 'class-validator';
import type { TrialProcedure } from '../cases/procedure.js';
import { IsoDate } from '../common/validators/iso-date.validator.js';
import { OptionalNote } from '../common/validators/step-fields.js';
import { TrialProcedureChoice } from '../intake/trial-procedure.dto.js';

export class BatchFileQuery {
  @ApiPropertyOptional({ enum: ['xlsx', 'csv'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['xlsx', 'csv'], { message: '应为 xlsx 或 csv' })
  format?: 'xlsx' | 'csv';
}

export class BatchNoticesPdfQuery {
  @ApiPropertyOptional({ description: '第几部分（每个文件至多 300 份告知书）', default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '应为整数' })
  @Min(1, { message: '应不小于 1' })
  @Max(1000, { message: '应不大于 1000' })
  part?: number;
}

/** 批量申请司法确认: the day of the applications (each case's own 30-day rule decides). */
export class BulkJudicialConfirmationDto {
  @ApiProperty({ example: '2026-10-10', description: '申请司法确认之日（各案协议生效之日起三十日内，不晚于今天）' })
  @Validate(IsoDate)
  appliedOn!: string;
}

/** 批量登记起诉立案 of the batch's voluntary cases that did not settle. */
export class BulkFilingDto {
  @TrialProcedureChoice()
  trialProcedure!: TrialProcedure;

  @OptionalNote('申请人持调解不成的材料起诉')
  note?: string;
}
