import { useQuery } from '@tanstack/react-query';
import { BoardHeader } from '../../components/board-header.tsx';
import { Panel } from '../../components/panel.tsx';
import { useRefreshInterval, useTimeRange } from '../../lib/use-time-range.ts';
import { tracesQueries } from './queries.ts';
import { ServiceMap } from './service-map.tsx';
import { TraceFilters, TraceSearchPanel } from './trace-search.tsx';
import { rangeSearch, useTracesFilters } from './use-traces-filters.ts';
import './traces.css';

/** The traces board: who calls whom (the service map), and the search for one trace. */
export function TracesPage() {
  const { tz } = useTimeRange();
  const refetchInterval = useRefreshInterval();
  const filters = useTracesFilters();
  const map = useQuery({ ...tracesQueries.serviceMap(filters.rangeParams), refetchInterval });
  const services = map.data?.services.map((s) => s.service) ?? [];

  return (
    <div className="board-page traces-page">
      <BoardHeader title="Traces" />
      <Panel
        title="Service map"
        query={map}
        tz={tz}
        isEmpty={(data) => data.services.length === 0}
        emptyMessage="No spans in this time range. Send OTLP to /v1/traces, Zipkin to /api/v2/spans, or run `npm run lookout -- ingest traces <file>`."
      >
        {(data) => <ServiceMap map={data} search={rangeSearch(filters.searchParams)} />}
      </Panel>
      <TraceFilters filters={filters} services={services} />
      <TraceSearchPanel filters={filters} tz={tz} />
    </div>
  );
}
