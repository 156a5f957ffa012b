import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Panel } from '../../components/panel.tsx';
import type { TimeZoneOption } from '../../lib/time-range.ts';
import { useRefreshInterval } from '../../lib/use-time-range.ts';
import { formatCount } from '../../lib/format-number.ts';
import { cloudtrailQueries } from './queries.ts';
import type { CloudtrailFiltersState } from './use-cloudtrail-filters.ts';

/** Denied and failed calls by error code and by whom, and failed console sign-ins. */
export function FailuresPanel({ filters, tz }: { filters: CloudtrailFiltersState; tz: TimeZoneOption }) {
  const refetchInterval = useRefreshInterval();
  const query = useQuery({ ...cloudtrailQueries.summary(filters.boardParams), refetchInterval });
  // errorCode is not a filter of the API: a click narrows to that principal's failures.
  const failuresOf = (principal: string) =>
    filters.searchFor({ principal: [principal], outcome: 'failure', event: null });

  return (
    <Panel
      title="Failures"
      query={query}
      tz={tz}
      isEmpty={(data) => data.topErrors.length === 0 && data.failedConsoleLogins.length === 0}
      emptyMessage="No failed calls in this time range."
    >
      {(data) => (
        <>
          <h3 className="cloudtrail-subhead">Top error codes</h3>
          {data.topErrors.length === 0 ? (
            <p className="cloudtrail-detail">None.</p>
          ) : (
            <ul className="cloudtrail-list" aria-label="Top error codes">
              {data.topErrors.map((error) => (
                <li key={error.errorCode}>
                  <div className="cloudtrail-list-head">
                    <strong className="cloudtrail-failure">{error.errorCode}</strong>
                    <span className="cloudtrail-count">{formatCount(error.count)}</span>
                  </div>
                  <ul className="cloudtrail-sublist" aria-label={`Principals with ${error.errorCode}`}>
                    {error.principals.map((p) => (
                      <li key={p.principal}>
                        <Link to={{ search: failuresOf(p.principal) }}>{p.principal}</Link>
                        <span className="cloudtrail-count">{formatCount(p.count)}</span>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
          <h3 className="cloudtrail-subhead">Failed console logins</h3>
          {data.failedConsoleLogins.length === 0 ? (
            <p className="cloudtrail-detail">None.</p>
          ) : (
            <ul className="cloudtrail-sublist" aria-label="Failed console logins">
              {data.failedConsoleLogins.map((p) => (
                <li key={p.principal}>
                  <Link
                    to={{
                      search: filters.searchFor({
                        principal: [p.principal],
                        outcome: 'failure',
                        eventName: ['ConsoleLogin'],
                        event: null,
                      }),
                    }}
                  >
                    {p.principal}
                  </Link>
                  <span className="cloudtrail-count">{formatCount(p.count)}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Panel>
  );
}
