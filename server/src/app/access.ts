import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccessConfig } from '../core/config.ts';
import { addressMatcher, SecretSet, tokenFingerprint } from './access-secrets.ts';

/**
 * What a route is, declared with its Fastify route `config: { access }`:
 * `public` (no data: health, API docs), `read` (the default: every board endpoint),
 * `ingest` (writes guarded by the ingest credential), `sns` (guarded by SNS signature
 * verification and the topic allow-list in its handler, since SNS cannot send a custom header).
 */
export type RouteAccess = 'public' | 'read' | 'ingest' | 'sns';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** Set for every request by the access plugin, before anything else runs. */
    access: AccessDecision;
  }
}

export interface AccessDecision {
  route: RouteAccess;
  /** Who is calling, when known (`user:alice`, `token:1a2b3c4d`, `ingest`); keys the rate limit. */
  identity?: string;
  /** Why the request is refused. */
  refusal?: Refusal;
}

interface Refusal {
  statusCode: 401 | 403 | 503;
  message: string;
  /** Token mode: ask for a bearer token (the SPA shows its token screen on this). */
  askForBearer?: boolean;
}

const STATUS_TEXT = { 401: 'Unauthorized', 403: 'Forbidden', 503: 'Service Unavailable' } as const;
const MAX_USER_NAME_LENGTH = 256;

/**
 * The route's access kind. Anything that is not an API route is public: the SPA's files and its
 * history fallback carry no data. The API docs come from @fastify/swagger-ui, whose routes cannot
 * take a route config, so they are recognised by their prefix: they describe the API, nothing more.
 */
export function routeAccess(request: FastifyRequest): RouteAccess {
  const route = request.routeOptions.url;
  // Ingest routes whose path a standard fixes outside /api (OTLP's `/v1/traces`) say so themselves.
  if (route !== undefined && request.routeOptions.config?.access === 'ingest') return 'ingest';
  if (route === undefined || !(route === '/api' || route.startsWith('/api/'))) return 'public';
  // CORS preflights carry no credentials by design and answer no data.
  if (request.method === 'OPTIONS') return 'public';
  if (route === '/api/docs' || route.startsWith('/api/docs/')) return 'public';
  return request.routeOptions.config.access ?? 'read';
}

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value.trim() : undefined;
}

/** Decides who is calling and whether the request may go on; pure apart from reading the request. */
export function accessDecider(config: AccessConfig): (request: FastifyRequest) => AccessDecision {
  const readTokens = new SecretSet(config.tokens);
  const readFingerprints = config.tokens.map(tokenFingerprint);
  const ingestSecret = config.ingestToken === undefined ? undefined : new SecretSet([config.ingestToken]);
  const fromTrustedProxy = addressMatcher(config.trustedProxies);

  function ingest(request: FastifyRequest): AccessDecision {
    if (!ingestSecret) {
      return { route: 'ingest', refusal: { statusCode: 503, message: 'ingest disabled: set INGEST_TOKEN' } };
    }
    const given = headerValue(request, config.ingestTokenHeader);
    if (given !== undefined && ingestSecret.indexOf(given) === 0)
      return { route: 'ingest', identity: 'ingest' };
    return {
      route: 'ingest',
      refusal: {
        statusCode: 401,
        message: `${given === undefined ? 'missing' : 'wrong'} ingest credential: send INGEST_TOKEN in the ${config.ingestTokenHeader} header`,
      },
    };
  }

  function proxy(request: FastifyRequest): AccessDecision {
    // The socket's own peer, never X-Forwarded-For: only the proxy itself is trusted.
    const peer = request.socket.remoteAddress;
    if (!fromTrustedProxy(peer)) {
      return {
        route: 'read',
        refusal: {
          statusCode: 403,
          message: `requests must come through the SSO proxy; ${peer ?? 'this address'} is not in TRUSTED_PROXIES`,
        },
      };
    }
    const user = headerValue(request, config.proxyUserHeader);
    if (!user || user.length > MAX_USER_NAME_LENGTH) {
      return {
        route: 'read',
        refusal: {
          statusCode: 401,
          message: `no user: the SSO proxy sent no ${config.proxyUserHeader} header`,
        },
      };
    }
    return { route: 'read', identity: `user:${user}` };
  }

  function token(request: FastifyRequest): AccessDecision {
    const authorization = headerValue(request, 'authorization');
    const bearer = authorization === undefined ? undefined : /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    if (bearer === undefined) {
      return {
        route: 'read',
        refusal: {
          statusCode: 401,
          message: 'an access token is required: send Authorization: Bearer <token>',
          askForBearer: true,
        },
      };
    }
    const index = readTokens.indexOf(bearer);
    if (index === -1) {
      return {
        route: 'read',
        refusal: { statusCode: 401, message: 'the access token was not accepted', askForBearer: true },
      };
    }
    return { route: 'read', identity: `token:${readFingerprints[index]}` };
  }

  return (request) => {
    const route = routeAccess(request);
    if (route === 'public' || route === 'sns') return { route };
    if (route === 'ingest') return ingest(request);
    if (config.mode === 'proxy') return proxy(request);
    if (config.mode === 'token') return token(request);
    return { route };
  };
}

/**
 * Access control for the whole app, in two steps so that refused requests still count against
 * the rate limit (which sits between them, on each route's onRequest): `onRequest` decides who is
 * calling, `preParsing` refuses — before any request body is read.
 */
async function accessPlugin(app: FastifyInstance, config: AccessConfig): Promise<void> {
  const decide = accessDecider(config);
  app.decorateRequest('access', null as unknown as AccessDecision);

  app.addHook('onRequest', async (request) => {
    request.access = decide(request);
  });

  app.addHook('preParsing', async (request, reply) => {
    const { refusal } = request.access;
    if (!refusal) return;
    request.log.info(
      { statusCode: refusal.statusCode, url: request.url },
      `access refused: ${refusal.message}`,
    );
    if (refusal.askForBearer) reply.header('www-authenticate', 'Bearer realm="lookout"');
    return reply.status(refusal.statusCode).send({
      statusCode: refusal.statusCode,
      error: STATUS_TEXT[refusal.statusCode],
      message: refusal.message,
    });
  });
}

export const accessControl = fp(accessPlugin, { name: 'lookout-access' });
