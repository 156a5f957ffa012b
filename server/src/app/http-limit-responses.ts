import type { FastifyInstance } from 'fastify';
import { ErrorResponse } from '../core/error-schema.ts';

/**
 * Node's HTTP parser answers 431 to a request line and headers over its limit (16 KB), before
 * any route runs: a query string with many long filter values can get there. Every API route
 * documents that answer, so the OpenAPI document (and the fuzzer reading it) knows it.
 */
export function documentHttpLimitResponses(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const response = route.schema?.response as Record<string, unknown> | undefined;
    if (response && !route.schema?.hide && !('431' in response)) response['431'] = ErrorResponse;
  });
}
