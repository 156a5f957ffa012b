import { queryOptions } from '@tanstack/react-query';
import type { containers } from '@lookout/server/types';
import { fetchJson } from '../../lib/api.ts';

// The container startup failures board: ECS "Task State Change" events (stopped tasks that never
// ran past the startup window) joined with their fluentd container logs, plus the alerts sent.

const base = '/api/containers';

/** Query options of the containers board; each key holds every parameter its fetcher sends. */
export const containersQueries = {
  all: () => ['containers'] as const,

  failures: (params: containers.FailuresQuery) =>
    queryOptions({
      queryKey: [...containersQueries.all(), 'failures', params] as const,
      queryFn: ({ signal }) => fetchJson<containers.FailuresResponse>(`${base}/failures`, params, signal),
    }),

  /** The timeline has no reason filter: the chart hides the classes that are not selected. */
  timeline: ({ from, to, service, cluster }: containers.TimelineQuery) =>
    queryOptions({
      queryKey: [...containersQueries.all(), 'timeline', { from, to, service, cluster }] as const,
      queryFn: ({ signal }) =>
        fetchJson<containers.TimelineResponse>(`${base}/timeline`, { from, to, service, cluster }, signal),
    }),

  alerts: ({ from, to }: containers.AlertsQuery) =>
    queryOptions({
      queryKey: [...containersQueries.all(), 'alerts', { from, to }] as const,
      queryFn: ({ signal }) => fetchJson<containers.AlertsResponse>(`${base}/alerts`, { from, to }, signal),
    }),

  failure: (taskId: string) =>
    queryOptions({
      queryKey: [...containersQueries.all(), 'failure', taskId] as const,
      queryFn: ({ signal }) =>
        fetchJson<containers.FailureDetailResponse>(
          `${base}/failures/${encodeURIComponent(taskId)}`,
          {},
          signal,
        ),
    }),
};
