import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Min,
  Validate,
} from 'class-validator';
import { OnBehalfReason } from '../cases/on-behalf-reason.js';
import { IsoDate } from '../common/validators/iso-date.validator.js';
import { SESSION_MODES, type SessionMode } from './mediation-session.entity.js';

export class RecordSessionDto {
  @ApiProperty({ example: '2026-09-10', description: '调解日期（中国日期，不晚于今天，不早于同意调解之日）' })
  @Validate(IsoDate)
  heldOn!: string;

  @ApiProperty({ enum: SESSION_MODES, description: 'IN_PERSON 当面、PHONE 电话（联系当事人也记在这里）、VIDEO 视频' })
  @IsIn(SESSION_MODES, { message: '应为 IN_PERSON（当面）、PHONE（电话）或 VIDEO（视频）' })
  mode!: SessionMode;

  @ApiProperty({ example: ['申请人张三', '被申请人委托代理人李四'], description: '参加人员（1 至 20 项）' })
  @IsArray()
  @ArrayMinSize(1, { message: '至少填写一名参加人员' })
  @ArrayMaxSize(20, { message: '参加人员不能超过 20 项' })
  @IsString({ each: true })
  @Length(1, 100, { each: true, message: '每项应为 1 至 100 字' })
  participants!: string[];

  @ApiProperty({ example: '双方就还款期限交换了意见', description: '调解情况（不超过 5000 字）' })
  @IsString()
  @Length(1, 5000, { message: '调解情况应为 1 至 5000 字' })
  notes!: string;

  @OnBehalfReason()
  onBehalfReason?: string;

  @ApiPropertyOptional({ description: '客户端看到的案件版本（乐观锁）' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
