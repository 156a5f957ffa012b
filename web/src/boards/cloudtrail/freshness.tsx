import { formatTimestamp } from '../../lib/format-time.ts';
import type { TimeZoneOption } from '../../lib/time-range.ts';
import { formatAge } from '../../lib/format-number.ts';

/**
 * CloudTrail delivers a log file about every 5 minutes, usually within 15 of the call; an hour
 * without a new event means delivery or ingestion has stopped, not that AWS went quiet.
 */
export const STALE_AFTER_MS = 3_600_000;

export interface FreshnessProps {
  /** Newest event in the indices, whatever the range; null when there is none. */
  newestEventTime: string | null;
  now: Date;
  tz: TimeZoneOption;
}

export function Freshness({ newestEventTime, now, tz }: FreshnessProps) {
  if (newestEventTime === null) {
    return (
      <p className="cloudtrail-freshness cloudtrail-freshness-stale" role="status">
        No CloudTrail data yet — run <code>npm run lookout -- ingest cloudtrail &lt;dir&gt;</code>
      </p>
    );
  }
  const newest = new Date(newestEventTime);
  const ageMs = now.getTime() - newest.getTime();
  const stale = ageMs > STALE_AFTER_MS;
  const when = ageMs < 0 ? 'in the future' : `${formatAge(ageMs)} ago`;
  return (
    <p
      className={stale ? 'cloudtrail-freshness cloudtrail-freshness-stale' : 'cloudtrail-freshness'}
      role="status"
      data-stale={stale}
    >
      Newest event {when} ({formatTimestamp(newest, tz)})
      {stale && (
        <strong> — stale: no new events for over an hour; check CloudTrail delivery and ingestion</strong>
      )}
    </p>
  );
}
