import { useInfiniteQuery } from '@tanstack/react-query';
import type { cloudtrail } from '@lookout/server/types';
import { Panel } from '../../components/panel.tsx';
import { formatTimestamp } from '../../lib/format-time.ts';
import type { TimeZoneOption } from '../../lib/time-range.ts';
import { useRefreshInterval } from '../../lib/use-time-range.ts';
import { countOf, formatCount } from '../../lib/format-number.ts';
import { cloudtrailQueries } from './queries.ts';
import type { CloudtrailFiltersState } from './use-cloudtrail-filters.ts';
import { LoadMore } from '../../components/load-more.tsx';
import { useListNavigation } from '../../lib/use-list-navigation.ts';
import { ExportMenu } from '../../components/export-menu.tsx';

export function EventsPanel({ filters, tz }: { filters: CloudtrailFiltersState; tz: TimeZoneOption }) {
  const refetchInterval = useRefreshInterval();
  const query = useInfiniteQuery({ ...cloudtrailQueries.events(filters.eventsParams), refetchInterval });
  const firstPage = query.data?.pages[0];
  const events = query.data?.pages.flatMap((page) => page.events) ?? [];

  return (
    <Panel
      title="Events"
      tz={tz}
      // "Updating…" is for refreshes; loading the next page has its own wording on the button.
      query={{ ...query, isFetching: query.isFetching && !query.isFetchingNextPage }}
      isEmpty={(data) => data.pages[0]?.events.length === 0}
      emptyMessage="No events match these filters in this time range."
      actions={
        <>
          {firstPage && (
            <span className="cloudtrail-total" data-testid="events-total">
              {formatTotal(firstPage.total, firstPage.totalIsExact)}
            </span>
          )}
          <ExportMenu path="/api/cloudtrail/events" params={filters.eventsParams} />
        </>
      }
    >
      {() => (
        <>
          <EventsTable
            events={events}
            tz={tz}
            selected={filters.event}
            onOpen={(eventID) => filters.update({ event: eventID })}
          />
          <LoadMore
            query={query}
            summary={
              <>
                Showing {formatCount(events.length)} of{' '}
                {firstPage ? formatTotal(firstPage.total, firstPage.totalIsExact) : '…'}
              </>
            }
          />
        </>
      )}
    </Panel>
  );
}

/** `ec2` for `ec2.amazonaws.com`: the suffix is the same on every AWS row and costs a column's width. */
export function shortSource(eventSource: string): string {
  return eventSource.replace(/\.amazonaws\.com$/, '');
}

/** `1,234 events`, or `10,000+ events` when Elasticsearch stopped counting. */
export function formatTotal(total: number, exact: boolean): string {
  return exact ? countOf(total, 'event') : `${formatCount(total)}+ events`;
}

export interface EventsTableProps {
  events: cloudtrail.EventSummary[];
  tz: TimeZoneOption;
  selected: string | undefined;
  onOpen(eventID: string): void;
}

export function EventsTable({ events, tz, selected, onOpen }: EventsTableProps) {
  const navigation = useListNavigation(
    events.map((event) => event.eventID),
    { selected, primary: true },
  );
  return (
    <div className="table-scroll">
      <table className="cloudtrail-table cloudtrail-events" {...navigation.listProps}>
        <caption className="visually-hidden">
          CloudTrail events, newest first. Move with j and k or the arrow keys; Enter opens a row's record.
        </caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Event</th>
            <th scope="col">Source</th>
            <th scope="col">Outcome</th>
            <th scope="col">Principal</th>
            <th scope="col">Source IP / address</th>
            <th scope="col">Account</th>
            <th scope="col">Region</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr
              key={event.eventID}
              {...navigation.rowProps(event.eventID)}
              className={
                event.eventID === selected ? 'cloudtrail-row cloudtrail-row-selected' : 'cloudtrail-row'
              }
              aria-current={event.eventID === selected ? 'true' : undefined}
              data-event-id={event.eventID}
              onClick={() => onOpen(event.eventID)}
            >
              <td className="cloudtrail-time">{formatTimestamp(new Date(event.eventTime), tz)}</td>
              <td>
                <strong>{event.eventName}</strong>
              </td>
              <td title={event.eventSource}>{shortSource(event.eventSource)}</td>
              <td>
                {event.outcome === 'failure' ? (
                  <span className="cloudtrail-failure cloudtrail-outcome">
                    Failed
                    {event.errorCode && (
                      <>
                        <span className="visually-hidden">: </span>
                        <span className="cloudtrail-error-code">{event.errorCode}</span>
                      </>
                    )}
                  </span>
                ) : (
                  <span className="cloudtrail-success">OK</span>
                )}
              </td>
              {/* Capped widths: one long session name must not push the other columns off screen. */}
              <td>
                <span className="cloudtrail-principal">{event.principal}</span>
              </td>
              <td>
                <span className="cloudtrail-address">{event.sourceAddress || event.sourceIp || '—'}</span>
              </td>
              <td className="nowrap">{event.account || '—'}</td>
              <td className="nowrap">{event.region || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
