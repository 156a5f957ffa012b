import { useQuery } from '@tanstack/react-query';
import { lazyChart } from '../../components/lazy-chart.tsx';
import { Panel } from '../../components/panel.tsx';
import { useRefreshInterval, useTimeRange } from '../../lib/use-time-range.ts';
import { FamiliesTable } from './families-table.tsx';
import { ForecastView } from './forecast-panel.tsx';
import { HealthSummary } from './health-panel.tsx';
import { clusterQueries } from './queries.ts';
import { AuditView, RetentionPlanView } from './retention-panels.tsx';
import { useSelectedFamily } from './use-selected-family.ts';
import './cluster.css';

// recharts stays out of the board's first load (docs/serving.md); its code is asked for once the page has drawn.
const VolumeChart = lazyChart(() => import('./volume-chart.tsx').then((m) => m.VolumeChart));

/** The family the chart shows: the one in the URL, else the biggest. */
function chartFamily<T extends { name: string; totalBytes: number }>(
  families: T[],
  selected: string | undefined,
) {
  return (
    families.find((f) => f.name === selected) ?? [...families].sort((a, b) => b.totalBytes - a.totalBytes)[0]
  );
}

export function ClusterPage() {
  const { tz } = useTimeRange();
  const refetchInterval = useRefreshInterval();
  const [selected, select] = useSelectedFamily();
  VolumeChart.usePreload();
  const health = useQuery({ ...clusterQueries.health(), refetchInterval });
  const families = useQuery({ ...clusterQueries.families(), refetchInterval });
  const forecast = useQuery({ ...clusterQueries.forecast(), refetchInterval });
  const retention = useQuery({ ...clusterQueries.retention(), refetchInterval });
  const audit = useQuery({ ...clusterQueries.audit(), refetchInterval });

  return (
    <div className="board-page cluster-page">
      <header className="board-header">
        <title>Cluster · Lookout</title>
        <h1>Cluster</h1>
        <p className="board-range">Now: the engine’s own statistics, refreshed on every load.</p>
      </header>
      <Panel title="Health" query={health} tz={tz}>
        {(data) => <HealthSummary data={data} />}
      </Panel>
      <Panel
        title="Index families"
        query={families}
        tz={tz}
        isEmpty={(data) => data.families.length === 0}
        emptyMessage="No index families configured."
      >
        {(data) => <FamiliesTable families={data.families} selected={selected} onSelect={select} />}
      </Panel>
      <Panel
        title="Daily volume, last 14 days"
        query={families}
        tz={tz}
        isEmpty={(data) => data.families.every((f) => f.indexCount === 0)}
        emptyMessage="No family has any index yet."
      >
        {(data) => <VolumeChart family={chartFamily(data.families, selected)!} height={220} />}
      </Panel>
      <Panel title="Disk forecast" query={forecast} tz={tz}>
        {(data) => <ForecastView data={data} />}
      </Panel>
      <Panel
        title="Retention plan"
        query={retention}
        tz={tz}
        isEmpty={(data) => data.deletions.length === 0}
        emptyMessage="Retention would delete nothing now."
      >
        {(data) => <RetentionPlanView data={data} />}
      </Panel>
      <Panel
        title="Deleted by retention"
        query={audit}
        tz={tz}
        isEmpty={(data) => data.records.length === 0}
        emptyMessage="Retention has deleted nothing yet."
      >
        {(data) => <AuditView data={data} tz={tz} />}
      </Panel>
    </div>
  );
}
