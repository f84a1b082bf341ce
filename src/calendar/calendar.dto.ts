import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, Max, Min, Validate } from 'class-validator';
import { IsoDate } from '../common/validators/iso-date.validator.js';

export class PeriodQuery {
  @ApiProperty({ example: '2026-09-01', description: '起算日（不计入期间）' })
  @Validate(IsoDate)
  start!: string;

  @ApiProperty({ example: 30 })
  @Type(() => Number)
  @IsInt({ message: '应为整数' })
  @Min(1, { message: '至少为 1' })
  @Max(3650, { message: '不能超过 3650' })
  days!: number;
}

export class CalendarYearDto {
  @ApiProperty({ example: ['2027-01-01'], description: '法定节假日' })
  @IsArray()
  @ArrayMaxSize(120)
  @Validate(IsoDate, { each: true })
  holidays!: string[];

  @ApiProperty({ example: ['2027-02-07'], description: '调休上班日' })
  @IsArray()
  @ArrayMaxSize(60)
  @Validate(IsoDate, { each: true })
  makeupWorkdays!: string[];
}
