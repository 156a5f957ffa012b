import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { esErrorResponses } from '../../app/error-schema.ts';
import { resolveTimeRange } from '../../core/time-range.ts';
import { buildFailuresSearch, buildKpisSearch, buildServicesSearch } from './query.ts';
import { shapeFailures, shapeKpis, shapeServices } from './shape.ts';
import {
  FailuresQuery,
  FailuresResponse,
  KpisQuery,
  KpisResponse,
  ServicesQuery,
  ServicesResponse,
} from './schema.ts';

const tags = ['deployments'];
const DEFAULT_RANGE = { from: 'now-7d', to: 'now' };
const MAX_RANGE = { maxRangeMs: 400 * 86_400_000 };

/** Build → search → shape for each endpoint; errors go to the app's one error handler. */
export const deploymentsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const index = app.config.deployments.index;

  app.get(
    '/kpis',
    {
      schema: {
        summary:
          'Deploy/release counts, success and DORA change failure rate, causes, durations, time to restore',
        description:
          'Counts finished events (phase succeeded, failed or rolled_back) whose finishedAt is in [from, to). ' +
          'Change failure rate and time to restore follow the DORA four keys, over production deploys.',
        tags,
        querystring: KpisQuery,
        response: { 200: KpisResponse, ...esErrorResponses },
      },
    },
    async (request) => {
      const range = resolveTimeRange(request.query, new Date(), DEFAULT_RANGE, MAX_RANGE);
      return shapeKpis(await app.esSearch(buildKpisSearch(request.query, { index, range })));
    },
  );

  app.get(
    '/failures',
    {
      schema: {
        summary: 'Failed and rolled-back deploys/releases, newest first, with cause and the deciding rule',
        tags,
        querystring: FailuresQuery,
        response: { 200: FailuresResponse, ...esErrorResponses },
      },
    },
    async (request) => {
      const range = resolveTimeRange(request.query, new Date(), DEFAULT_RANGE, MAX_RANGE);
      const search = buildFailuresSearch(request.query, { index, range });
      return shapeFailures(await app.esSearch(search), search.size ?? 50);
    },
  );

  app.get(
    '/services',
    {
      schema: {
        summary: 'Per service: deploys, failure rate, causes, last deploy, time since last success',
        tags,
        querystring: ServicesQuery,
        response: { 200: ServicesResponse, ...esErrorResponses },
      },
    },
    async (request) => {
      const range = resolveTimeRange(request.query, new Date(), DEFAULT_RANGE, MAX_RANGE);
      return shapeServices(
        await app.esSearch(buildServicesSearch(request.query, { index, range })),
        range.toMs,
      );
    },
  );
};
