import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, IsUUID, Length, Matches, Max, Min, Validate } from 'class-validator';
import { FILING_NUMBER_SOURCES, FILING_NUMBER_SOURCE_LABELS, type FilingNumberSource } from '../cases/procedure.js';
import { IsoDate } from '../common/validators/iso-date.validator.js';
import { oneOfMessage } from '../common/validators/one-of.js';
import { POPULATION_MAX, POPULATION_MIN, REPLY_DAYS_MAX, REPLY_DAYS_MIN } from './court.entity.js';
import { DIVISION_KINDS, type DivisionKind } from './division.entity.js';

const DIVISION_KIND_MESSAGE =
  '部门类别应为 FILING（立案庭）、TRIAL（审判庭）、ENFORCEMENT（执行局）、MANAGEMENT（审判管理）或 MEDIATION_CENTER（诉调对接中心）';

export class UpdateCourtDto {
  @ApiPropertyOptional({ example: '北京市朝阳区人民法院' })
  @IsOptional()
  @IsString()
  @Length(2, 60, { message: '法院名称为 2-60 个字' })
  name?: string;

  /** 辖区常住人口 (万人成讼率的分母), updated when the yearbook figure changes. */
  @ApiPropertyOptional({ example: 3_450_000 })
  @IsOptional()
  @IsInt({ message: '辖区常住人口应为整数' })
  @Min(POPULATION_MIN, { message: '辖区常住人口应大于 0' })
  @Max(POPULATION_MAX, { message: '辖区常住人口不应超过 1 亿' })
  population?: number;

  /** 联系电话 on the referral notice: a landline with area code, a mobile or a hotline such as 12368. */
  @ApiPropertyOptional({ example: '010-85990000' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9][0-9\-－ ]{3,30}(转[0-9]{1,6})?$/, { message: '请填写电话号码，如 010-85990000' })
  phone?: string;

  @ApiPropertyOptional({ example: '北京市朝阳区朝阳公园南路1号' })
  @IsOptional()
  @IsString()
  @Length(5, 200, { message: '法院地址为 5-200 个字' })
  address?: string;

  /** The platform's public address; the rating page (/rate) printed on the notice is under it. */
  @ApiPropertyOptional({ example: 'https://tiaojie.example.gov.cn' })
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: '请填写以 http:// 或 https:// 开头的网址' },
  )
  @Length(1, 200, { message: '网址不能超过 200 个字符' })
  publicUrl?: string;

  @ApiPropertyOptional({ example: 7, description: '当事人答复告知书的期限（日）' })
  @IsOptional()
  @IsInt({ message: '答复期限应为整数天' })
  @Min(REPLY_DAYS_MIN, { message: `答复期限为 ${REPLY_DAYS_MIN}-${REPLY_DAYS_MAX} 日` })
  @Max(REPLY_DAYS_MAX, { message: `答复期限为 ${REPLY_DAYS_MIN}-${REPLY_DAYS_MAX} 日` })
  noticeReplyDays?: number;

  @ApiPropertyOptional({ example: 2, description: '当事人共同选择调解员的期限（转入调解后的工作日数，1-10）' })
  @IsOptional()
  @IsInt({ message: '选择调解员的期限应为整数个工作日' })
  @Min(1, { message: '选择调解员的期限为 1-10 个工作日' })
  @Max(10, { message: '选择调解员的期限为 1-10 个工作日' })
  mediatorChoiceWorkingDays?: number;

  /** Who gives the court's 民初 (and 民特) numbers. */
  @ApiPropertyOptional({ enum: FILING_NUMBER_SOURCES, description: '民初、民特案号由谁编号' })
  @IsOptional()
  @IsIn(FILING_NUMBER_SOURCES, { message: oneOfMessage(FILING_NUMBER_SOURCE_LABELS) })
  filingNumbers?: FilingNumberSource;

  /** The court's switch to the 2025 procedure: no old 诉前调解 registration on or after this day. */
  @ApiPropertyOptional({ example: '2025-01-01', description: '停止以诉前调解登记新案件之日（YYYY-MM-DD）' })
  @IsOptional()
  @Validate(IsoDate)
  legacyUntil?: string;
}

export class CreateDivisionDto {
  @ApiProperty({ example: '民二庭' })
  @IsString()
  @Length(1, 30, { message: '部门名称为 1-30 个字' })
  name!: string;

  @ApiProperty({ enum: DIVISION_KINDS })
  @IsIn(DIVISION_KINDS, { message: DIVISION_KIND_MESSAGE })
  kind!: DivisionKind;
}

export class UpdateDivisionDto {
  @ApiPropertyOptional({ example: '民二庭' })
  @IsOptional()
  @IsString()
  @Length(1, 30, { message: '部门名称为 1-30 个字' })
  name?: string;

  @ApiPropertyOptional({ enum: DIVISION_KINDS })
  @IsOptional()
  @IsIn(DIVISION_KINDS, { message: DIVISION_KIND_MESSAGE })
  kind?: DivisionKind;

  /** 庭长: a user of the court; null removes the head. */
  @ApiPropertyOptional({ type: String, nullable: true, description: '部门负责人（庭长）的用户 id；null 表示不设' })
  @IsOptional()
  @IsUUID('all', { message: '应为用户 id' })
  headUserId?: string | null;
}
