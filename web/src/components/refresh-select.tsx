import { REFRESH_OPTIONS, type RefreshOption } from '../lib/time-range.ts';
import { useTimeRange } from '../lib/use-time-range.ts';

export function RefreshSelect() {
  const { refresh, setRefresh } = useTimeRange();
  return (
    <label className="header-control">
      <span>Auto-refresh</span>
      <select value={refresh} onChange={(event) => setRefresh(event.target.value as RefreshOption)}>
        {REFRESH_OPTIONS.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
