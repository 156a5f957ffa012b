import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { esErrorResponses } from '../../app/error-schema.ts';
import { resolveTimeRange } from '../../core/time-range.ts';
import { buildFailuresSearch, buildKpisSearch, buildServicesSearch, buildStagesSearch } from './query.ts';
import { shapeFailures, shapeKpis, shapeServices, shapeStages } from './shape.ts';
import { timeToRestore } from './time-to-restore.ts';
import {
  FailuresQuery,
  FailuresResponse,
  KpisQuery,
  KpisResponse,
  ServicesQuery,
  ServicesResponse,
  StagesQuery,
  StagesResponse,
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
          'Change failure rate and time to restore follow the DORA four keys, over production deploys. ' +
          'Time to restore is exact for any range: a run of failed production deploys of a service that ' +
          "began in the range is restored by that service's next successful production deploy, looked up " +
          'even after `to` (up to now); runs with no success since are counted in `unrestored`, not in ' +
          'the median. Sends three searches or more: the counts, a scan of the failed production deploys ' +
          '(sort values only, 10,000 a page), and one lookup of the first success after each failure.',
        tags,
        querystring: KpisQuery,
        response: { 200: KpisResponse, ...esErrorResponses },
      },
    },
    async (request) => {
      const range = resolveTimeRange(request.query, new Date(), DEFAULT_RANGE, MAX_RANGE);
      const context = { index, range };
      // The counts and the restore scan do not depend on each other: both at once.
      const [counts, timeToRestoreMs] = await Promise.all([
        app.esSearch(buildKpisSearch(request.query, context)).then(shapeKpis),
        timeToRestore(app.esSearch, request.query, context),
      ]);
      return { ...counts, timeToRestoreMs };
    },
  );

  app.get(
    '/failures',
    {
      schema: {
        summary: 'Failed and rolled-back deploys/releases, newest first, with cause and the deciding rule',
        description: 'Paged with `nextCursor` (search_after). `stage` and `cause` narrow this list only.',
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

  app.get(
    '/stages',
    {
      schema: {
        summary: 'Failing stages: per pipeline stage, failed or rolled-back deploys/releases by cause',
        description:
          'Groups the failures of [from, to) by `failure.stage`, most first; failures naming no stage are ' +
          'counted in `withoutStage`. Pass a stage to `/failures?stage=` to list its failures.',
        tags,
        querystring: StagesQuery,
        response: { 200: StagesResponse, ...esErrorResponses },
      },
    },
    async (request) => {
      const range = resolveTimeRange(request.query, new Date(), DEFAULT_RANGE, MAX_RANGE);
      return shapeStages(await app.esSearch(buildStagesSearch(request.query, { index, range })));
    },
  );
};
