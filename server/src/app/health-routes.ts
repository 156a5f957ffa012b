import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HealthResponse } from '../core/health-schema.ts';
import { checkElasticsearch } from '../es/health.ts';
import { redactedUrl } from '../core/config.ts';

/** Health must answer promptly even when the engine hangs: at most 2 s for the engine check. */
const HEALTH_CHECK_TIMEOUT_MS = 2_000;

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/health',
    {
      // No data in it, and load balancers must reach it without credentials.
      config: { access: 'public' },
      schema: {
        summary: 'BFF and Elasticsearch health',
        description:
          'Always 200 while the BFF runs; `elasticsearch.reachable` says whether the engine answers.',
        tags: ['health'],
        response: { 200: HealthResponse },
      },
    },
    async () => {
      const url = redactedUrl(app.config.es.url);
      const timeout = Math.min(HEALTH_CHECK_TIMEOUT_MS, app.config.es.requestTimeoutMs);
      const elasticsearch = await checkElasticsearch(app.es, url, timeout);
      const ok = elasticsearch.reachable && elasticsearch.clusterStatus !== 'red' && !elasticsearch.error;
      return { status: ok ? 'ok' : 'degraded', elasticsearch, checkedAt: new Date().toISOString() } as const;
    },
  );
};
