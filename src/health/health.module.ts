import { Module } from '@nestjs/common';
import { DrainState } from './drain-state.js';
import { HealthController } from './health.controller.js';
import { ReadinessService } from './readiness.service.js';

@Module({ controllers: [HealthController], providers: [DrainState, ReadinessService], exports: [DrainState] })
export class HealthModule {}
