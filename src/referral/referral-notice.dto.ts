import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { SeenVersion } from '../common/validators/step-fields.js';

export class IssueNoticeDto {
  @ApiPropertyOptional({
    description: '案由不适宜诉前调解而仍发送告知书的理由（记录在案）',
    example: '双方当事人均主动要求先行调解',
  })
  @IsOptional()
  @IsString()
  @Length(1, 500, { message: '理由应为 1 至 500 字' })
  overrideReason?: string;

  @SeenVersion()
  version?: number;
}

export class ServiceCopiesQuery {
  @ApiPropertyOptional({ description: '只打印这名当事人的送达本（默认每名当事人一份）' })
  @IsOptional()
  @IsUUID('all', { message: '应为当事人编号' })
  partyId?: string;
}
