// Headers every response carries, API and pages alike (the pages set a fuller policy of their own).
import type { FastifyReply, FastifyRequest } from 'fastify';

const HSTS = 'max-age=31536000; includeSubDomains';
// Nothing the API answers is a document to render: no scripts, no framing.
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

interface SecurityHeaderOptions {
  /** COOKIE_SECURE=true: HSTS whatever the request's protocol. */
  alwaysHttps: boolean;
}

/** Whether the original request was HTTPS (X-Forwarded-Proto counts only from a trusted proxy). */
const isHttps = (request: FastifyRequest): boolean => request.protocol === 'https';

/**
 * Fills in what a handler did not set. `no-store` is the default, so personal data, PDFs and exports are
 * never kept by a browser or a proxy; static assets say otherwise themselves.
 */
export function applySecurityHeaders(
  request: FastifyRequest,
  reply: FastifyReply,
  options: SecurityHeaderOptions,
  isDocsUi: boolean,
): void {
  const defaults: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
    'cache-control': 'no-store',
    'cross-origin-opener-policy': 'same-origin',
  };
  // The Swagger UI page runs its own inline set-up script; it gets only the framing rule.
  defaults['content-security-policy'] = isDocsUi ? "frame-ancestors 'none'" : API_CSP;
  if (options.alwaysHttps || isHttps(request)) defaults['strict-transport-security'] = HSTS;
  for (const [name, value] of Object.entries(defaults)) {
    if (!reply.hasHeader(name)) reply.header(name, value);
  }
}
