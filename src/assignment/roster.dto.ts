import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  Validate,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { phoneProblem } from '../common/validators/identity.js';
import { IsoDate } from '../common/validators/iso-date.validator.js';
import {
  ORGANIZATION_KIND_LABELS,
  ORGANIZATION_KINDS,
  type OrganizationKind,
} from './mediation-organization.entity.js';
import { oneOfMessage } from '../common/validators/one-of.js';
import { MEDIATOR_TYPES, type MediatorType } from './mediator.entity.js';

/** A mobile number or a landline with its area code (调解组织常用座机): the one rule, phoneProblem. */
const IsPhone = () =>
  ValidateBy({
    name: 'isPhone',
    validator: {
      validate: (v) => typeof v === 'string' && phoneProblem(v) === null,
      defaultMessage: () => PHONE_MESSAGE,
    },
  });
const PHONE_MESSAGE = '应为手机号或带区号的固定电话，如 13800138000、010-65001234 或 010-65001234转123';

/** May be left out of a PATCH, but not set to null (the column is required). */
const NotNullWhenPresent = () => ValidateIf((_object, value) => value !== undefined);

/** `?active=true|false` arrives as text. */
const QueryBoolean = () =>
  Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value), { toClassOnly: true });

export class CreateOrganizationDto {
  @ApiProperty({ example: '朝阳区人民调解委员会' })
  @IsString({ message: '应为文本' })
  @Length(1, 100, { message: '名称应为 1 至 100 个字' })
  name!: string;

  @ApiProperty({ enum: ORGANIZATION_KINDS })
  @IsIn(ORGANIZATION_KINDS, { message: oneOfMessage(ORGANIZATION_KIND_LABELS) })
  kind!: OrganizationKind;

  @ApiProperty({ example: '京朝人调备〔2026〕001号', description: '备案号（本院内唯一）' })
  @IsString({ message: '应为文本' })
  @Length(1, 50, { message: '备案号应为 1 至 50 个字' })
  registrationNumber!: string;

  @ApiProperty({ example: '朝阳区', description: '服务区域' })
  @IsString({ message: '应为文本' })
  @Length(1, 100, { message: '服务区域应为 1 至 100 个字' })
  region!: string;

  @ApiPropertyOptional({ example: '王主任' })
  @IsOptional()
  @IsString({ message: '应为文本' })
  @Length(1, 50, { message: '联系人应为 1 至 50 个字' })
  contactPerson?: string | null;

  @ApiPropertyOptional({ example: '010-65001234' })
  @IsOptional()
  @IsPhone()
  contactPhone?: string | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean({ message: '应为 true 或 false' })
  active?: boolean;
}

export class UpdateOrganizationDto {
  @ApiProperty({ description: '乐观锁版本号' })
  @IsInt({ message: '应为整数' })
  @Min(1, { message: '应为正整数' })
  version!: number;

  @ApiPropertyOptional()
  @NotNullWhenPresent()
  @IsString({ message: '应为文本' })
  @Length(1, 100, { message: '名称应为 1 至 100 个字' })
  name?: string;

  @ApiPropertyOptional({ enum: ORGANIZATION_KINDS })
  @NotNullWhenPresent()
  @IsIn(ORGANIZATION_KINDS, { message: oneOfMessage(ORGANIZATION_KIND_LABELS) })
  kind?: OrganizationKind;

  @ApiPropertyOptional()
  @NotNullWhenPresent()
  @IsString({ message: '应为文本' })
  @Length(1, 50, { message: '备案号应为 1 至 50 个字' })
  registrationNumber?: string;

  @ApiPropertyOptional()
  @NotNullWhenPresent()
  @IsString({ message: '应为文本' })
  @Length(1, 100, { message: '服务区域应为 1 至 100 个字' })
  region?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString({ message: '应为文本' })
  @Length(1, 50, { message: '联系人应为 1 至 50 个字' })
  contactPerson?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsPhone()
  contactPhone?: string | null;

  @ApiPropertyOptional({ description: 'false：停用（保留历史，不再分派）' })
  @NotNullWhenPresent()
  @IsBoolean({ message: '应为 true 或 false' })
  active?: boolean;
}

export class ListOrganizationsQuery {
  @ApiPropertyOptional({ enum: ORGANIZATION_KINDS })
  @IsOptional()
  @IsIn(ORGANIZATION_KINDS, { message: oneOfMessage(ORGANIZATION_KIND_LABELS) })
  kind?: OrganizationKind;

  @ApiPropertyOptional({ description: '服务区域包含此文字' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  region?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: '应为 true 或 false' })
  active?: boolean;

  @ApiPropertyOptional({ description: '名称或备案号包含此文字' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}

export class CreateMediatorDto {
  @ApiProperty({ example: '赵调解' })
  @IsString({ message: '应为文本' })
  @Length(1, 50, { message: '姓名应为 1 至 50 个字' })
  name!: string;

  @ApiProperty({ enum: MEDIATOR_TYPES })
  @IsIn(MEDIATOR_TYPES, {
    message: '应为 FULL_TIME（专职）、PART_TIME（兼职）或 INVITED（特邀）',
  })
  type!: MediatorType;

  @ApiProperty({ description: '所属调解组织' })
  @IsUUID('all', { message: '编号格式不正确' })
  organizationId!: string;

  @ApiPropertyOptional({ description: '关联的调解员账号（本院、角色含 MEDIATOR）', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: '编号格式不正确' })
  userId?: string | null;

  @ApiProperty({ example: ['民间借贷纠纷'], description: '擅长的案由，取自配置的案由列表' })
  @IsArray({ message: '应为列表' })
  @ArrayMaxSize(50, { message: '不能超过 50 项' })
  @IsString({ each: true, message: '每项应为文本' })
  specialties!: string[];

  @ApiPropertyOptional({ example: ['朝阳区', '望京街道'], description: '服务区域（区、街道、社区网格）' })
  @IsOptional()
  @IsArray({ message: '应为列表' })
  @ArrayMaxSize(30, { message: '不能超过 30 项' })
  @IsString({ each: true, message: '每项应为文本' })
  @Length(1, 50, { each: true, message: '每个区域应为 1 至 50 个字' })
  regions?: string[];

  @ApiProperty({ example: 30, description: '可同时承办的案件数（1-200）' })
  @IsInt({ message: '应为整数' })
  @Min(1, { message: '至少为 1' })
  @Max(200, { message: '不能超过 200' })
  capacity!: number;

  @ApiPropertyOptional({ example: '2026-01-01', description: '聘任起始日，默认今天' })
  @IsOptional()
  @Validate(IsoDate)
  activeFrom?: string;

  @ApiPropertyOptional({ example: '2028-12-31', description: '聘任届满日，空为长期', nullable: true })
  @IsOptional()
  @Validate(IsoDate)
  activeUntil?: string | null;

  @ApiPropertyOptional({ example: '13800138000' })
  @IsOptional()
  @IsPhone()
  phone?: string | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean({ message: '应为 true 或 false' })
  active?: boolean;
}

/**
 * A change to a roster entry: any field of the entry, each validated as on creation; a field sent as null is
 * refused unless it may be empty (userId: null unlinks the account; activeUntil, phone), as on creation.
 */
export class UpdateMediatorDto extends PartialType(CreateMediatorDto, { skipNullProperties: false }) {
  @ApiProperty({ description: '乐观锁版本号' })
  @IsInt({ message: '应为整数' })
  @Min(1, { message: '应为正整数' })
  version!: number;
}

export class ListMediatorsQuery {
  @ApiPropertyOptional({ description: '擅长此案由' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  specialty?: string;

  @ApiPropertyOptional({ description: '服务区域包含此文字' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  region?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: '编号格式不正确' })
  organizationId?: string;

  @ApiPropertyOptional({ description: '启用标志' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: '应为 true 或 false' })
  active?: boolean;

  @ApiPropertyOptional({ description: '姓名包含此文字' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  q?: string;

  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '应为整数' })
  @Min(1, { message: '至少为 1' })
  @Max(500, { message: '不能超过 500' })
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '应为整数' })
  @Min(0, { message: '不能为负数' })
  offset?: number;
}
