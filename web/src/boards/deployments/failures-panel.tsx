import { useInfiniteQuery } from '@tanstack/react-query';
import type { deployments } from '@lookout/server/types';
import { DataTable } from '../../components/data-table.tsx';
import { useListNavigation } from '../../lib/use-list-navigation.ts';
import { Panel } from '../../components/panel.tsx';
import { countOf, formatCount } from '../../lib/format-number.ts';
import { formatTimestamp } from '../../lib/format-time.ts';
import type { TimeZoneOption } from '../../lib/time-range.ts';
import { useRefreshInterval } from '../../lib/use-time-range.ts';
import { deploymentsQueries } from './queries.ts';
import type { DeploymentsFiltersState } from './use-deployments-filters.ts';
import { LoadMore } from '../../components/load-more.tsx';
import { ExportMenu } from '../../components/export-menu.tsx';

/** Failed and rolled-back deploys and releases, newest first, with the rule that decided the cause. */
export function FailuresPanel({ filters, tz }: { filters: DeploymentsFiltersState; tz: TimeZoneOption }) {
  const refetchInterval = useRefreshInterval();
  const query = useInfiniteQuery({ ...deploymentsQueries.failures(filters.failuresParams), refetchInterval });
  const firstPage = query.data?.pages[0];
  const failures = query.data?.pages.flatMap((page) => page.failures) ?? [];

  return (
    <Panel
      title="Failures"
      tz={tz}
      // "Updating…" is for refreshes; the next page has its own wording on the button.
      query={{ ...query, isFetching: query.isFetching && !query.isFetchingNextPage }}
      isEmpty={(data) => data.pages[0]?.failures.length === 0}
      emptyMessage="No failed deploys or releases match these filters in this range."
      actions={
        <>
          {firstPage && (
            <span className="hint" data-testid="failures-total">
              {countOf(firstPage.total, 'failure')}
            </span>
          )}
          <ExportMenu path="/api/deployments/failures" params={filters.failuresParams} />
        </>
      }
    >
      {() => (
        <>
          <FailuresTable failures={failures} tz={tz} />
          <LoadMore
            query={query}
            summary={
              <>
                Showing {formatCount(failures.length)} of {firstPage ? formatCount(firstPage.total) : '…'}
              </>
            }
          />
        </>
      )}
    </Panel>
  );
}

export function FailuresTable({ failures, tz }: { failures: deployments.FailureRow[]; tz: TimeZoneOption }) {
  const navigation = useListNavigation(
    failures.map((failure) => failure.eventId),
    { primary: true },
  );
  return (
    <DataTable
      caption="Failures, newest first"
      columns={['Finished', 'Service', 'Environment', 'Stage', 'Message', 'Cause', 'Deciding rule']}
      className="deployments-failures"
      navigation={navigation}
    >
      {failures.map((failure) => (
        <tr key={failure.eventId} data-event-id={failure.eventId} {...navigation.rowProps(failure.eventId)}>
          <td className="nowrap">{formatTimestamp(new Date(failure.finishedAt), tz)}</td>
          <td>
            <strong>{failure.service}</strong>
            <div className="hint">
              {failure.kind} {failure.phase === 'rolled_back' ? 'rolled back' : failure.phase} ·{' '}
              {failure.platform}
            </div>
          </td>
          <td>{failure.environment}</td>
          <td>{failure.stage ?? '—'}</td>
          <td className="deployments-message">
            {failure.code && <code>{failure.code}</code>} {failure.message ?? ''}
          </td>
          <td>
            <span className={`deployments-cause deployments-cause-${failure.cause}`}>{failure.cause}</span>
          </td>
          <td>
            <code className="deployments-rule">{failure.ruleId ?? 'no rule matched'}</code>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
