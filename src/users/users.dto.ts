import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Min,
} from 'class-validator';
import { USERNAME_PATTERN, USERNAME_RULE } from '../common/credential-rules.js';
import { ROLES, type Role } from '../common/role.js';

export class CreateUserDto {
  @ApiProperty({ example: 'clerk2' })
  @IsString()
  @Matches(USERNAME_PATTERN, { message: USERNAME_RULE })
  username!: string;

  @ApiProperty({ example: '张书记员' })
  @IsString()
  @Length(1, 50)
  displayName!: string;

  @ApiProperty()
  @IsString()
  password!: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1, { message: '请至少选择一个角色' })
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles!: Role[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  divisionId?: string;

  @ApiPropertyOptional({ example: '某某银行股份有限公司北京分行', description: '银行账号（BANK）所属的银行，必填' })
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: '银行名称应为 1 至 100 个字' })
  bankInstitution?: string;
}

export class UpdateUserDto {
  @ApiProperty({ description: '乐观锁版本号' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 50)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: '请至少选择一个角色' })
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsUUID()
  divisionId?: string;
}
