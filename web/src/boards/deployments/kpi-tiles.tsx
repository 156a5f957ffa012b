import type { ReactNode } from 'react';
import type { deployments } from '@lookout/server/types';
import { countOf, formatCount } from '../../lib/format-number.ts';
import {
  changeFailureRating,
  formatDuration,
  formatRate,
  timeToRestoreRating,
  type DoraRating,
} from './dora.ts';

/** The board's numbers, each with one line saying how it is computed and from how many events. */
export function KpiTiles({ data }: { data: deployments.KpisResponse }) {
  const finished = data.succeeded + data.failed;
  const causes = data.failuresByCause;
  const classified = causes.user + causes.platform + causes.unknown;
  return (
    <dl className="deployments-tiles">
      <Tile label="Deployments" value={formatCount(data.deployments)}>
        Finished deploys (succeeded, failed or rolled back).
      </Tile>
      <Tile label="Releases" value={formatCount(data.releases)}>
        Finished releases (succeeded, failed or rolled back).
      </Tile>
      <Tile label="Success rate" value={formatRate(data.successRate)}>
        Succeeded ÷ finished: {formatCount(data.succeeded)} of{' '}
        {countOf(finished, 'deploy/release', 'deploys and releases')}.
      </Tile>
      <Tile
        label="Change failure rate"
        value={formatRate(data.changeFailureRate)}
        rating={data.changeFailureRate === null ? undefined : changeFailureRating(data.changeFailureRate)}
      >
        DORA: failed or rolled-back production deploys ÷ finished production deploys. Bands: elite ≤ 5 %, high
        ≤ 10 %, medium ≤ 15 %, low above.
      </Tile>
      <Tile
        label="Failures by cause"
        value={
          <span className="deployments-causes">
            <span className="deployments-cause-user">user {formatCount(causes.user)}</span>
            <span className="deployments-cause-platform">platform {formatCount(causes.platform)}</span>
            <span className="deployments-cause-unknown">unknown {formatCount(causes.unknown)}</span>
          </span>
        }
      >
        Classified at ingest by the first matching rule; {countOf(classified, 'failure')} of{' '}
        {countOf(data.failed, 'failed or rolled-back event')}.
      </Tile>
      <Tile
        label="Duration p50 / p95"
        value={`${data.durationMs.p50 === null ? '—' : formatDuration(data.durationMs.p50)} / ${
          data.durationMs.p95 === null ? '—' : formatDuration(data.durationMs.p95)
        }`}
      >
        Start to finish of {countOf(finished, 'finished deploy/release', 'finished deploys and releases')}{' '}
        (p95 approximate).
      </Tile>
      <Tile
        label="Time to restore p50"
        value={data.timeToRestoreMs.p50 === null ? '—' : formatDuration(data.timeToRestoreMs.p50)}
        rating={data.timeToRestoreMs.p50 === null ? undefined : timeToRestoreRating(data.timeToRestoreMs.p50)}
      >
        DORA: median time from a failed production deploy (the first of a run of failures) to the
        service&apos;s next successful one, over {countOf(data.timeToRestoreMs.restores, 'restore')}; a
        restore after the range end counts. {countOf(data.timeToRestoreMs.unrestored, 'failure run')} not
        restored yet. Bands (DORA 2023): elite &lt; 1 h, high &lt; 1 day, medium &lt; 1 week.
      </Tile>
    </dl>
  );
}

function Tile({
  label,
  value,
  rating,
  children,
}: {
  label: string;
  value: ReactNode;
  rating?: DoraRating | undefined;
  children: ReactNode;
}) {
  return (
    <div className="deployments-tile">
      <dt>{label}</dt>
      <dd>
        <span className="deployments-tile-value">{value}</span>
        {rating && (
          <span
            className={`deployments-rating deployments-rating-${rating}`}
            aria-label={`DORA rating: ${rating}`}
          >
            {rating}
          </span>
        )}
      </dd>
      <dd className="deployments-tile-how">{children}</dd>
    </div>
  );
}
