import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { deployments, traces } from '@lookout/server/types';
import { fetchJson } from '../../lib/api.ts';

// The traces board: spans stored one document per span (OTLP, Zipkin, Jaeger), read as a service
// map, per-service RED, a trace search and whole traces of any size.

const base = '/api/traces';

/** Traces listed per page of the search. */
export const SEARCH_PAGE_SIZE = 50;

export type Trace = traces.TraceResponse;
export type TraceSpan = Trace['spans'][number];
export type TraceHit = traces.TraceSearchResponse['traces'][number];

/** Query options of the traces board; each key holds every parameter its fetcher sends. */
export const tracesQueries = {
  all: () => ['traces'] as const,

  serviceMap: (params: traces.ServiceMapQuery) =>
    queryOptions({
      queryKey: [...tracesQueries.all(), 'service-map', params] as const,
      queryFn: ({ signal }) => fetchJson<traces.ServiceMapResponse>(`${base}/service-map`, params, signal),
    }),

  search: (params: Omit<traces.TraceSearchQuery, 'size' | 'cursor'>) =>
    infiniteQueryOptions({
      queryKey: [...tracesQueries.all(), 'search', { ...params, size: SEARCH_PAGE_SIZE }] as const,
      queryFn: ({ signal, pageParam }) =>
        fetchJson<traces.TraceSearchResponse>(
          `${base}/search`,
          { ...params, size: SEARCH_PAGE_SIZE, cursor: pageParam },
          signal,
        ),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    }),

  service: (service: string, params: traces.ServiceQuery) =>
    queryOptions({
      queryKey: [...tracesQueries.all(), 'service', service, params] as const,
      queryFn: ({ signal }) =>
        fetchJson<traces.ServiceResponse>(`${base}/services/${encodeURIComponent(service)}`, params, signal),
    }),

  /** A stored trace does not change once complete; it is fetched whole, whatever its size. */
  trace: (traceId: string) =>
    queryOptions({
      queryKey: [...tracesQueries.all(), 'trace', traceId] as const,
      queryFn: ({ signal }) => fetchJson<Trace>(`${base}/${encodeURIComponent(traceId)}`, {}, signal),
      staleTime: 60_000,
    }),

  /**
   * The service's failed deploys, from the deployments board's API (a URL, not its code): the
   * marks on the RED charts that answer "did errors start with this deploy?".
   */
  failedDeploys: (params: deployments.FailuresQuery) =>
    queryOptions({
      queryKey: [...tracesQueries.all(), 'deploy-failures', params] as const,
      queryFn: ({ signal }) =>
        fetchJson<deployments.FailuresResponse>('/api/deployments/failures', params, signal),
    }),

  /** The service's last deploy and last successful deploy in the range, from the same API. */
  deployedServices: (params: deployments.ServicesQuery) =>
    queryOptions({
      queryKey: [...tracesQueries.all(), 'deployed-services', params] as const,
      queryFn: ({ signal }) =>
        fetchJson<deployments.ServicesResponse>('/api/deployments/services', params, signal),
    }),
};
