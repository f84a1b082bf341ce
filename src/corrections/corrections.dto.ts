import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  Allow,
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  Min,
  Validate,
  ValidateIf,
} from 'class-validator';
import { IsoDate } from '../common/validators/iso-date.validator.js';
import { SESSION_MODES, type SessionMode } from '../mediation/mediation-session.entity.js';
import { ANSWER_CHANNELS, CHANNEL_LABELS, type AnswerChannel } from '../referral/party-answer.entity.js';
import { PARTY_ROLES, type PartyRole } from '../cases/party.entity.js';
import { PartyDto } from '../intake/register-case.dto.js';
import { oneOfMessage } from '../common/validators/one-of.js';
import {
  AGENT_KINDS,
  AGENT_KIND_LABELS,
  AGENT_POWERS,
  AGENT_POWER_LABELS,
  AGENT_SCOPES,
  AGENT_SCOPE_LABELS,
  type AgentKind,
  type AgentPower,
  type AgentScope,
} from '../cases/party-agent.entity.js';
import { SeenVersion } from '../common/validators/step-fields.js';

/** An optional field that may be cleared with null (a contact, an address). */
const Clearable = () => ValidateIf((_o, value) => value !== undefined && value !== null);
/** May be left out, but not set to null (the column is required). */
const NotNull = () => ValidateIf((_o, value) => value !== undefined);

export const Version = () => (target: object, key: string) => {
  ApiProperty({ description: '所见案件的版本（乐观锁）：他人已更正时返回 409' })(target, key);
  IsInt({ message: '应为整数' })(target, key);
  Min(1, { message: '应为正整数' })(target, key);
};

/** PATCH /cases/:id: the registration's own fields, corrected (更正登记). */
export class CorrectCaseDto {
  @Version()
  version!: number;

  @ApiPropertyOptional({ example: '民间借贷纠纷', description: '案由（调解员分派前可更正）' })
  @NotNull()
  @IsString()
  caseType?: string;

  @ApiPropertyOptional({ example: '12000.50', type: String, description: '标的额（元；调解员分派前可更正）' })
  @Allow() // checked with the registration's rules (case-input-rules.ts)
  claimAmount?: string | number;

  @ApiPropertyOptional({ description: '诉讼请求' })
  @NotNull()
  @IsString()
  @Length(1, 5000, { message: '诉讼请求应为 1 至 5000 字' })
  claims?: string;

  @ApiPropertyOptional({ description: '更正理由' })
  @IsOptional()
  @IsString()
  @Length(1, 500, { message: '更正理由应为 1 至 500 字' })
  reason?: string;
}

/** PATCH /cases/:id/parties/:partyId: a party's details, corrected; null clears an optional one. */
export class CorrectPartyDto {
  @Version()
  version!: number;

  @ApiPropertyOptional({ enum: PARTY_ROLES })
  @NotNull()
  @IsIn(PARTY_ROLES, { message: '应为 PLAINTIFF（申请人）、DEFENDANT（被申请人）或 THIRD_PARTY（第三人）' })
  role?: PartyRole;

  @ApiPropertyOptional({ example: '张三' })
  @NotNull()
  @IsString()
  @Length(1, 100, { message: '姓名或名称应为 1 至 100 个字' })
  name?: string;

  @ApiPropertyOptional({ description: '18 位公民身份号码（自然人）' })
  @Clearable()
  @IsString()
  idNumber?: string | null;

  @ApiPropertyOptional({ description: '18 位统一社会信用代码（组织）' })
  @Clearable()
  @IsString()
  creditCode?: string | null;

  @ApiPropertyOptional()
  @Clearable()
  @IsString()
  @Length(1, 50)
  legalRepresentative?: string | null;

  @ApiPropertyOptional({ example: '010-62345678转123', description: '手机号或带区号的固定电话' })
  @Clearable()
  @IsString()
  phone?: string | null;

  @ApiPropertyOptional()
  @Clearable()
  @IsString()
  @MaxLength(300, { message: '地址不能超过 300 字' })
  address?: string | null;

  @ApiPropertyOptional({ description: '送达地址（被申请人必填）' })
  @Clearable()
  @IsString()
  @MaxLength(300, { message: '送达地址不能超过 300 字' })
  serviceAddress?: string | null;

  @ApiPropertyOptional({ description: '更正理由' })
  @IsOptional()
  @IsString()
  @Length(1, 500, { message: '更正理由应为 1 至 500 字' })
  reason?: string;
}

/** POST /cases/:id/parties: one more party (添加当事人). */
export class AddPartyDto extends PartyDto {
  @Version()
  version!: number;
}

/** POST /cases/:id/parties/:partyId/agents: an agent or lawyer of the party (委托代理人). */
export class AddAgentDto {
  @ApiProperty({ enum: AGENT_KINDS })
  @IsIn(AGENT_KINDS, { message: oneOfMessage(AGENT_KIND_LABELS) })
  kind!: AgentKind;

  @ApiProperty({ example: '李律师' })
  @IsString()
  @Length(1, 100, { message: '姓名应为 1 至 100 个字' })
  name!: string;

  @ApiPropertyOptional({ description: '律师执业证号（律师必填）', example: '11101201810123456' })
  @IsOptional()
  @IsString()
  @Length(1, 40, { message: '执业证号应为 1 至 40 个字' })
  licenceNumber?: string;

  @ApiPropertyOptional({ description: '律师事务所或所在单位', example: '北京某某律师事务所' })
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: '单位应为 1 至 100 个字' })
  firm?: string;

  @ApiPropertyOptional({ example: '010-62345678' })
  @IsOptional()
  @IsString()
  phone?: string;

  @ApiProperty({ enum: AGENT_SCOPES, description: '代理权限：一般授权或特别授权' })
  @IsIn(AGENT_SCOPES, { message: oneOfMessage(AGENT_SCOPE_LABELS) })
  scope!: AgentScope;

  @ApiPropertyOptional({ enum: AGENT_POWERS, isArray: true, description: '特别授权的事项（特别授权必填）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(AGENT_POWERS.length)
  @IsIn(AGENT_POWERS, { each: true, message: oneOfMessage(AGENT_POWER_LABELS) })
  powers?: AgentPower[];

  @SeenVersion()
  version?: number;
}

/** POST /cases/:id/cancellation: 撤销登记 of a case registered by mistake. */
export class CancelCaseDto {
  @ApiProperty({ description: '撤销理由', example: '重复登记，与另一案件为同一纠纷' })
  @IsString()
  @Length(2, 500, { message: '撤销理由应为 2 至 500 字' })
  reason!: string;

  @SeenVersion()
  version?: number;
}

/** PATCH /cases/:id/answers/:answerId: how and when a party answered, corrected (with a reason). */
export class CorrectAnswerDto {
  @ApiPropertyOptional({ enum: ANSWER_CHANNELS })
  @NotNull()
  @IsIn(ANSWER_CHANNELS, { message: oneOfMessage(CHANNEL_LABELS) })
  channel?: AnswerChannel;

  @ApiPropertyOptional({ example: '2026-09-01', description: '答复日期' })
  @NotNull()
  @Validate(IsoDate)
  answeredOn?: string;

  @ApiPropertyOptional()
  @Clearable()
  @IsString()
  @Length(1, 500, { message: '备注应为 1 至 500 字' })
  note?: string | null;

  @ApiProperty({ description: '更正理由' })
  @IsString()
  @Length(2, 500, { message: '更正理由应为 2 至 500 字' })
  reason!: string;

  @SeenVersion()
  version?: number;
}

/** PATCH /cases/:id/sessions/:sessionId: a session's record corrected before mediation ends (with a reason). */
export class CorrectSessionDto {
  @ApiPropertyOptional({ example: '2026-09-10' })
  @NotNull()
  @Validate(IsoDate)
  heldOn?: string;

  @ApiPropertyOptional({ enum: SESSION_MODES })
  @NotNull()
  @IsIn(SESSION_MODES, { message: '应为 IN_PERSON（当面）、PHONE（电话）或 VIDEO（视频）' })
  mode?: SessionMode;

  @ApiPropertyOptional({ type: [String] })
  @NotNull()
  @IsArray()
  @ArrayMinSize(1, { message: '至少填写一名参加人员' })
  @ArrayMaxSize(20, { message: '参加人员不能超过 20 项' })
  @IsString({ each: true })
  @Length(1, 100, { each: true, message: '每项应为 1 至 100 字' })
  participants?: string[];

  @ApiPropertyOptional()
  @NotNull()
  @IsString()
  @Length(1, 5000, { message: '调解情况应为 1 至 5000 字' })
  notes?: string;

  @ApiProperty({ description: '更正理由' })
  @IsString()
  @Length(2, 500, { message: '更正理由应为 2 至 500 字' })
  reason!: string;

  @SeenVersion()
  version?: number;
}
