import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { deployments } from '@lookout/server/types';
import { fetchJson } from '../../lib/api.ts';

// The deployments board: deploy/release events of the delivery platform (lookout-deployments*,
// by `finishedAt`), as KPIs with DORA ratings, deploys per day, failing services and stages, failures.

export const FAILURES_PAGE_SIZE = 50;

const base = '/api/deployments';

/** Query options of the deployments board; each key holds every parameter its fetcher sends. */
export const deploymentsQueries = {
  all: () => ['deployments'] as const,

  kpis: (params: deployments.KpisQuery) =>
    queryOptions({
      queryKey: [...deploymentsQueries.all(), 'kpis', params] as const,
      queryFn: ({ signal }) => fetchJson<deployments.KpisResponse>(`${base}/kpis`, params, signal),
    }),

  services: (params: deployments.ServicesQuery) =>
    queryOptions({
      queryKey: [...deploymentsQueries.all(), 'services', params] as const,
      queryFn: ({ signal }) => fetchJson<deployments.ServicesResponse>(`${base}/services`, params, signal),
    }),

  stages: (params: deployments.StagesQuery) =>
    queryOptions({
      queryKey: [...deploymentsQueries.all(), 'stages', params] as const,
      queryFn: ({ signal }) => fetchJson<deployments.StagesResponse>(`${base}/stages`, params, signal),
    }),

  failures: (params: Omit<deployments.FailuresQuery, 'size' | 'cursor'>) =>
    infiniteQueryOptions({
      queryKey: [...deploymentsQueries.all(), 'failures', { ...params, size: FAILURES_PAGE_SIZE }] as const,
      queryFn: ({ signal, pageParam }) =>
        fetchJson<deployments.FailuresResponse>(
          `${base}/failures`,
          { ...params, size: FAILURES_PAGE_SIZE, cursor: pageParam },
          signal,
        ),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    }),
};
