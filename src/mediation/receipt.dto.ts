import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Min, Validate } from 'class-validator';
import { OnBehalfReason } from '../cases/on-behalf-reason.js';
import { IsoDate } from '../common/validators/iso-date.validator.js';

/** 签收: the day the mediator received the materials the court handed over. */
export class RecordReceiptDto {
  @ApiPropertyOptional({
    example: '2026-12-07',
    description: '签收材料之日（中国日期，不晚于今天，不早于分派之日），默认今天；调解期限自次日起算',
  })
  @IsOptional()
  @Validate(IsoDate)
  receivedOn?: string;

  @OnBehalfReason()
  onBehalfReason?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
