import { zoneLabel } from '../lib/format-time.ts';
import { useNow } from '../lib/now.ts';
import type { TimeZoneOption } from '../lib/time-range.ts';
import { useTimeRange } from '../lib/use-time-range.ts';

export function TimeZoneSelect() {
  const { tz, setTz } = useTimeRange();
  const now = useNow();
  return (
    <label className="header-control">
      <span>Time zone</span>
      <select value={tz} onChange={(event) => setTz(event.target.value as TimeZoneOption)}>
        <option value="local">Local ({zoneLabel(now, 'local')})</option>
        <option value="utc">UTC</option>
      </select>
    </label>
  );
}
