import { queryOptions } from '@tanstack/react-query';
import type { cluster } from '@lookout/server/types';
import { fetchJson } from '../../lib/api.ts';

// The cluster board: the engine's own health, node and index statistics (always "now", no time
// range), every index family's volume and freshness, the disk forecast, and retention.

const base = '/api/cluster';

/** Query options of the cluster board; one per panel, so each loads and fails on its own. */
export const clusterQueries = {
  all: () => ['cluster'] as const,

  health: () =>
    queryOptions({
      queryKey: [...clusterQueries.all(), 'health'] as const,
      queryFn: ({ signal }) => fetchJson<cluster.HealthResponse>(`${base}/health`, {}, signal),
    }),

  families: () =>
    queryOptions({
      queryKey: [...clusterQueries.all(), 'families'] as const,
      queryFn: ({ signal }) => fetchJson<cluster.FamiliesResponse>(`${base}/families`, {}, signal),
    }),

  forecast: () =>
    queryOptions({
      queryKey: [...clusterQueries.all(), 'forecast'] as const,
      queryFn: ({ signal }) => fetchJson<cluster.ForecastResponse>(`${base}/forecast`, {}, signal),
    }),

  retention: () =>
    queryOptions({
      queryKey: [...clusterQueries.all(), 'retention'] as const,
      queryFn: ({ signal }) => fetchJson<cluster.RetentionResponse>(`${base}/retention`, {}, signal),
    }),

  audit: () =>
    queryOptions({
      queryKey: [...clusterQueries.all(), 'audit'] as const,
      queryFn: ({ signal }) => fetchJson<cluster.AuditResponse>(`${base}/retention/audit`, {}, signal),
    }),
};
