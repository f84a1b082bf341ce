import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersQueries } from './users-queries.js';
import { AuthModule } from '../auth/auth.module.js';
import { User } from '../auth/user.entity.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { AccountLockNotices } from './account-lock-notices.js';
import { PersonalDataReadsController } from './personal-data-reads.controller.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([User]), AuthModule, NotificationsModule],
  controllers: [UsersController, PersonalDataReadsController],
  providers: [UsersService, UsersQueries, AccountLockNotices],
  exports: [TypeOrmModule, UsersService],
})
export class UsersModule {}
