import type { UseQueryResult } from '@tanstack/react-query';
import type { containers } from '@lookout/server/types';
import { Panel } from '../../components/panel.tsx';
import { formatCount } from '../../lib/format-number.ts';
import { formatTimestamp } from '../../lib/format-time.ts';
import type { TimeZoneOption } from '../../lib/time-range.ts';
import { DataTable, FilterToggle } from '../../components/data-table.tsx';
import { CrashLoopBadge } from './badges.tsx';
import type { ContainersFiltersState } from './use-containers-filters.ts';

type FailingService = containers.FailuresResponse['services'][number];

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
  query: UseQueryResult<containers.FailuresResponse, Error>;
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
        <DataTable
          caption="Services with startup failures, most first. Choose a service to narrow the board to it."
          columns={['Service', { label: 'Failures', numeric: true }, 'Last failure']}
        >
          {data.services.toSorted(byFailuresThenRecency).map((row) => {
            const selected = filters.service.includes(row.service);
            return (
              <tr
                key={row.service}
                className={selected ? 'row-selected' : undefined}
                data-service={row.service}
              >
                <td>
                  <FilterToggle
                    pressed={selected}
                    onToggle={() => {
                      filters.toggle('service', row.service);
                      onServiceSelected?.();
                    }}
                  >
                    {row.service}
                  </FilterToggle>{' '}
                  {row.crashLoop && <CrashLoopBadge />}
                </td>
                <td className="num">{formatCount(row.failures)}</td>
                <td className="nowrap">{formatTimestamp(new Date(row.lastFailure), tz)}</td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </Panel>
  );
}
