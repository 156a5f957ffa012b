import { defineEndpoint, type EndpointContext } from '../../core/board.ts';
import { rangeReader } from '../../core/time-range.ts';
import {
  containerFreshness,
  exportFailureRows,
  failureDetail,
  listFailures,
  type ContainerReads,
} from './failures.ts';
import { listAlerts } from './alerts/alert-store.ts';
import { buildFailuresExportSearch, buildTimelineSearch, chooseTimelineInterval } from './query.ts';
import { storedHits } from './shape.ts';
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

const rangeOf = rangeReader({ from: 'now-24h', to: 'now' }, { maxRangeMs: 90 * 86_400_000 });
const readsOf = ({ es, search, config }: EndpointContext): ContainerReads => ({
  client: es,
  search,
  config: config.containers,
});

/** Fetching in failures.ts and alerts/alert-store.ts, shaping in shape.ts; errors go to the one error handler. */
export const containersEndpoints = [
  defineEndpoint({
    url: '/failures',
    summary: 'Startup failures (newest first) with the first error line, and failing services',
    description:
      'A startup failure is a STOPPED ECS task that never reached RUNNING or stopped within the startup window ' +
      '(STARTUP_WINDOW_SECONDS) because an essential container exited non-zero or the task failed to start. ' +
      'Logs are joined by Docker container id (runtimeId = fluentd container_id).',
    querystring: FailuresQuery,
    response: FailuresResponse,
    async answer({ query }, context) {
      const reads = readsOf(context);
      const [failures, freshness] = await Promise.all([
        listFailures(reads, rangeOf(query), query, query.size ?? 50),
        containerFreshness(reads),
      ]);
      return { ...failures, freshness };
    },
    export: {
      name: 'failures',
      columns: [
        'stoppedAt',
        'taskId',
        'taskArn',
        'cluster',
        'service',
        'launchType',
        'startedAt',
        'stopCode',
        'stoppedReason',
        'reasonClass',
        'containers',
        'images',
        'firstErrorLine',
        'logsAvailable',
        'link',
      ],
      range: rangeOf,
      hits: {
        search: (query, { config }) => buildFailuresExportSearch(config.containers, rangeOf(query), query),
        rows: (hits, context) =>
          exportFailureRows(
            readsOf(context),
            storedHits({ hits: { hits } } as Parameters<typeof storedHits>[0]),
          ),
      },
    },
  }),
  defineEndpoint({
    url: '/failures/:taskId',
    summary:
      'One startup failure: its startup log (partial lines joined), previous failures, last good start',
    params: FailureParams,
    response: FailureDetailResponse,
    answer: ({ params }, context) => failureDetail(readsOf(context), params.taskId),
    notFound: ({ taskId }) =>
      `no startup failure recorded for task ${taskId}: its ECS events have not arrived yet, or are no longer stored`,
  }),
  defineEndpoint({
    url: '/timeline',
    summary: 'Startup failures per interval by reason class',
    querystring: TimelineQuery,
    response: TimelineResponse,
    build({ query }, { config, now }) {
      const range = rangeOf(query, now);
      const interval = chooseTimelineInterval(range, query.interval);
      return { search: buildTimelineSearch(config.containers, range, query, interval), interval };
    },
    shape: (response, { interval }) => shapeTimeline(response, interval),
  }),
  defineEndpoint({
    url: '/alerts',
    summary: 'Alerts sent for startup failures, with delivery status',
    querystring: AlertsQuery,
    response: AlertsResponse,
    async answer({ query }, { config, search }) {
      return {
        enabled: config.containers.alerts.webhookUrl !== undefined,
        alerts: await listAlerts(search, config.containers, rangeOf(query), query.size ?? 50),
      };
    },
  }),
];
