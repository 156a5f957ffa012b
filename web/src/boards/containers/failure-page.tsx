import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import type { containers } from '@lookout/server/types';
import { BoardHeader } from '../../components/board-header.tsx';
import { Panel } from '../../components/panel.tsx';
import { formatTimestamp } from '../../lib/format-time.ts';
import { useNow } from '../../lib/now.ts';
import type { TimeZoneOption } from '../../lib/time-range.ts';
import { useTimeRange } from '../../lib/use-time-range.ts';
import { CrashLoopBadge, ReasonBadge } from './badges.tsx';
import { ContainersTable } from './containers-table.tsx';
import { describeExit, inAppLink, tracesAroundFailure } from './failure-summary.ts';
import { Freshness } from './freshness.tsx';
import { LastSuccessfulStart } from './last-successful-start.tsx';
import { containersQueries } from './queries.ts';
import { StartupLog } from './startup-log.tsx';
import './containers.css';

/**
 * One startup failure: the page an alert links to. It needs nothing but the task id in the path,
 * so it works from a cold browser; the URL's absolute range only feeds the way back to the board.
 */
export function FailurePage() {
  const { taskId = '' } = useParams();
  const { search } = useLocation();
  const [searchParams] = useSearchParams();
  const tzParam = searchParams.get('tz');
  const { tz } = useTimeRange();
  const now = useNow();
  // A stored failure does not change; its freshness line is as of the page load.
  const query = useQuery(containersQueries.failure(taskId));
  const data = query.data;

  return (
    <div className="board-page containers-page containers-failure-page">
      <nav className="containers-back" aria-label="Breadcrumb">
        <Link to={{ pathname: '/containers', search }}>← Back to the board</Link>
        {data && (
          <>
            {' · '}
            <Link to={tracesAroundFailure(data.failure, tzParam)}>
              Traces of {data.failure.service} around the failure
            </Link>
          </>
        )}
      </nav>
      <BoardHeader title={data ? `${data.failure.service} failed to start` : 'Container startup failure'} />
      {data && <Freshness freshness={data.freshness} now={now} tz={tz} />}
      <Panel title="Failure" query={query} tz={tz}>
        {(detail) => <FailureSummary failure={detail.failure} tz={tz} />}
      </Panel>
      {data && (
        <>
          <Panel title="Startup log" query={query} tz={tz}>
            {(detail) => <LogSection detail={detail} tz={tz} />}
          </Panel>
          <Panel title="Containers" query={query} tz={tz}>
            {(detail) => <ContainersTable containers={detail.failure.containers} />}
          </Panel>
          <div className="containers-columns">
            <Panel
              title="Previous failures of this service"
              query={query}
              tz={tz}
              isEmpty={(detail) => detail.previousFailures.length === 0}
              emptyMessage="No earlier startup failure of this service is stored."
            >
              {(detail) => <PreviousFailures detail={detail} tz={tz} tzParam={tzParam} />}
            </Panel>
            <Panel
              title="Last successful start"
              query={query}
              tz={tz}
              isEmpty={(detail) => detail.lastSuccessfulStart === null}
              emptyMessage="No task of this service is known to have started and kept running."
            >
              {(detail) =>
                detail.lastSuccessfulStart && (
                  <LastSuccessfulStart
                    start={detail.lastSuccessfulStart}
                    containers={detail.failure.containers}
                    tz={tz}
                  />
                )
              }
            </Panel>
          </div>
        </>
      )}
    </div>
  );
}

function FailureSummary({ failure, tz }: { failure: containers.Failure; tz: TimeZoneOption }) {
  const exited = failure.containers.filter((c) => c.exitCode !== null || c.reason !== null);
  return (
    <div className="containers-summary">
      <dl className="containers-facts">
        <Fact label="Service">
          <strong>{failure.service}</strong> {failure.crashLoop && <CrashLoopBadge />}
        </Fact>
        <Fact label="Cluster">{failure.cluster}</Fact>
        <Fact label="Reason">
          <ReasonBadge reason={failure.reasonClass} />
        </Fact>
        <Fact label="Stop code">{failure.stopCode ?? '—'}</Fact>
        <Fact label="Stopped reason">{failure.stoppedReason ?? '—'}</Fact>
        <Fact label="Exit code">
          {exited.length === 0 ? (
            describeExit(null)
          ) : (
            <ul className="containers-exits">
              {exited.map((container) => (
                <li key={container.name}>
                  <span className="hint">{container.name}:</span> {describeExit(container)}
                </li>
              ))}
            </ul>
          )}
        </Fact>
        <Fact label="Started">
          {failure.startedAt ? formatTimestamp(new Date(failure.startedAt), tz) : 'never reached RUNNING'}
        </Fact>
        <Fact label="Stopped">{formatTimestamp(new Date(failure.stoppedAt), tz)}</Fact>
        <Fact label="Task">
          <code title={failure.taskArn}>{failure.taskId}</code>
          {failure.launchType && <span className="hint"> · {failure.launchType}</span>}
        </Fact>
      </dl>
      <div className="containers-first-error-box">
        <h3 className="subhead">First error line</h3>
        {failure.firstErrorLine !== null ? (
          <pre className="containers-first-error" data-testid="first-error-line">
            {failure.firstErrorLine}
          </pre>
        ) : (
          <p className="hint">
            {failure.logsAvailable
              ? 'The log has no stderr line.'
              : 'None: the logs of this task are not available (see the startup log below).'}
          </p>
        )}
      </div>
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="containers-fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function LogSection({ detail, tz }: { detail: containers.FailureDetailResponse; tz: TimeZoneOption }) {
  return (
    <>
      {detail.logsNote !== null && (
        <p className="containers-note" role="note">
          {/* The server's note says why (Fargate, no container started, nothing in the indices). */}
          <strong>No startup log.</strong> {detail.logsNote}
        </p>
      )}
      {detail.logs.length > 0 ? (
        <StartupLog
          logs={detail.logs}
          containerNames={detail.failure.containers.map((container) => container.name)}
          firstErrorLine={detail.failure.firstErrorLine}
          truncated={detail.logsTruncated}
          tz={tz}
        />
      ) : (
        detail.logsNote === null && (
          <p className="panel-state panel-empty">No log line was found for the containers of this task.</p>
        )
      )}
    </>
  );
}

function PreviousFailures({
  detail,
  tz,
  tzParam,
}: {
  detail: containers.FailureDetailResponse;
  tz: TimeZoneOption;
  tzParam: string | null;
}) {
  return (
    <ul className="containers-previous" aria-label="Previous failures">
      {detail.previousFailures.map((previous) => (
        <li key={previous.taskId}>
          <Link to={inAppLink(previous.link, tzParam)}>
            {formatTimestamp(new Date(previous.stoppedAt), tz)}
          </Link>{' '}
          <ReasonBadge reason={previous.reasonClass} />{' '}
          <span className="hint">
            {previous.exitCode === null ? 'no exit code' : `exit ${previous.exitCode}`} · task{' '}
            <code>{previous.taskId}</code>
          </span>
        </li>
      ))}
    </ul>
  );
}
