import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import type { traces } from '@lookout/server/types';
import { BoardHeader } from '../../components/board-header.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { lazyChart } from '../../components/lazy-chart.tsx';
import { Panel } from '../../components/panel.tsx';
import { formatCount } from '../../lib/format-number.ts';
import { formatTimestamp } from '../../lib/format-time.ts';
import type { TimeZoneOption } from '../../lib/time-range.ts';
import { useRefreshInterval, useTimeRange } from '../../lib/use-time-range.ts';
import { tracesQueries } from './queries.ts';
import type { DeployMark, RedRow } from './red-charts.tsx';
import { formatDurationUs } from './span-text.ts';
import { rangeSearch } from './use-traces-filters.ts';
import './traces.css';

const RedCharts = lazyChart(() => import('./red-charts.tsx').then((m) => m.RedCharts));

type ServiceResponse = traces.ServiceResponse;

/** One service: its RED over time with its deploys marked, its operations, its latency spread. */
export function ServicePage() {
  RedCharts.usePreload();
  const { service = '' } = useParams();
  const [params] = useSearchParams();
  const { tz, range } = useTimeRange();
  const refetchInterval = useRefreshInterval();
  const rangeParams = { from: range.from.text, to: range.to.text };
  const query = useQuery({ ...tracesQueries.service(service, rangeParams), refetchInterval });
  const deploys = useDeploys(service, rangeParams);
  const back = rangeSearch(params);

  return (
    <div className="board-page traces-page traces-service-page">
      <nav className="traces-back" aria-label="Breadcrumb">
        <Link to={{ pathname: '/traces', search: back }}>← Service map</Link>
      </nav>
      <BoardHeader title={service} />
      <p>
        <Link to={{ pathname: '/traces', search: searchFor(params, { service }) }}>Traces of {service}</Link>
        {' · '}
        <Link to={{ pathname: '/traces', search: searchFor(params, { service, status: 'error' }) }}>
          Error traces of {service}
        </Link>
      </p>
      <Panel
        title="Requests, errors, duration"
        query={query}
        tz={tz}
        isEmpty={(data) => data.red.every((bucket) => bucket.requests === 0)}
        emptyMessage={`No span of ${service} in this time range.`}
      >
        {(data) => (
          <>
            <RedCharts height={200} rows={redRows(data)} deploys={deploys.marks} tz={tz} />
            <DeployList deploys={deploys} tz={tz} />
          </>
        )}
      </Panel>
      <div className="traces-columns">
        <Panel
          title="Operations"
          query={query}
          tz={tz}
          isEmpty={(data) => data.operations.length === 0}
          emptyMessage="No operation in this time range."
        >
          {(data) => <OperationsTable service={service} data={data} params={params} />}
        </Panel>
        <Panel
          title="Latency histogram"
          query={query}
          tz={tz}
          isEmpty={(data) => data.latency.every((bucket) => bucket.count === 0)}
          emptyMessage="No span of this service in this time range."
        >
          {(data) => <LatencyHistogram service={service} data={data} params={params} />}
        </Panel>
      </div>
    </div>
  );
}

function redRows(data: ServiceResponse): RedRow[] {
  const ms = (us: number | null) => (us === null ? null : us / 1000);
  return data.red.map((bucket) => ({
    time: Date.parse(bucket.start),
    requests: bucket.requests,
    errors: bucket.errors,
    p50Ms: ms(bucket.p50Us),
    p95Ms: ms(bucket.p95Us),
    p99Ms: ms(bucket.p99Us),
  }));
}

interface Deploys {
  marks: DeployMark[];
  status: 'pending' | 'error' | 'success';
}

/**
 * The service's deploys, read from the deployments board's API: every failed or rolled-back
 * deploy in the range, and the last deploy when it succeeded. The deployments API lists no
 * successful deploy but the last one, so earlier successes are not marked.
 */
function useDeploys(service: string, range: { from: string; to: string }): Deploys {
  const failures = useQuery(tracesQueries.failedDeploys({ ...range, service: [service], size: 100 }));
  const services = useQuery(tracesQueries.deployedServices({ ...range, service: [service] }));
  const marks = useMemo(() => {
    const list: DeployMark[] = (failures.data?.failures ?? []).map((failure) => ({
      time: Date.parse(failure.finishedAt),
      label: `${failure.kind} ${failure.version} ${failure.phase} in ${failure.environment}${failure.stage ? ` at ${failure.stage}` : ''}`,
      failed: true,
    }));
    const row = services.data?.services.find((s) => s.service === service);
    if (row?.lastSuccessAt) {
      list.push({ time: Date.parse(row.lastSuccessAt), label: 'last successful deploy', failed: false });
    }
    return list.sort((a, b) => a.time - b.time);
  }, [failures.data, services.data, service]);
  const status =
    failures.status === 'pending' || services.status === 'pending'
      ? 'pending'
      : failures.status === 'error' && services.status === 'error'
        ? 'error'
        : 'success';
  return { marks, status };
}

function DeployList({ deploys, tz }: { deploys: Deploys; tz: TimeZoneOption }) {
  if (deploys.status === 'pending') return <p className="hint">Looking up deploys…</p>;
  if (deploys.status === 'error')
    return <p className="hint">Deploys unknown: the deployments data could not be read.</p>;
  if (deploys.marks.length === 0)
    return <p className="hint">No deploy of this service in this time range.</p>;
  return (
    <ul className="traces-deploys" aria-label="Deploys">
      {deploys.marks.map((deploy) => (
        <li
          key={`${deploy.time}-${deploy.label}`}
          className={deploy.failed ? 'traces-status-error' : undefined}
        >
          {deploy.failed ? '✗' : '▲'} {formatTimestamp(new Date(deploy.time), tz)}: {deploy.label}
        </li>
      ))}
    </ul>
  );
}

function OperationsTable({
  service,
  data,
  params,
}: {
  service: string;
  data: ServiceResponse;
  params: URLSearchParams;
}) {
  return (
    <DataTable
      caption={`Operations of ${service}`}
      columns={[
        'Operation',
        { label: 'Requests', numeric: true },
        { label: 'Errors', numeric: true },
        { label: 'p50', numeric: true },
        { label: 'p95', numeric: true },
        { label: 'p99', numeric: true },
      ]}
    >
      {data.operations.map((operation) => (
        <tr key={operation.name}>
          <td>
            <Link
              to={{
                pathname: '/traces',
                search: searchFor(params, { service, operation: operation.name }),
              }}
            >
              {operation.name}
            </Link>
          </td>
          <td className="num">{formatCount(operation.count)}</td>
          <td className="num">{operation.errorPercent.toFixed(1)}%</td>
          <td className="num">{formatDurationUs(operation.p50Us)}</td>
          <td className="num">{formatDurationUs(operation.p95Us)}</td>
          <td className="num">{formatDurationUs(operation.p99Us)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** Each bar is a link to the traces of this service in that duration bucket. */
function LatencyHistogram({
  service,
  data,
  params,
}: {
  service: string;
  data: ServiceResponse;
  params: URLSearchParams;
}) {
  const most = Math.max(1, ...data.latency.map((bucket) => bucket.count));
  return (
    <ol className="traces-histogram" aria-label={`Latency histogram of ${service}`}>
      {data.latency.map((bucket) => {
        const label = `${formatMs(bucket.minDurationMs)} – ${bucket.maxDurationMs === null ? '∞' : formatMs(bucket.maxDurationMs)}`;
        return (
          <li key={bucket.minDurationMs}>
            <Link
              to={{
                pathname: '/traces',
                search: searchFor(params, {
                  service,
                  // The bucket counts the service's spans, not whole traces: the search filters the same.
                  durationOf: 'span',
                  minDurationMs: String(bucket.minDurationMs),
                  ...(bucket.maxDurationMs === null ? {} : { maxDurationMs: String(bucket.maxDurationMs) }),
                }),
              }}
              aria-label={`${formatCount(bucket.count)} spans from ${label}`}
            >
              <span className="traces-histogram-label">{label}</span>
              <span className="traces-histogram-bar" style={{ width: `${(bucket.count / most) * 100}%` }} />
              <span className="traces-histogram-count">{formatCount(bucket.count)}</span>
            </Link>
          </li>
        );
      })}
    </ol>
  );
}

const formatMs = (ms: number) => formatDurationUs(ms * 1000);

/** A search of the board with these filters, in this page's range. */
function searchFor(params: URLSearchParams, filters: Record<string, string>): string {
  const next = new URLSearchParams(rangeSearch(params));
  for (const [name, value] of Object.entries(filters)) next.set(name, value);
  return `?${next.toString()}`;
}
