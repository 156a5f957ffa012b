import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { cloudtrail } from '@lookout/server/types';
import { fetchJson } from '../../lib/api.ts';

export const EVENTS_PAGE_SIZE = 50;

const base = '/api/cloudtrail';

/**
 * Query options of the CloudTrail board. Each key holds every parameter its fetcher sends, so
 * two panels asking the same thing share one request; refetchInterval is spread at the call site.
 */
export const cloudtrailQueries = {
  all: () => ['cloudtrail'] as const,

  topCalls: (params: cloudtrail.TopCallsQuery) =>
    queryOptions({
      queryKey: [...cloudtrailQueries.all(), 'top-calls', params] as const,
      queryFn: ({ signal }) => fetchJson<cloudtrail.TopCallsResponse>(`${base}/top-calls`, params, signal),
    }),

  summary: (params: cloudtrail.SummaryQuery) =>
    queryOptions({
      queryKey: [...cloudtrailQueries.all(), 'summary', params] as const,
      queryFn: ({ signal }) => fetchJson<cloudtrail.SummaryResponse>(`${base}/summary`, params, signal),
    }),

  unknownIps: (params: cloudtrail.UnknownIpsQuery) =>
    queryOptions({
      queryKey: [...cloudtrailQueries.all(), 'unknown-ips', params] as const,
      queryFn: ({ signal }) =>
        fetchJson<cloudtrail.UnknownIpsResponse>(`${base}/unknown-ips`, params, signal),
    }),

  events: (params: Omit<cloudtrail.EventsQuery, 'size' | 'cursor'>) =>
    infiniteQueryOptions({
      queryKey: [...cloudtrailQueries.all(), 'events', { ...params, size: EVENTS_PAGE_SIZE }] as const,
      queryFn: ({ signal, pageParam }) =>
        fetchJson<cloudtrail.EventsResponse>(
          `${base}/events`,
          { ...params, size: EVENTS_PAGE_SIZE, cursor: pageParam },
          signal,
        ),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    }),

  event: (eventID: string) =>
    queryOptions({
      queryKey: [...cloudtrailQueries.all(), 'event', eventID] as const,
      queryFn: ({ signal }) =>
        fetchJson<cloudtrail.EventRecordResponse>(
          `${base}/events/${encodeURIComponent(eventID)}`,
          {},
          signal,
        ),
      // A delivered record never changes.
      staleTime: Infinity,
    }),

  /**
   * The list view of one event (Lookout's principal and source IP, which the raw record does not
   * carry), found among the events of its own second: CloudTrail times have second precision.
   */
  eventSummary: (eventID: string, eventTime: string) =>
    queryOptions({
      queryKey: [...cloudtrailQueries.all(), 'event-summary', eventID, eventTime] as const,
      queryFn: async ({ signal }) => {
        const from = new Date(eventTime);
        const to = new Date(from.getTime() + 1_000);
        const page = await fetchJson<cloudtrail.EventsResponse>(
          `${base}/events`,
          { from: from.toISOString(), to: to.toISOString(), size: 500 },
          signal,
        );
        return page.events.find((event) => event.eventID === eventID) ?? null;
      },
      staleTime: Infinity,
    }),
};
