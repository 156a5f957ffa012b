import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, esErrorResponses } from '../../app/error-schema.ts';
import { resolveTimeRange } from '../../core/time-range.ts';
import { containerFreshness, failureDetail, listFailures, type ContainerReads } from './failures.ts';
import { listAlerts } from './alerts/alert-store.ts';
import { buildTimelineSearch, chooseTimelineInterval } from './query.ts';
import { shapeTimeline } from './shape.ts';
import {
  AlertsQuery,
  AlertsResponse,
  FailureDetailResponse,
  FailureParams,
  FailuresQuery,
  FailuresResponse,
  TimelineQuery,
  TimelineResponse,
} from './schema.ts';

const tags = ['containers'];
const DEFAULT_RANGE = { from: 'now-24h', to: 'now' };
const MAX_RANGE = { maxRangeMs: 90 * 86_400_000 };

/** Build → search → shape for each endpoint; errors go to the app's one error handler. */
export const containersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const reads: ContainerReads = { client: app.es, search: app.esSearch, config: app.config.containers };

  app.get(
    '/failures',
    {
      schema: {
        summary: 'Startup failures (newest first) with the first error line, and failing services',
        description:
          'A startup failure is a STOPPED ECS task that never reached RUNNING or stopped within the startup window ' +
          '(STARTUP_WINDOW_SECONDS) because an essential container exited non-zero or the task failed to start. ' +
          'Logs are joined by Docker container id (runtimeId = fluentd container_id).',
        tags,
        querystring: FailuresQuery,
        response: { 200: FailuresResponse, ...esErrorResponses },
      },
    },
    async (request) => {
      const range = resolveTimeRange(request.query, new Date(), DEFAULT_RANGE, MAX_RANGE);
      const [failures, freshness] = await Promise.all([
        listFailures(reads, range, request.query, request.query.size ?? 50),
        containerFreshness(reads),
      ]);
      return { ...failures, freshness };
    },
  );

  app.get(
    '/failures/:taskId',
    {
      schema: {
        summary:
          'One startup failure: its startup log (partial lines joined), previous failures, last good start',
        tags,
        params: FailureParams,
        response: { 200: FailureDetailResponse, 404: ErrorResponse, ...esErrorResponses },
      },
    },
    async (request) => failureDetail(reads, request.params.taskId),
  );

  app.get(
    '/timeline',
    {
      schema: {
        summary: 'Startup failures per interval by reason class',
        tags,
        querystring: TimelineQuery,
        response: { 200: TimelineResponse, ...esErrorResponses },
      },
    },
    async (request) => {
      const range = resolveTimeRange(request.query, new Date(), DEFAULT_RANGE, MAX_RANGE);
      const interval = chooseTimelineInterval(range, request.query.interval);
      return shapeTimeline(
        await app.esSearch(buildTimelineSearch(reads.config, range, request.query, interval)),
        interval,
      );
    },
  );

  app.get(
    '/alerts',
    {
      schema: {
        summary: 'Alerts sent for startup failures, with delivery status',
        tags,
        querystring: AlertsQuery,
        response: { 200: AlertsResponse, ...esErrorResponses },
      },
    },
    async (request) => {
      const range = resolveTimeRange(request.query, new Date(), DEFAULT_RANGE, MAX_RANGE);
      return {
        enabled: reads.config.alerts.webhookUrl !== undefined,
        alerts: await listAlerts(app.esSearch, reads.config, range, request.query.size ?? 50),
      };
    },
  );
};
