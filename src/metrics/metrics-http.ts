import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { MetricsService } from './metrics.service.js';

export interface MetricsOptions {
  /** Required as `Authorization: Bearer <token>` wherever /metrics is served. */
  token?: string;
  /** Serve /metrics on its own port (and not on the app's); without it, on the app's port behind the token. */
  port?: number;
  /** The address the metrics port listens on. */
  host?: string;
}

/** Counts every answered request by its route pattern, and serves GET /metrics as configured (off by default). */
export async function registerMetrics(app: NestFastifyApplication, options: MetricsOptions = {}): Promise<void> {
  const metrics = app.get(MetricsService);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onResponse', async (request, reply) => {
    // The pattern (`/api/v1/cases/:id`), never the raw URL: one series per route, no ids or queries.
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.recordRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });

  if (options.port !== undefined) {
    const server = await serveOnOwnPort(metrics, options);
    fastify.addHook('onClose', async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
  } else if (options.token !== undefined) {
    const token = options.token;
    fastify.get('/metrics', async (request, reply) => {
      if (!authorised(request.headers, token)) {
        return reply.status(401).send(unauthorised(request.id));
      }
      return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    });
  }
}

function serveOnOwnPort(metrics: MetricsService, options: MetricsOptions): Promise<Server> {
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
        res.writeHead(404).end();
      } else if (options.token !== undefined && !authorised(req.headers, options.token)) {
        res.writeHead(401, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(unauthorised()));
      } else {
        const body = await metrics.registry.metrics();
        res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body);
      }
    })().catch(() => res.writeHead(500).end());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve(server));
  });
}

function authorised(headers: IncomingHttpHeaders, token: string): boolean {
  const given = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1] ?? '';
  // Equal-length digests, so the comparison takes the same time whatever was sent.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(token));
}

function unauthorised(requestId?: string) {
  return { statusCode: 401, code: 'UNAUTHENTICATED', message: '需要有效的指标访问令牌（METRICS_TOKEN）', requestId };
}
