import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';

/** An instant with its offset (a time without one would be read in the server's zone). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const INSTANT_MESSAGE = '应为带时区的时间，如 2026-09-10T09:30:00+08:00';

export class ScheduleSessionDto {
  @ApiProperty({ example: '2026-09-10T09:30:00+08:00', description: '开始时间（今后，本院工作时间内）' })
  @IsString()
  @Matches(INSTANT, { message: INSTANT_MESSAGE })
  startsAt!: string;

  @ApiPropertyOptional({ example: '2026-09-10T10:30:00+08:00', description: '结束时间（不填：开始后 60 分钟）' })
  @IsOptional()
  @IsString()
  @Matches(INSTANT, { message: INSTANT_MESSAGE })
  endsAt?: string;

  @ApiPropertyOptional({ example: '第一调解室', description: '地点（不超过 200 字）' })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: '应为 1 至 200 字' })
  place?: string;

  @ApiPropertyOptional({ example: 'https://meeting.example.cn/j/123456', description: '视频调解链接（https）' })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: '不能超过 500 字' })
  videoUrl?: string;

  @ApiPropertyOptional({ description: '通知到场的当事人（本案当事人的编号；不填：全部当事人）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50, { message: '不能超过 50 项' })
  @IsUUID('all', { each: true, message: '每项应为当事人编号' })
  partyIds?: string[];
}

export class MoveSessionDto {
  @ApiProperty({ example: '2026-09-11T14:00:00+08:00', description: '新的开始时间' })
  @IsString()
  @Matches(INSTANT, { message: INSTANT_MESSAGE })
  startsAt!: string;

  @ApiPropertyOptional({ description: '新的结束时间（不填：开始后 60 分钟）' })
  @IsOptional()
  @IsString()
  @Matches(INSTANT, { message: INSTANT_MESSAGE })
  endsAt?: string;

  @ApiProperty({ example: '被申请人出差，申请改期', description: '改期原因（1 至 500 字）' })
  @IsString()
  @Length(1, 500, { message: '应为 1 至 500 字' })
  reason!: string;
}

export class SessionHeldDto {
  @ApiProperty({ description: '已记录的调解记录编号（POST /cases/:id/sessions 的结果）' })
  @IsUUID('all', { message: '应为调解记录编号' })
  recordedSessionId!: string;
}

export class SessionMissedDto {
  @ApiProperty({ description: '未到场的当事人（本案当事人的编号，至少一名）' })
  @IsArray()
  @ArrayMinSize(1, { message: '至少选择一名未到场的当事人' })
  @ArrayMaxSize(50, { message: '不能超过 50 项' })
  @IsUUID('all', { each: true, message: '每项应为当事人编号' })
  absentPartyIds!: string[];

  @ApiPropertyOptional({ description: '说明（不超过 500 字）' })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: '不能超过 500 字' })
  note?: string;
}
