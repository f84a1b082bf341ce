// Where a rating comes from (issue 28): the client address and request id are kept with it, and a rating cast
// from a logged-in staff session (a bearer token or the pages' cookie that is live) or from the court's own
// network (COURT_NETWORKS) is flagged, to be counted apart in the statistics.
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { APP_OPTIONS, type AppOptions } from '../app-options.js';
import { SessionTokensService } from '../auth/session-tokens.service.js';
import { sessionTokenOf } from '../auth/jwt.strategy.js';
import { trustedProxyCheck, type ProxyCheck } from '../common/http/trusted-proxies.js';

type RatingDoubt = 'STAFF_SESSION' | 'COURT_NETWORK';

export interface RatingOrigin {
  clientAddress: string | null;
  requestId: string | null;
  doubt: RatingDoubt | null;
}

function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return typeof header === 'string' && /^bearer /i.test(header) ? header.slice(7).trim() : undefined;
}

@Injectable()
export class RatingOrigins {
  private readonly inCourtNetwork: ProxyCheck;

  constructor(
    private readonly sessions: SessionTokensService,
    @Inject(APP_OPTIONS) options: AppOptions,
  ) {
    this.inCourtNetwork = trustedProxyCheck(options.courtNetworks ?? []);
  }

  async of(request: FastifyRequest): Promise<RatingOrigin> {
    let staff = false;
    for (const token of [bearerOf(request), sessionTokenOf(request)]) {
      if (token && (await this.sessions.isLoggedIn(token))) staff = true;
    }
    const doubt: RatingDoubt | null = staff
      ? 'STAFF_SESSION'
      : this.inCourtNetwork(request.ip)
        ? 'COURT_NETWORK'
        : null;
    return { clientAddress: request.ip ?? null, requestId: String(request.id).slice(0, 200), doubt };
  }
}
