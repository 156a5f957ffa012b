import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { containers } from '@lookout/server/types';
import { DataTable } from '../../components/data-table.tsx';
import { rowOpenProps, useListNavigation } from '../../lib/use-list-navigation.ts';
import { Panel } from '../../components/panel.tsx';
import { ExportMenu } from '../../components/export-menu.tsx';
import { countOf, formatAge, formatCount } from '../../lib/format-number.ts';
import { formatTimestamp } from '../../lib/format-time.ts';
import type { TimeZoneOption } from '../../lib/time-range.ts';
import { CrashLoopBadge, ReasonBadge } from './badges.tsx';
import { culpritContainer, describeExit, inAppLink } from './failure-summary.ts';

/** The newest startup failures, each a link to its failure page (the same page an alert opens). */
export function FailuresPanel({
  query,
  params,
  tz,
  tzParam,
}: {
  query: UseQueryResult<containers.FailuresResponse, Error>;
  /** The list's filters and range, for the export. */
  params: containers.FailuresQuery;
  tz: TimeZoneOption;
  /** `tz` as written in the URL, carried into the failure links; null when the URL has none. */
  tzParam: string | null;
}) {
  return (
    <Panel
      title="Recent failures"
      query={query}
      tz={tz}
      isEmpty={(data) => data.failures.length === 0}
      emptyMessage="No startup failures match these filters in this range."
      actions={
        <>
          {query.data && (
            <span className="hint" data-testid="failures-total">
              {query.data.failures.length < query.data.total
                ? `newest ${formatCount(query.data.failures.length)} of ${countOf(query.data.total, 'failure')}`
                : countOf(query.data.total, 'failure')}
            </span>
          )}
          <ExportMenu path="/api/containers/failures" params={params} />
        </>
      }
    >
      {(data) => (
        <>
          <FailuresTable failures={data.failures} tz={tz} tzParam={tzParam} />
          <p className="hint containers-definition">
            A startup failure is a task that never reached RUNNING or stopped within{' '}
            {formatAge(data.startupWindowMs)} of starting; a crash loop is a service failing again and again
            within a short window.
          </p>
        </>
      )}
    </Panel>
  );
}

export function FailuresTable({
  failures,
  tz,
  tzParam,
}: {
  failures: containers.Failure[];
  tz: TimeZoneOption;
  tzParam: string | null;
}) {
  const navigation = useListNavigation(
    failures.map((failure) => failure.taskArn),
    { primary: true },
  );
  return (
    <DataTable
      caption="Startup failures, newest first; open one to see its log (j and k move, Enter opens)"
      columns={['Stopped', 'Service', 'Cluster', 'Reason', 'Exit code', 'First error line']}
      className="containers-failures"
      navigation={navigation}
    >
      {failures.map((failure) => (
        <tr key={failure.taskArn} data-task-id={failure.taskId} {...navigation.rowProps(failure.taskArn)}>
          <td className="nowrap">
            <Link
              to={inAppLink(failure.link, tzParam)}
              title="Open this failure with its log"
              {...rowOpenProps}
            >
              {formatTimestamp(new Date(failure.stoppedAt), tz)}
            </Link>
          </td>
          <td>
            <strong>{failure.service}</strong> {failure.crashLoop && <CrashLoopBadge />}
          </td>
          <td>{failure.cluster}</td>
          <td>
            <ReasonBadge reason={failure.reasonClass} />
          </td>
          <td>{describeExit(culpritContainer(failure))}</td>
          <td className="containers-error-cell">
            {failure.firstErrorLine !== null ? (
              <code className="containers-error-line">{failure.firstErrorLine}</code>
            ) : (
              <span className="hint">
                {failure.logsAvailable ? 'no error line in the log' : 'no logs'}
                {failure.stoppedReason && ` — ${failure.stoppedReason}`}
              </span>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
