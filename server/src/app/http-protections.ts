import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyHelmet from '@fastify/helmet';
import fastifyCors from '@fastify/cors';
import fastifyRateLimit from '@fastify/rate-limit';
import type { AccessConfig } from '../core/config.ts';

/** Request bodies larger than this get 413, unless a route sets its own `bodyLimit` (ingest does). */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/**
 * The policy the built SPA satisfies: Vite emits only external module scripts and stylesheets;
 * React and recharts set styles through the DOM (CSSOM), which CSP does not restrict. Images may
 * come from any HTTPS host: real image metadata points at the hotels' CDNs.
 */
export const SPA_CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'https:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** Swagger UI (at /api/docs) writes inline style attributes and shows data: icons. */
export const DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/** CSP, framing, sniffing and referrer headers on every response, the SPA's files included. */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: SPA_CSP_DIRECTIVES },
    frameguard: { action: 'deny' },
    // Deep links carry filters (principals, addresses): never hand them to another site.
    referrerPolicy: { policy: 'same-origin' },
  });
}

/** Closed unless CORS_ORIGINS lists the sites that may call the API from their pages. */
export async function registerCors(app: FastifyInstance, config: AccessConfig): Promise<void> {
  if (config.corsOrigins.length === 0) return;
  await app.register(fastifyCors, {
    origin: config.corsOrigins,
    methods: ['GET', 'HEAD', 'POST'],
    allowedHeaders: ['authorization', 'content-type', config.ingestTokenHeader],
    // A page on another site must see when an answer was computed from partial results, and an
    // export's counts and file name (Content-Disposition is not a CORS-safelisted header).
    exposedHeaders: [
      'x-lookout-partial',
      'x-lookout-export-total',
      'x-lookout-export-limit',
      'x-lookout-export-truncated',
      'content-disposition',
    ],
    // Bearer tokens travel in a header; no cookies are ever needed across sites.
    credentials: false,
    maxAge: 600,
  });
}

function rateLimitKey(request: FastifyRequest): string {
  return request.access.identity ?? `ip:${request.ip}`;
}

/**
 * Per client: the user or token when known, else the address — so refused guesses count against
 * the address that makes them. Not limited: public routes (load-balancer probes of health, docs),
 * the SNS endpoint and a producer holding the ingest credential — a deploy storm must never turn
 * into lost events; signatures and the credential already keep strangers out there.
 */
export async function registerRateLimit(app: FastifyInstance, config: AccessConfig): Promise<void> {
  if (config.rateLimitPerMinute === 0) {
    app.log.warn('RATE_LIMIT_PER_MINUTE=0: no per-client rate limit');
    return;
  }
  await app.register(fastifyRateLimit, {
    global: true,
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    keyGenerator: rateLimitKey,
    allowList: ({ access }) =>
      access.route === 'public' || access.route === 'sns' || access.identity === 'ingest',
    errorResponseBuilder: (_request, context) =>
      Object.assign(
        new Error(
          `rate limit: more than ${context.max} requests a minute from this client ` +
            `(RATE_LIMIT_PER_MINUTE); retry in ${context.after}`,
        ),
        { statusCode: context.statusCode },
      ),
  });
}
