import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { POPULATION_MAX, POPULATION_MIN } from './court.entity.js';
import { DIVISION_KINDS, type DivisionKind } from './division.entity.js';

export class UpdateCourtDto {
  @ApiPropertyOptional({ example: '北京市朝阳区人民法院' })
  @IsOptional()
  @IsString()
  @Length(2, 60, { message: 'name：法院名称为 2-60 个字' })
  name?: string;

  /** 辖区常住人口 (万人成讼率的分母), updated when the yearbook figure changes. */
  @ApiPropertyOptional({ example: 3_450_000 })
  @IsOptional()
  @IsInt({ message: 'population：辖区常住人口应为整数' })
  @Min(POPULATION_MIN, { message: 'population：辖区常住人口应大于 0' })
  @Max(POPULATION_MAX, { message: 'population：辖区常住人口不应超过 1 亿' })
  population?: number;
}

export class CreateDivisionDto {
  @ApiProperty({ example: '民二庭' })
  @IsString()
  @Length(1, 30, { message: 'name：部门名称为 1-30 个字' })
  name!: string;

  @ApiProperty({ enum: DIVISION_KINDS })
  @IsIn(DIVISION_KINDS, { message: `kind：部门类别应为 ${DIVISION_KINDS.join('、')} 之一` })
  kind!: DivisionKind;
}

export class UpdateDivisionDto {
  @ApiPropertyOptional({ example: '民二庭' })
  @IsOptional()
  @IsString()
  @Length(1, 30, { message: 'name：部门名称为 1-30 个字' })
  name?: string;

  @ApiPropertyOptional({ enum: DIVISION_KINDS })
  @IsOptional()
  @IsIn(DIVISION_KINDS, { message: `kind：部门类别应为 ${DIVISION_KINDS.join('、')} 之一` })
  kind?: DivisionKind;

  /** 庭长: a user of the court; null removes the head. */
  @ApiPropertyOptional({ type: String, nullable: true, description: '部门负责人（庭长）的用户 id；null 表示不设' })
  @IsOptional()
  @IsUUID('all', { message: 'headUserId：应为用户 id' })
  headUserId?: string | null;
}
