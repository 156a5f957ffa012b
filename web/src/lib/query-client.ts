import { QueryCache, QueryClient, type Query } from '@tanstack/react-query';
import { ApiError } from './api.ts';

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: {
      /** false for queries that report their own failures (the health banner), so no toast doubles them. */
      toastOnBackgroundError?: boolean;
    };
  }
}

const MAX_RETRIES = 2;

/**
 * Retrying a 4xx repeats the same mistake; a 5xx or a dropped connection may be Elasticsearch
 * restarting, worth two more tries before the panel shows its error.
 */
export function shouldRetry(failureCount: number, error: Error): boolean {
  if (error instanceof ApiError && error.isClientError) return false;
  return failureCount < MAX_RETRIES;
}

/**
 * A refetch that fails after a query already had data leaves the old data on screen, which a
 * panel can't make obvious on its own: that is what the toast is for. First loads are not
 * reported here because the panel shows their error in place.
 */
export function isBackgroundFailure(query: Query<unknown, unknown, unknown>): boolean {
  return query.state.data !== undefined && query.meta?.toastOnBackgroundError !== false;
}

export function createQueryClient(onBackgroundError: (error: Error) => void): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (isBackgroundFailure(query)) onBackgroundError(error);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: shouldRetry,
        // Switching back to the tab at 3 a.m. should not reshuffle what the operator was reading;
        // auto-refresh is the explicit way to get new data.
        refetchOnWindowFocus: false,
      },
    },
  });
}
