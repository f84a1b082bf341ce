import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
} from 'class-validator';
import { ANSWER_DECISIONS, type AnswerDecision } from '../referral/party-answer.entity.js';

export class InvitePartiesDto {
  @ApiPropertyOptional({ type: [String], description: '要邀请的当事人；不填：本案全部有手机号的当事人' })
  @IsOptional()
  @IsArray({ message: '应为当事人编号的列表' })
  @ArrayMaxSize(50, { message: '一次最多 50 人' })
  @IsUUID('all', { each: true, message: '当事人编号格式不正确' })
  partyIds?: string[];
}

export class RevokePartyAccessDto {
  @ApiProperty({ description: '当事人编号' })
  @IsUUID('all', { message: '当事人编号格式不正确' })
  partyId!: string;
}

export class StartPartySessionDto {
  @ApiProperty({ description: '短信链接中的令牌' })
  @IsString()
  @Length(20, 100, { message: '链接令牌格式不正确' })
  token!: string;

  @ApiProperty({ example: '张三', description: '当事人姓名或单位名称' })
  @IsString()
  @Length(1, 100, { message: '应为 1 至 100 字' })
  name!: string;

  @ApiProperty({ example: '31002X', description: '身份证号或统一社会信用代码的后六位' })
  @IsString()
  @Length(6, 12, { message: '请填写后六位' })
  idSuffix!: string;
}

export class VerifyPartyCodeDto {
  @ApiProperty({ example: '123456', description: '短信验证码' })
  @IsString()
  @Matches(/^\d{6}$/, { message: '应为 6 位数字' })
  code!: string;
}

export class PartyAnswerDto {
  @ApiProperty({ enum: ANSWER_DECISIONS })
  @IsIn(ANSWER_DECISIONS, { message: '应为 CONSENT（同意调解）或 REFUSE（不同意调解）' })
  decision!: AnswerDecision;
}

export class PartyServiceAddressDto {
  @ApiProperty({ example: '北京市朝阳区某某路1号', description: '送达地址' })
  @IsString()
  @Length(5, 200, { message: '应为 5 至 200 字' })
  address!: string;

  @ApiPropertyOptional({ example: 'zhangsan@example.com', description: '接收电子送达的电子邮箱' })
  @IsOptional()
  @IsEmail({}, { message: '电子邮箱格式不正确' })
  @Length(3, 200, { message: '应为 3 至 200 个字符' })
  email?: string;

  @ApiProperty({ description: '是否同意电子送达（短信、电子邮件、诉讼服务平台）' })
  @IsBoolean({ message: '应为 true 或 false' })
  consentToElectronicService!: boolean;
}

export class PartyFactsConfirmationDto {
  @ApiProperty({ description: '所阅读并确认的无争议事实文本的 SHA-256（小写十六进制，UTF-8）' })
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: '应为 64 位小写十六进制的 SHA-256' })
  sha256!: string;
}

export class PartyMessageDto {
  @ApiProperty({ description: '留言内容，1 至 1000 字', maxLength: 1000 })
  @IsString({ message: '应为文字' })
  @Length(1, 1000, { message: '应为 1 至 1000 字' })
  body!: string;
}

export class MediatorReplyDto extends PartyMessageDto {
  @ApiProperty({ description: '回复给哪一位当事人（每位当事人与调解员单独一组留言）' })
  @IsUUID('all', { message: '当事人编号格式不正确' })
  partyId!: string;
}

export class PartyMediatorChoiceDto {
  @ApiProperty({ description: '所选调解员（法院公布的调解员名册中的编号）' })
  @IsUUID('all', { message: '调解员编号格式不正确' })
  mediatorId!: string;
}
