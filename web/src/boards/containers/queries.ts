import { queryOptions } from '@tanstack/react-query';
import type {
  ContainerAlertsResponse,
  ContainerFailureDetailResponse,
  ContainerFailuresResponse,
  ContainerTimelineResponse,
  ReasonClass,
} from '@lookout/server/types';
import { fetchJson } from '../../lib/api.ts';

// The container startup failures board: ECS "Task State Change" events (stopped tasks that never
// ran past the startup window) joined with their fluentd container logs, plus the alerts sent.

/** What the board's endpoints take: the range as written in the URL, and the filters. */
export type ContainersParams = {
  from: string;
  to: string;
  service: string[];
  cluster: string[];
  reason: ReasonClass[];
};

const base = '/api/containers';

/** Query options of the containers board; each key holds every parameter its fetcher sends. */
export const containersQueries = {
  all: () => ['containers'] as const,

  failures: (params: ContainersParams) =>
    queryOptions({
      queryKey: [...containersQueries.all(), 'failures', params] as const,
      queryFn: ({ signal }) => fetchJson<ContainerFailuresResponse>(`${base}/failures`, params, signal),
    }),

  /** The timeline has no reason filter: the chart hides the classes that are not selected. */
  timeline: ({ from, to, service, cluster }: ContainersParams) =>
    queryOptions({
      queryKey: [...containersQueries.all(), 'timeline', { from, to, service, cluster }] as const,
      queryFn: ({ signal }) =>
        fetchJson<ContainerTimelineResponse>(`${base}/timeline`, { from, to, service, cluster }, signal),
    }),

  alerts: ({ from, to }: Pick<ContainersParams, 'from' | 'to'>) =>
    queryOptions({
      queryKey: [...containersQueries.all(), 'alerts', { from, to }] as const,
      queryFn: ({ signal }) => fetchJson<ContainerAlertsResponse>(`${base}/alerts`, { from, to }, signal),
    }),

  failure: (taskId: string) =>
    queryOptions({
      queryKey: [...containersQueries.all(), 'failure', taskId] as const,
      queryFn: ({ signal }) =>
        fetchJson<ContainerFailureDetailResponse>(
          `${base}/failures/${encodeURIComponent(taskId)}`,
          {},
          signal,
        ),
    }),
};
