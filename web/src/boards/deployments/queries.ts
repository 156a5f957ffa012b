import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { FailuresResponse, KpisResponse, ServicesResponse, StagesResponse } from '@lookout/server/types';
import { fetchJson } from '../../lib/api.ts';

// The deployments board: deploy/release events of the delivery platform (lookout-deployments*,
// by `finishedAt`), as KPIs with DORA ratings, deploys per day, failing services and stages, failures.

export type PlatformComponent = 'ruby' | 'node' | 'codedeploy';

/** What every endpoint of the board takes: the range as written in the URL, and the filters. */
export type DeploymentsParams = {
  from: string;
  to: string;
  environment: string[];
  service: string[];
  platform: PlatformComponent[];
};

/** The failures list also takes failure stages (the deploy counts have none). */
export type FailuresParams = DeploymentsParams & { stage: string[] };

export const FAILURES_PAGE_SIZE = 50;

const base = '/api/deployments';

/** Query options of the deployments board; each key holds every parameter its fetcher sends. */
export const deploymentsQueries = {
  all: () => ['deployments'] as const,

  kpis: (params: DeploymentsParams) =>
    queryOptions({
      queryKey: [...deploymentsQueries.all(), 'kpis', params] as const,
      queryFn: ({ signal }) => fetchJson<KpisResponse>(`${base}/kpis`, params, signal),
    }),

  services: (params: DeploymentsParams) =>
    queryOptions({
      queryKey: [...deploymentsQueries.all(), 'services', params] as const,
      queryFn: ({ signal }) => fetchJson<ServicesResponse>(`${base}/services`, params, signal),
    }),

  stages: (params: DeploymentsParams) =>
    queryOptions({
      queryKey: [...deploymentsQueries.all(), 'stages', params] as const,
      queryFn: ({ signal }) => fetchJson<StagesResponse>(`${base}/stages`, params, signal),
    }),

  failures: (params: FailuresParams) =>
    infiniteQueryOptions({
      queryKey: [...deploymentsQueries.all(), 'failures', { ...params, size: FAILURES_PAGE_SIZE }] as const,
      queryFn: ({ signal, pageParam }) =>
        fetchJson<FailuresResponse>(
          `${base}/failures`,
          { ...params, size: FAILURES_PAGE_SIZE, cursor: pageParam },
          signal,
        ),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    }),
};
