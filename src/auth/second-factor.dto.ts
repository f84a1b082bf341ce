import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class SecondFactorCodeDto {
  @ApiProperty({ description: '验证器应用中的 6 位动态验证码（登录时也可用一个恢复码）', example: '123456' })
  @IsString()
  @Length(1, 32)
  code!: string;
}

export class SecondFactorLoginDto extends SecondFactorCodeDto {
  @ApiProperty({ description: '登录第一步（用户名和密码）答复中的 challenge，5 分钟内有效' })
  @IsString()
  @Length(1, 2048)
  challenge!: string;
}
