import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';

const REASON_MESSAGE = '请填写撤回理由（1 至 500 字）';

export class WithdrawAttachmentDto {
  @ApiProperty({ example: '误传了另一案件的材料' })
  @IsString({ message: REASON_MESSAGE })
  @Length(1, 500, { message: REASON_MESSAGE })
  @Matches(/\S/, { message: REASON_MESSAGE })
  reason!: string;
}

export class DownloadAttachmentQuery {
  @ApiPropertyOptional({ description: 'true：已撤回的材料也下载（书记员、诉调对接中心）' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: '应为 true 或 false' })
  includeWithdrawn?: string;
}

export class SessionRecordQuery {
  @ApiPropertyOptional({ description: 'session-record：哪一次调解（默认最近一次）' })
  @IsOptional()
  @IsString({ message: '编号格式不正确' })
  sessionId?: string;
}
