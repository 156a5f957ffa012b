import type { UseQueryResult } from '@tanstack/react-query';
import type { ContainerFailuresResponse } from '@lookout/server/types';
import { Panel } from '../../components/panel.tsx';
import { formatCount } from '../../lib/format-number.ts';
import { formatTimestamp } from '../../lib/format-time.ts';
import type { TimeZoneOption } from '../../lib/time-range.ts';
import { CrashLoopBadge } from './badges.tsx';
import { toggleValue, type ContainersFiltersState } from './use-containers-filters.ts';

type FailingService = ContainerFailuresResponse['services'][number];

/** Most failures first; among equals the one that failed last, the likeliest to be failing now. */
export function byFailuresThenRecency(a: FailingService, b: FailingService): number {
  return b.failures - a.failures || Date.parse(b.lastFailure) - Date.parse(a.lastFailure);
}

/** Services with startup failures in range, most failures first. */
export function ServicesPanel({
  query,
  filters,
  tz,
  onServiceSelected,
}: {
  query: UseQueryResult<ContainerFailuresResponse, Error>;
  filters: ContainersFiltersState;
  tz: TimeZoneOption;
  onServiceSelected?: () => void;
}) {
  return (
    <Panel
      title="Failing services"
      query={query}
      tz={tz}
      isEmpty={(data) => data.services.length === 0}
      emptyMessage="No service failed to start in this range."
    >
      {(data) => (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">
              Services with startup failures, most first. Choose a service to narrow the board to it.
            </caption>
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col" className="num">
                  Failures
                </th>
                <th scope="col">Last failure</th>
              </tr>
            </thead>
            <tbody>
              {data.services.toSorted(byFailuresThenRecency).map((row) => {
                const selected = filters.service.includes(row.service);
                return (
                  <tr
                    key={row.service}
                    className={selected ? 'row-selected' : undefined}
                    data-service={row.service}
                  >
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        aria-pressed={selected}
                        onClick={() => {
                          filters.update(toggleValue(filters, 'service', row.service));
                          onServiceSelected?.();
                        }}
                      >
                        {row.service}
                      </button>{' '}
                      {row.crashLoop && <CrashLoopBadge />}
                    </td>
                    <td className="num">{formatCount(row.failures)}</td>
                    <td className="nowrap">{formatTimestamp(new Date(row.lastFailure), tz)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
