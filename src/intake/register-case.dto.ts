import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PARTY_KINDS, PARTY_ROLES, type PartyKind, type PartyRole } from '../cases/party.entity.js';
import { PROCEDURES, TRIAL_PROCEDURES, type Procedure, type TrialProcedure } from '../cases/procedure.js';
import { isNil, onlyKeys, plainLengthWithin, registerCertainlyValid } from '../common/http/validation.pipe.js';
import { MAX_ADDRESS_CHARS, MAX_CLAIMS_CHARS, MAX_PARTIES, MAX_PARTY_NAME_CHARS } from './case-size-limits.js';
import { PARTY_DETAIL_KEYS } from '../cases/party-columns.js';

export class PartyDto {
  @ApiProperty({ enum: PARTY_ROLES })
  @IsIn(PARTY_ROLES, { message: '应为 PLAINTIFF（申请人）、DEFENDANT（被申请人）或 THIRD_PARTY（第三人）' })
  role!: PartyRole;

  @ApiProperty({ enum: PARTY_KINDS })
  @IsIn(PARTY_KINDS, { message: '应为 PERSON（自然人）或 ORGANIZATION（法人或其他组织）' })
  kind!: PartyKind;

  @ApiProperty({ example: '张三' })
  @IsString()
  @Length(1, MAX_PARTY_NAME_CHARS, { message: `姓名或名称应为 1 至 ${MAX_PARTY_NAME_CHARS} 个字` })
  name!: string;

  @ApiPropertyOptional({ description: '18 位公民身份号码（自然人）' })
  @IsOptional()
  @IsString()
  idNumber?: string;

  @ApiPropertyOptional({ description: '18 位统一社会信用代码（组织）' })
  @IsOptional()
  @IsString()
  creditCode?: string;

  @ApiPropertyOptional({ description: '法定代表人或负责人（组织）' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  legalRepresentative?: string;

  @ApiPropertyOptional({ example: '13800138000' })
  @IsOptional()
  @IsString()
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(MAX_ADDRESS_CHARS, { message: `地址不能超过 ${MAX_ADDRESS_CHARS} 字` })
  address?: string;

  @ApiPropertyOptional({ description: '送达地址（被申请人必填）' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_ADDRESS_CHARS, { message: `送达地址不能超过 ${MAX_ADDRESS_CHARS} 字` })
  serviceAddress?: string;
}

export class RegisterCaseDto {
  @ApiProperty({ example: '民间借贷纠纷', description: '案由，取自配置的案由列表' })
  @IsString()
  caseType!: string;

  @ApiProperty({ example: '12000.50', description: '诉讼请求金额（元，最多两位小数）', type: String })
  @Allow() // checked with the other domain rules in case-input-rules.ts
  claimAmount!: string | number;

  @ApiProperty({ example: '请求判令被告归还借款12000.50元' })
  @IsString()
  @Length(1, MAX_CLAIMS_CHARS, { message: `诉讼请求应为 1 至 ${MAX_CLAIMS_CHARS} 字` })
  claims!: string;

  @ApiProperty({ type: [PartyDto] })
  @IsArray()
  @ArrayMinSize(2, { message: '至少需要一名申请人和一名被申请人' })
  @ArrayMaxSize(MAX_PARTIES, { message: `当事人不能超过 ${MAX_PARTIES} 名` })
  @ValidateNested({ each: true })
  @Type(() => PartyDto)
  parties!: PartyDto[];

  @ApiPropertyOptional({ description: '立案人的外部编号，如银行借款合同号' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  externalRef?: string;

  @ApiPropertyOptional({
    enum: PROCEDURES,
    description: '适用程序；不填时按本院设置：切换日（legacyUntil）之前为诉前调解，之后为先行调解（POST_FILING）',
  })
  @IsOptional()
  @IsIn(PROCEDURES, {
    message: '应为 POST_FILING（先行调解）、VOLUNTARY（诉前引导·非诉讼调解）或 LEGACY_PRE_FILING（诉前调解，2025年前）',
  })
  procedure?: Procedure;

  @ApiPropertyOptional({ enum: TRIAL_PROCEDURES, description: '审理程序（先行调解必填）' })
  @IsOptional()
  @IsIn(TRIAL_PROCEDURES, { message: '应为 SIMPLE（简易程序）或 ORDINARY（普通程序）' })
  trialProcedure?: TrialProcedure;

  @ApiPropertyOptional({
    example: '(2026)京0105民初123号',
    description: '民初案号：本院由审判流程管理系统编号（EXTERNAL）时先行调解必填；由平台编号（OWN）时不填',
  })
  @IsOptional()
  @IsString()
  @Length(1, 40, { message: '应为 1 至 40 个字' })
  filingNumber?: string;
}

const REGISTER_KEYS: ReadonlySet<string> = new Set([
  'caseType',
  'claimAmount',
  'claims',
  'parties',
  'externalRef',
  'procedure',
  'trialProcedure',
  'filingNumber',
]);
const PARTY_KEYS: ReadonlySet<string> = new Set(PARTY_DETAIL_KEYS);

const optionalString = (value: unknown) => isNil(value) || typeof value === 'string';
const optionalLength = (value: unknown, min: number, max: number) => isNil(value) || plainLengthWithin(value, min, max);

/** The decorators of PartyDto, as one function; false where in doubt (class-validator then decides). */
function certainlyValidParty(party: unknown): boolean {
  if (!(party instanceof PartyDto) || !onlyKeys(party, PARTY_KEYS)) return false;
  return (
    (PARTY_ROLES as readonly unknown[]).includes(party.role) &&
    (PARTY_KINDS as readonly unknown[]).includes(party.kind) &&
    plainLengthWithin(party.name, 1, MAX_PARTY_NAME_CHARS) &&
    optionalString(party.idNumber) &&
    optionalString(party.creditCode) &&
    optionalLength(party.legalRepresentative, 1, 50) &&
    optionalString(party.phone) &&
    optionalLength(party.address, 0, MAX_ADDRESS_CHARS) &&
    optionalLength(party.serviceAddress, 0, MAX_ADDRESS_CHARS)
  );
}

/** The decorators of RegisterCaseDto, as one function (test/e2e/intake-validation.e2e.spec.ts words the errors). */
export function certainlyValidRegistration(dto: RegisterCaseDto): boolean {
  return (
    onlyKeys(dto, REGISTER_KEYS) &&
    typeof dto.caseType === 'string' &&
    plainLengthWithin(dto.claims, 1, MAX_CLAIMS_CHARS) &&
    Array.isArray(dto.parties) &&
    dto.parties.length >= 2 &&
    dto.parties.length <= MAX_PARTIES &&
    dto.parties.every(certainlyValidParty) &&
    optionalLength(dto.externalRef, 1, 100) &&
    (isNil(dto.procedure) || (PROCEDURES as readonly unknown[]).includes(dto.procedure)) &&
    (isNil(dto.trialProcedure) || (TRIAL_PROCEDURES as readonly unknown[]).includes(dto.trialProcedure)) &&
    optionalLength(dto.filingNumber, 1, 40)
  );
}

registerCertainlyValid(RegisterCaseDto, certainlyValidRegistration);
