import { useQuery } from '@tanstack/react-query';
import type { deployments } from '@lookout/server/types';
import { Panel } from '../../components/panel.tsx';
import { countOf, formatCount } from '../../lib/format-number.ts';
import type { TimeZoneOption } from '../../lib/time-range.ts';
import { useRefreshInterval } from '../../lib/use-time-range.ts';
import { DataTable, FilterToggle } from '../../components/data-table.tsx';
import { deploymentsQueries } from './queries.ts';
import type { DeploymentsFiltersState } from './use-deployments-filters.ts';

const CAUSES = ['user', 'platform', 'unknown'] as const;

/** Pipeline stages that failed, most failures first, each split by cause; a click narrows the list. */
export function StagesPanel({
  filters,
  tz,
  onStageSelected,
}: {
  filters: DeploymentsFiltersState;
  tz: TimeZoneOption;
  onStageSelected?: () => void;
}) {
  const refetchInterval = useRefreshInterval();
  const query = useQuery({ ...deploymentsQueries.stages(filters.params), refetchInterval });

  return (
    <Panel
      title="Failing stages"
      query={query}
      tz={tz}
      isEmpty={(data) => data.stages.length === 0 && data.withoutStage === 0}
      emptyMessage="No deploy or release failed in this range."
    >
      {(data) => (
        <>
          <DataTable
            caption="Failure stages, most failures first. Choose a stage to list only its failures."
            columns={['Stage', { label: 'Failures', numeric: true }, 'By cause (user / platform / unknown)']}
            className="deployments-stages"
          >
            {data.stages.map((row) => {
              const selected = filters.stage.includes(row.stage);
              return (
                <tr key={row.stage} className={selected ? 'row-selected' : undefined}>
                  <td>
                    <FilterToggle
                      pressed={selected}
                      onToggle={() => {
                        filters.toggle('stage', row.stage);
                        onStageSelected?.();
                      }}
                    >
                      {row.stage}
                    </FilterToggle>
                  </td>
                  <td className="num">{formatCount(row.failed)}</td>
                  <td>
                    <CauseSplit row={row} />
                  </td>
                </tr>
              );
            })}
          </DataTable>
          <p className="hint">
            A stage narrows the failures list only.
            {data.withoutStage > 0 && ` ${countOf(data.withoutStage, 'failure')} name no stage.`}
          </p>
        </>
      )}
    </Panel>
  );
}

/** The counts as text, over a bar whose parts are proportional to them. */
function CauseSplit({ row }: { row: deployments.StageRow }) {
  return (
    <div className="deployments-cause-split">
      <span>
        {CAUSES.map((cause, i) => (
          <span key={cause}>
            {i > 0 && ' / '}
            <span className={`deployments-cause-${cause}`}>{formatCount(row.failuresByCause[cause])}</span>
          </span>
        ))}
      </span>
      <span className="deployments-cause-bar" aria-hidden="true">
        {CAUSES.map((cause) =>
          row.failuresByCause[cause] > 0 ? (
            <span
              key={cause}
              className={`deployments-cause-bar-${cause}`}
              style={{ flexGrow: row.failuresByCause[cause] }}
            />
          ) : null,
        )}
      </span>
    </div>
  );
}
