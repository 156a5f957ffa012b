import { useQuery } from '@tanstack/react-query';
import { BoardHeader } from '../../components/board-header.tsx';
import { lazyChart } from '../../components/lazy-chart.tsx';
import { Panel } from '../../components/panel.tsx';
import { useNow } from '../../lib/now.ts';
import { useRefreshInterval, useTimeRange } from '../../lib/use-time-range.ts';
import { AccountsPanel } from './accounts-panel.tsx';
import { EventDrawer } from './event-drawer.tsx';
import { EventsPanel } from './events-table.tsx';
import { FailuresPanel } from './failures-panel.tsx';
import { FiltersBar } from './filters-bar.tsx';
import { Freshness } from './freshness.tsx';
import { cloudtrailQueries } from './queries.ts';
import { SummaryTiles } from './summary-tiles.tsx';
import { UnknownIpsPanel } from './unknown-ips-panel.tsx';
import { bucketDrillDown, useCloudtrailFilters } from './use-cloudtrail-filters.ts';
import './cloudtrail.css';

const TopCallsChart = lazyChart(() => import('./top-calls-chart.tsx').then((m) => m.TopCallsChart));

const EVENTS_ID = 'cloudtrail-events';

/** A drill-down lands in the list of raw events, which may be below the fold. */
function revealEvents() {
  document.getElementById(EVENTS_ID)?.scrollIntoView({ block: 'start' });
}

export function CloudtrailPage() {
  TopCallsChart.usePreload();
  const { tz } = useTimeRange();
  const now = useNow();
  const refetchInterval = useRefreshInterval();
  const filters = useCloudtrailFilters();
  // Tiles, freshness, the account select and two side panels share this one request.
  const summary = useQuery({ ...cloudtrailQueries.summary(filters.boardParams), refetchInterval });
  const topCalls = useQuery({ ...cloudtrailQueries.topCalls(filters.boardParams), refetchInterval });

  return (
    <div className="board-page cloudtrail-page">
      <BoardHeader title="CloudTrail" />
      {summary.data ? (
        <Freshness newestEventTime={summary.data.newestEventTime} now={now} tz={tz} />
      ) : (
        <p className="cloudtrail-freshness">
          {summary.status === 'pending'
            ? 'Checking how fresh the data is…'
            : 'Freshness unknown (see Summary).'}
        </p>
      )}
      <FiltersBar filters={filters} accounts={summary.data?.accounts} />
      <Panel title="Summary" query={summary} tz={tz}>
        {(data) => <SummaryTiles data={data} />}
      </Panel>
      <Panel
        title="Top API calls"
        query={topCalls}
        tz={tz}
        isEmpty={(data) => data.buckets.every((bucket) => bucket.total === 0)}
        emptyMessage="No CloudTrail events in this time range with these filters."
      >
        {(data) => (
          <TopCallsChart
            height={280}
            data={data}
            tz={tz}
            onSelectBar={(eventName, row) => {
              filters.update(bucketDrillDown(eventName, row.from, row.to));
              revealEvents();
            }}
            searchForCall={(eventName) => filters.searchFor({ eventName: [eventName], event: null })}
            onCallLinkFollowed={revealEvents}
          />
        )}
      </Panel>
      {/* What needs a look first sits above the raw list; the list gets the full width. */}
      <div className="cloudtrail-side">
        <UnknownIpsPanel filters={filters} tz={tz} />
        <FailuresPanel filters={filters} tz={tz} />
        <AccountsPanel filters={filters} tz={tz} />
      </div>
      <div id={EVENTS_ID} className="scroll-anchor">
        <EventsPanel filters={filters} tz={tz} />
      </div>
      {filters.event && <EventDrawer key={filters.event} eventID={filters.event} filters={filters} tz={tz} />}
    </div>
  );
}
