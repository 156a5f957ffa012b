import { useQuery } from '@tanstack/react-query';
import type { StageRow } from '@lookout/server/types';
import { Panel } from '../../components/panel.tsx';
import { countOf, formatCount } from '../../lib/format-number.ts';
import type { TimeZoneOption } from '../../lib/time-range.ts';
import { useRefreshInterval } from '../../lib/use-time-range.ts';
import { deploymentsQueries } from './queries.ts';
import { toggleValue, type DeploymentsFiltersState } from './use-deployments-filters.ts';

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
          <div className="table-scroll">
            <table className="data-table deployments-stages">
              <caption className="visually-hidden">
                Failure stages, most failures first. Choose a stage to list only its failures.
              </caption>
              <thead>
                <tr>
                  <th scope="col">Stage</th>
                  <th scope="col" className="num">
                    Failures
                  </th>
                  <th scope="col">By cause (user / platform / unknown)</th>
                </tr>
              </thead>
              <tbody>
                {data.stages.map((row) => {
                  const selected = filters.stage.includes(row.stage);
                  return (
                    <tr key={row.stage} className={selected ? 'row-selected' : undefined}>
                      <td>
                        <button
                          type="button"
                          className="link-button"
                          aria-pressed={selected}
                          onClick={() => {
                            filters.update(toggleValue(filters, 'stage', row.stage));
                            onStageSelected?.();
                          }}
                        >
                          {row.stage}
                        </button>
                      </td>
                      <td className="num">{formatCount(row.failed)}</td>
                      <td>
                        <CauseSplit row={row} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
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
function CauseSplit({ row }: { row: StageRow }) {
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
