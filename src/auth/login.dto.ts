import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'clerk' })
  @IsString()
  @Length(1, 64)
  username!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 128)
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @Length(1, 128)
  currentPassword!: string;

  @ApiProperty({ description: '至少 10 位，含大写字母、小写字母、数字、符号中的至少三类' })
  @IsString()
  @Length(1, 128)
  newPassword!: string;
}

export class ResetPasswordDto {
  @ApiProperty({ description: '至少 10 位，含大写字母、小写字母、数字、符号中的至少三类' })
  @IsString()
  @Length(1, 128)
  newPassword!: string;
}
