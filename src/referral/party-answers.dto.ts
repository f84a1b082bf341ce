import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Validate } from 'class-validator';
import { IsoDate } from '../common/validators/iso-date.validator.js';
import { oneOfMessage } from '../common/validators/one-of.js';
import {
  ANSWER_CHANNELS,
  ANSWER_DECISIONS,
  CHANNEL_LABELS,
  type AnswerChannel,
  type AnswerDecision,
} from './party-answer.entity.js';
import { OptionalNote, SeenVersion } from '../common/validators/step-fields.js';

export class RecordAnswerDto {
  @ApiProperty({ description: '当事人编号' })
  @IsUUID('all', { message: '当事人编号格式不正确' })
  partyId!: string;

  @ApiProperty({ enum: ANSWER_DECISIONS })
  @IsIn(ANSWER_DECISIONS, { message: '请选择同意调解或不同意调解' })
  decision!: AnswerDecision;

  @ApiProperty({ enum: ANSWER_CHANNELS })
  @IsIn(ANSWER_CHANNELS, { message: oneOfMessage(CHANNEL_LABELS) })
  channel!: AnswerChannel;

  @ApiPropertyOptional({ example: '2026-09-01', description: '答复日期（纸质意见补录时填写；默认今天）' })
  @IsOptional()
  @Validate(IsoDate)
  answeredOn?: string;

  @OptionalNote('当事人到窗口签署意见')
  note?: string;

  @SeenVersion()
  version?: number;
}
