import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Panel } from '../../components/panel.tsx';
import type { TimeZoneOption } from '../../lib/time-range.ts';
import { useRefreshInterval } from '../../lib/use-time-range.ts';
import { formatCount } from '../../lib/format-number.ts';
import { cloudtrailQueries } from './queries.ts';
import type { CloudtrailFiltersState } from './use-cloudtrail-filters.ts';

export function AccountsPanel({ filters, tz }: { filters: CloudtrailFiltersState; tz: TimeZoneOption }) {
  const refetchInterval = useRefreshInterval();
  const query = useQuery({ ...cloudtrailQueries.summary(filters.boardParams), refetchInterval });
  return (
    <Panel
      title="Accounts"
      query={query}
      tz={tz}
      isEmpty={(data) => data.accounts.length === 0}
      emptyMessage="No events in this time range."
    >
      {(data) => (
        <table className="cloudtrail-table cloudtrail-compact">
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col" className="cloudtrail-num">
                Events
              </th>
              <th scope="col" className="cloudtrail-num">
                Failures
              </th>
            </tr>
          </thead>
          <tbody>
            {data.accounts.map((a) => (
              <tr key={a.account}>
                <td>
                  <Link to={{ search: filters.searchFor({ account: [a.account], event: null }) }}>
                    <code>{a.account}</code>
                  </Link>
                </td>
                <td className="cloudtrail-num">{formatCount(a.count)}</td>
                <td className="cloudtrail-num">
                  {a.failures > 0 ? (
                    <Link
                      className="cloudtrail-failure"
                      aria-label={`${formatCount(a.failures)} failures in ${a.account}`}
                      to={{
                        search: filters.searchFor({ account: [a.account], outcome: 'failure', event: null }),
                      }}
                    >
                      {formatCount(a.failures)}
                    </Link>
                  ) : (
                    '0'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
