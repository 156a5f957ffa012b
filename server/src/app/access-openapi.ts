import type { FastifyInstance } from 'fastify';
import type { AccessConfig } from '../core/config.ts';
import { ErrorResponse } from '../core/error-schema.ts';

/**
 * The OpenAPI document says what each route needs, as the access plugin enforces it: ingest
 * routes the ingest token header (401, or 503 while INGEST_TOKEN is unset), read routes a bearer
 * token in `token` mode or the SSO proxy in `proxy` mode (401/403). Generated clients and the
 * fuzzer read this; nothing here decides access.
 */
export const securitySchemes = (config: AccessConfig) => ({
  bearerToken: {
    type: 'http' as const,
    scheme: 'bearer',
    description: 'ACCESS_MODE=token: one of ACCESS_TOKENS',
  },
  ingestToken: {
    type: 'apiKey' as const,
    in: 'header' as const,
    name: config.ingestTokenHeader,
    description: 'INGEST_TOKEN, for the ingest endpoints only (separate from read access)',
  },
});

export function documentAccess(app: FastifyInstance, config: AccessConfig): void {
  app.addHook('onRoute', (route) => {
    const schema = route.schema as
      (Record<string, unknown> & { response?: Record<string, unknown> }) | undefined;
    if (!schema || schema.hide || !route.url.startsWith('/api/')) return;
    const access = route.config?.access ?? 'read';
    const responses = (schema.response ??= {});
    const add = (status: number) => {
      if (!(String(status) in responses)) responses[String(status)] = ErrorResponse;
    };
    if (access === 'ingest') {
      schema.security = [{ ingestToken: [] }];
      add(401);
      add(503);
    } else if (access === 'read' && config.mode === 'token') {
      schema.security = [{ bearerToken: [] }];
      add(401);
    } else if (access === 'read' && config.mode === 'proxy') {
      add(401);
      add(403);
    }
  });
}
