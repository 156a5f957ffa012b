import { queryOptions, useQuery } from '@tanstack/react-query';
import type { HealthResponse } from '@lookout/server/types';
import { ApiError } from '../lib/api.ts';
import { formatClock } from '../lib/format-time.ts';
import { useTimeRange } from '../lib/use-time-range.ts';

const HEALTH_POLL_MS = 15_000;

async function fetchHealth(signal: AbortSignal): Promise<HealthResponse> {
  let response: Response;
  try {
    response = await fetch('/api/health', { signal, headers: { accept: 'application/json' } });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ApiError(0, 'Lookout server is not responding');
  }
  // A degraded check may come with a 503 status; its body still says what is wrong.
  const body: unknown = await response.json().catch(() => undefined);
  if (isHealthResponse(body)) return body;
  throw new ApiError(response.status, 'Lookout server is not responding');
}

function isHealthResponse(value: unknown): value is HealthResponse {
  return typeof value === 'object' && value !== null && 'elasticsearch' in value && 'status' in value;
}

export const healthQueryOptions = queryOptions({
  queryKey: ['health'],
  queryFn: ({ signal }) => fetchHealth(signal),
  refetchInterval: HEALTH_POLL_MS,
  // The next poll is the retry; retrying sooner would only delay the banner.
  retry: false,
  staleTime: 0,
  // The banner is the report; a toast on top would say the same thing twice.
  meta: { toastOnBackgroundError: false },
});

/** Full-width warning under the header when the boards cannot get data, and why. */
export function HealthBanner() {
  const { data, isError } = useQuery(healthQueryOptions);

  if (isError) {
    return (
      <div className="banner banner-critical" role="alert">
        Lookout server is not responding — boards cannot load data. Checking again every 15 s.
      </div>
    );
  }
  if (!data) return null;
  const { elasticsearch } = data;
  if (!elasticsearch.reachable) {
    return (
      <div className="banner banner-critical" role="alert">
        Elasticsearch is unreachable — boards cannot load data. {elasticsearch.error}
      </div>
    );
  }
  if (elasticsearch.error) {
    return (
      <div className="banner banner-critical" role="alert">
        {elasticsearch.error}
      </div>
    );
  }
  if (elasticsearch.clusterStatus === 'red') {
    return (
      <div className="banner banner-warning" role="alert">
        Elasticsearch cluster {elasticsearch.clusterName ?? ''} is red — some indices are unavailable, boards
        may show partial data.
      </div>
    );
  }
  return null;
}

/** The small "Elasticsearch 9.2.0 · green" (or "OpenSearch 2.19.6 · green") in the header while all is well. */
export function HealthIndicator() {
  const { data, isPending, isError } = useQuery(healthQueryOptions);
  const { tz } = useTimeRange();

  if (isPending) return <span className="health-indicator">Checking Elasticsearch…</span>;
  const { elasticsearch } = data ?? {};
  if (isError || !elasticsearch?.reachable || !data) return null;

  const status = elasticsearch.clusterStatus ?? 'unknown';
  const engine = elasticsearch.engine ?? 'Elasticsearch';
  const checked = formatClock(new Date(data.checkedAt), tz);
  return (
    <span
      className={`health-indicator health-${status}`}
      title={`Cluster ${elasticsearch.clusterName ?? ''} at ${elasticsearch.url}, checked ${checked}`}
    >
      <span className="health-dot" aria-hidden="true" />
      {engine} · {status}
    </span>
  );
}
