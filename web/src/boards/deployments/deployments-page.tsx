import { useQuery } from '@tanstack/react-query';
import { BoardHeader } from '../../components/board-header.tsx';
import { lazyChart } from '../../components/lazy-chart.tsx';
import { Panel } from '../../components/panel.tsx';
import { useRefreshInterval, useTimeRange } from '../../lib/use-time-range.ts';
import { FailuresPanel } from './failures-panel.tsx';
import { FiltersBar } from './filters-bar.tsx';
import { KpiTiles } from './kpi-tiles.tsx';
import { deploymentsQueries } from './queries.ts';
import { ServicesPanel } from './services-panel.tsx';
import { StagesPanel } from './stages-panel.tsx';
import { useDeploymentsFilters } from './use-deployments-filters.ts';
import './deployments.css';

const DeploysChart = lazyChart(() => import('./deploys-chart.tsx').then((m) => m.DeploysChart));

const FAILURES_ID = 'deployments-failures';

/** A narrowing click lands in the failures list, which may be below the fold. */
function revealFailures() {
  document.getElementById(FAILURES_ID)?.scrollIntoView?.({ block: 'start' });
}

const DAY_MS = 86_400_000;

export function DeploymentsPage() {
  DeploysChart.usePreload();
  const { tz, setRange } = useTimeRange();
  const refetchInterval = useRefreshInterval();
  const filters = useDeploymentsFilters();
  // The tiles and the chart share this one request.
  const kpis = useQuery({ ...deploymentsQueries.kpis(filters.params), refetchInterval });

  return (
    <div className="board-page deployments-page">
      <BoardHeader title="Deployments" />
      <FiltersBar filters={filters} />
      <Panel
        title="Key figures"
        query={kpis}
        tz={tz}
        isEmpty={(data) => data.deployments + data.releases === 0}
        emptyMessage="No finished deploys or releases in this time range with these filters."
      >
        {(data) => <KpiTiles data={data} />}
      </Panel>
      <Panel
        title="Deploys per day"
        query={kpis}
        tz={tz}
        isEmpty={(data) => data.perDay.every((day) => day.deployments === 0)}
        emptyMessage="No finished deploys or releases in this time range with these filters."
      >
        {(data) => (
          <DeploysChart
            height={260}
            data={data}
            tz={tz}
            onSelectDay={(day) => {
              // The whole UTC day, as absolute ends: the link still means that day tomorrow.
              const start = Date.parse(`${day}T00:00:00.000Z`);
              setRange(new Date(start).toISOString(), new Date(start + DAY_MS).toISOString());
              revealFailures();
            }}
          />
        )}
      </Panel>
      <div className="deployments-failing">
        <ServicesPanel filters={filters} tz={tz} onServiceSelected={revealFailures} />
        <StagesPanel filters={filters} tz={tz} onStageSelected={revealFailures} />
      </div>
      <div id={FAILURES_ID} className="scroll-anchor">
        <FailuresPanel filters={filters} tz={tz} />
      </div>
    </div>
  );
}
