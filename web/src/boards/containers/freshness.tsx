import type { containers } from '@lookout/server/types';
import { formatAge } from '../../lib/format-number.ts';
import { formatTimestamp } from '../../lib/format-time.ts';
import type { TimeZoneOption } from '../../lib/time-range.ts';

/**
 * A busy ECS cluster changes task state every few minutes and its containers log all the time:
 * an hour without either means the event rule, Fluentd or the indices stopped, not that the
 * platform went quiet.
 */
export const STALE_AFTER_MS = 3_600_000;

type ContainersFreshness = containers.FailuresResponse['freshness'];

export function Freshness({
  freshness,
  now,
  tz,
}: {
  freshness: ContainersFreshness;
  now: Date;
  tz: TimeZoneOption;
}) {
  return (
    <ul className="containers-freshness" aria-label="Freshness">
      <FreshnessItem
        what="ECS event"
        newest={freshness.lastEventAt}
        missing="No ECS task events stored — failures cannot be found (send them to POST /api/ingest/ecs-events)"
        now={now}
        tz={tz}
      />
      <FreshnessItem
        what="log line"
        newest={freshness.lastLogAt}
        missing="No container logs found in the log indices — failures will show without their logs"
        now={now}
        tz={tz}
      />
    </ul>
  );
}

function FreshnessItem({
  what,
  newest,
  missing,
  now,
  tz,
}: {
  what: string;
  newest: string | null;
  missing: string;
  now: Date;
  tz: TimeZoneOption;
}) {
  if (newest === null) {
    return (
      <li className="containers-freshness-stale" data-stale="missing">
        <strong>{missing}</strong>
      </li>
    );
  }
  const date = new Date(newest);
  const ageMs = now.getTime() - date.getTime();
  const stale = ageMs > STALE_AFTER_MS;
  const when = ageMs < 0 ? 'in the future' : `${formatAge(ageMs)} ago`;
  return (
    <li className={stale ? 'containers-freshness-stale' : undefined} data-stale={stale}>
      Newest {what} {when} ({formatTimestamp(date, tz)})
      {stale && <strong> — stale: nothing new for over an hour</strong>}
    </li>
  );
}
