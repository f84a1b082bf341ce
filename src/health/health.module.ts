import { Module } from '@nestjs/common';
import { DrainState } from './drain-state.js';
import { EmbeddedDatabaseState } from './embedded-database-state.js';
import { HealthController } from './health.controller.js';
import { HealthQueries } from './health-queries.js';
import { ReadinessService } from './readiness.service.js';

@Module({
  controllers: [HealthController],
  providers: [DrainState, EmbeddedDatabaseState, HealthQueries, ReadinessService],
  exports: [DrainState, EmbeddedDatabaseState],
})
export class HealthModule {}
