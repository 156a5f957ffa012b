import { useQuery } from '@tanstack/react-query';
import type { deployments } from '@lookout/server/types';
import { Panel } from '../../components/panel.tsx';
import { formatAge, formatCount } from '../../lib/format-number.ts';
import { formatTimestamp } from '../../lib/format-time.ts';
import type { TimeZoneOption } from '../../lib/time-range.ts';
import { useRefreshInterval } from '../../lib/use-time-range.ts';
import { DataTable, FilterToggle } from '../../components/data-table.tsx';
import { formatRate } from './dora.ts';
import { deploymentsQueries } from './queries.ts';
import type { DeploymentsFiltersState } from './use-deployments-filters.ts';

/** Services with at least one failure in range, most failures first (the server's order). */
export function ServicesPanel({
  filters,
  tz,
  onServiceSelected,
}: {
  filters: DeploymentsFiltersState;
  tz: TimeZoneOption;
  onServiceSelected?: () => void;
}) {
  const refetchInterval = useRefreshInterval();
  const query = useQuery({ ...deploymentsQueries.services(filters.params), refetchInterval });
  const failing = (services: deployments.ServiceRow[]) => services.filter((s) => s.failed > 0);

  return (
    <Panel
      title="Failing services"
      query={query}
      tz={tz}
      isEmpty={(data) => failing(data.services).length === 0}
      emptyMessage="No service had a failed deploy or release in this range."
    >
      {(data) => (
        <DataTable
          caption="Services with failures, most failures first. Choose a service to narrow the board to it."
          columns={[
            'Service',
            { label: 'Deploys', numeric: true },
            { label: 'Failure rate', numeric: true },
            'Causes (user / platform / unknown)',
            'Last deploy',
            'Since last success',
          ]}
        >
          {failing(data.services).map((row) => {
            const selected = filters.service.includes(row.service);
            return (
              <tr key={row.service} className={selected ? 'row-selected' : undefined}>
                <td>
                  <FilterToggle
                    pressed={selected}
                    onToggle={() => {
                      filters.toggle('service', row.service);
                      onServiceSelected?.();
                    }}
                  >
                    {row.service}
                  </FilterToggle>
                </td>
                <td className="num">{formatCount(row.deployments)}</td>
                <td className="num">
                  {formatRate(row.failureRate)}{' '}
                  <small className="hint">({formatCount(row.failed)} failed)</small>
                </td>
                <td>
                  <span className="deployments-cause-user">{formatCount(row.failuresByCause.user)}</span>
                  {' / '}
                  <span className="deployments-cause-platform">
                    {formatCount(row.failuresByCause.platform)}
                  </span>
                  {' / '}
                  <span className="deployments-cause-unknown">
                    {formatCount(row.failuresByCause.unknown)}
                  </span>
                </td>
                <td className="nowrap">
                  {row.lastDeployAt ? formatTimestamp(new Date(row.lastDeployAt), tz) : '—'}
                </td>
                <td className="nowrap">
                  {row.msSinceLastSuccess === null
                    ? 'no success in range'
                    : formatAge(row.msSinceLastSuccess)}
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </Panel>
  );
}
