import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/decorators.js';
import { bool, object, str } from '../common/http/api-docs.js';
import { EmbeddedDatabaseState } from './embedded-database-state.js';
import { HealthQueries } from './health-queries.js';
import { ReadinessService } from './readiness.service.js';

const READY_SCHEMA = object({
  status: str('ok | unavailable'),
  database: str('ok | unreachable'),
  migrations: str('current | pending | newer | unknown'),
  draining: bool('正在停止，不再接收新请求'),
});

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly queries: HealthQueries,
    private readonly readiness: ReadinessService,
    private readonly embedded: EmbeddedDatabaseState,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Database reachable (kept for existing checks)' })
  @ApiResponse({ status: 200, schema: object({ status: str('ok'), database: str('ok') }) })
  @ApiResponse({ status: 503, schema: object({ status: str('error'), database: str('unreachable') }) })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    try {
      await this.queries.ping();
      return { status: 'ok', database: 'ok' };
    } catch {
      reply.status(503);
      return { status: 'error', database: 'unreachable' };
    }
  }

  @Public()
  @Get('live')
  @ApiOperation({
    summary: 'Liveness: the process answers and its embedded database runs (restart it when this fails)',
  })
  @ApiResponse({ status: 200, schema: object({ status: str('ok') }) })
  @ApiResponse({ status: 503, schema: object({ status: str('error'), embeddedDatabase: str('restarting | failed') }) })
  live(@Res({ passthrough: true }) reply: FastifyReply) {
    const problem = this.embedded.problem;
    if (!problem) return { status: 'ok' };
    reply.status(503);
    return { status: 'error', embeddedDatabase: problem };
  }

  @Public()
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: database reachable, migrations current, not draining (else 503)' })
  @ApiResponse({ status: 200, schema: READY_SCHEMA })
  @ApiResponse({ status: 503, schema: READY_SCHEMA })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const readiness = await this.readiness.check();
    if (!readiness.ready) reply.status(503).header('retry-after', '5');
    const { ready, ...parts } = readiness;
    return { status: ready ? 'ok' : 'unavailable', ...parts };
  }
}
