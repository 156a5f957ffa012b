import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { containers } from '@lookout/server/types';
import { DataTable } from '../../components/data-table.tsx';
import { Panel } from '../../components/panel.tsx';
import { countOf } from '../../lib/format-number.ts';
import { formatTimestamp } from '../../lib/format-time.ts';
import type { TimeZoneOption } from '../../lib/time-range.ts';
import { useRefreshInterval } from '../../lib/use-time-range.ts';
import { AlertStatusBadge, ReasonBadge } from './badges.tsx';
import { inAppLink } from './failure-summary.ts';
import { containersQueries } from './queries.ts';

/** Alerts the BFF posted to the webhook for failures in range, with their delivery status. */
export function AlertsPanel({
  range,
  tz,
  tzParam,
}: {
  range: containers.AlertsQuery;
  tz: TimeZoneOption;
  tzParam: string | null;
}) {
  const refetchInterval = useRefreshInterval();
  const query = useQuery({ ...containersQueries.alerts(range), refetchInterval });

  return (
    <Panel
      title="Sent alerts"
      query={query}
      tz={tz}
      actions={query.data && <span className="hint">{countOf(query.data.alerts.length, 'alert')}</span>}
    >
      {(data) => (
        <>
          {!data.enabled && (
            <p className="containers-note" role="note">
              Alerts off: set <code>ALERT_WEBHOOK_URL</code> to post one message per new startup failure.
            </p>
          )}
          {data.alerts.length === 0 ? (
            <p className="panel-state panel-empty">No alerts sent for failures in this range.</p>
          ) : (
            <DataTable
              caption="Alerts sent, with delivery status"
              columns={['Failure', 'Delivery', 'Last error']}
              className="containers-alerts"
            >
              {data.alerts.map((alert) => (
                <tr key={alert.taskId} data-task-id={alert.taskId}>
                  <td>
                    <Link to={inAppLink(alert.link, tzParam)}>{alert.service}</Link>{' '}
                    <ReasonBadge reason={alert.reasonClass} />
                    <div className="hint">
                      {alert.cluster} · stopped{' '}
                      <span className="nowrap">{formatTimestamp(new Date(alert.failureStoppedAt), tz)}</span>
                    </div>
                  </td>
                  <td>
                    <AlertStatusBadge status={alert.status} />{' '}
                    <span className="hint">{countOf(alert.attempts, 'attempt')}</span>
                    <div className="hint nowrap">
                      {alert.deliveredAt
                        ? `delivered ${formatTimestamp(new Date(alert.deliveredAt), tz)}`
                        : `claimed ${formatTimestamp(new Date(alert.claimedAt), tz)}`}
                    </div>
                  </td>
                  <td className="containers-error-cell">
                    {alert.lastError ? <code>{alert.lastError}</code> : <span className="hint">—</span>}
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </>
      )}
    </Panel>
  );
}
