import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { APP_OPTIONS, type AppOptions } from '../app-options.js';
import { ApiContentTypeGuard } from '../common/http/content-type.guard.js';
import { RateLimitGuard } from '../common/http/rate-limit.guard.js';
import { AuthController } from './auth.controller.js';
import { AuthQueries } from './auth-queries.js';
import { CredentialsService } from './credentials.service.js';
import { JwtAuthGuard, RolesGuard } from './guards.js';
import { JwtStrategy } from './jwt.strategy.js';
import { derivedKey } from '../common/keys.js';
import { LocalStrategy } from './local.strategy.js';
import { RevocationListener } from './revocation-listener.service.js';
import { RevocationSettleInterceptor } from './revocation-settle.interceptor.js';
import { SecondFactorController } from './second-factor.controller.js';
import { SecondFactorService } from './second-factor.service.js';
import { SessionPurgeService } from './session-purge.service.js';
import { SessionTokensService } from './session-tokens.service.js';

@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_OPTIONS],
      useFactory: (options: AppOptions) => ({
        secret: derivedKey(options.jwtSecret, 'session-tokens'),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
  ],
  controllers: [AuthController, SecondFactorController],
  providers: [
    AuthQueries,
    CredentialsService,
    SessionTokensService,
    SecondFactorService,
    RevocationListener,
    SessionPurgeService,
    LocalStrategy,
    JwtStrategy,
    // Rate limits first: they apply to public routes (login, ratings) too.
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
    // After authentication, so a refused cookie answers 401 whatever the body.
    { provide: APP_GUARD, useClass: ApiContentTypeGuard },
    { provide: APP_INTERCEPTOR, useClass: RevocationSettleInterceptor },
  ],
  exports: [CredentialsService, SessionTokensService, SecondFactorService],
})
export class AuthModule {}
