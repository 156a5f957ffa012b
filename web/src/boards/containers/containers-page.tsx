import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { BoardHeader } from '../../components/board-header.tsx';
import { lazyChart } from '../../components/lazy-chart.tsx';
import { Panel } from '../../components/panel.tsx';
import { useNow } from '../../lib/now.ts';
import { useRefreshInterval, useTimeRange } from '../../lib/use-time-range.ts';
import { AlertsPanel } from './alerts-panel.tsx';
import { FailuresPanel } from './failures-panel.tsx';
import { FiltersBar } from './filters-bar.tsx';
import { Freshness } from './freshness.tsx';
import { containersQueries } from './queries.ts';
import { ServicesPanel } from './services-panel.tsx';
import { visibleReasons, toTimelineRows } from './timeline-rows.ts';
import { barDrillDown, useContainersFilters } from './use-containers-filters.ts';
import './containers.css';

const FailuresChart = lazyChart(() => import('./failures-chart.tsx').then((m) => m.FailuresChart));

const FAILURES_ID = 'containers-failures';

/** A narrowing click lands in the failures list, which may be below the fold. */
function revealFailures() {
  document.getElementById(FAILURES_ID)?.scrollIntoView?.({ block: 'start' });
}

export function ContainersPage() {
  FailuresChart.usePreload();
  const { tz } = useTimeRange();
  const [searchParams] = useSearchParams();
  const tzParam = searchParams.get('tz');
  const now = useNow();
  const refetchInterval = useRefreshInterval();
  const filters = useContainersFilters();
  // The failing services, the recent failures and the freshness line share this one request.
  const failures = useQuery({ ...containersQueries.failures(filters.params), refetchInterval });
  const timeline = useQuery({ ...containersQueries.timeline(filters.params), refetchInterval });

  return (
    <div className="board-page containers-page">
      <BoardHeader title="Container failures" />
      {failures.data ? (
        <Freshness freshness={failures.data.freshness} now={now} tz={tz} />
      ) : (
        <p className="containers-freshness-pending">
          {failures.status === 'pending'
            ? 'Checking how fresh the events and logs are…'
            : 'Freshness unknown (see Recent failures).'}
        </p>
      )}
      <FiltersBar filters={filters} />
      <Panel
        title="Failures over time"
        query={timeline}
        tz={tz}
        isEmpty={(data) => {
          const rows = toTimelineRows(data);
          const anyUnlisted = filters.reason.length === 0 && rows.some((row) => row.unlisted > 0);
          return visibleReasons(rows, filters.reason).length === 0 && !anyUnlisted;
        }}
        emptyMessage="No startup failures in this time range with these filters."
      >
        {(data) => (
          <FailuresChart
            height={260}
            data={data}
            selectedReasons={filters.reason}
            tz={tz}
            onSelectBar={(reason, row) => {
              filters.update(barDrillDown(reason, row.startMs, row.endMs));
              revealFailures();
            }}
          />
        )}
      </Panel>
      <div className="containers-columns">
        <ServicesPanel query={failures} filters={filters} tz={tz} onServiceSelected={revealFailures} />
        <AlertsPanel range={filters.params} tz={tz} tzParam={tzParam} />
      </div>
      <div id={FAILURES_ID} className="scroll-anchor">
        <FailuresPanel query={failures} params={filters.params} tz={tz} tzParam={tzParam} />
      </div>
    </div>
  );
}
