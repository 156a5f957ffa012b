import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useNow } from './now.ts';
import {
  parseTimeSettings,
  refreshIntervalMs,
  resolveTimeRange,
  type RefreshOption,
  type ResolvedTimeRange,
  type TimeSettings,
  type TimeZoneOption,
} from './time-range.ts';

export interface TimeRangeState extends TimeSettings {
  /** Picking a range is a navigation: it pushes a history entry, so Back returns to the previous range. */
  setRange(from: string, to: string): void;
  /** Refresh and zone are viewing preferences: they replace the entry instead of cluttering Back. */
  setRefresh(refresh: RefreshOption): void;
  setTz(tz: TimeZoneOption): void;
}

/**
 * The time range, auto-refresh and zone from the URL. Defaults are never written back, so a
 * URL only holds what somebody chose. Boards put the raw `range.from.text`/`range.to.text` into
 * their query keys and requests: the BFF resolves date math itself, floored to the minute.
 */
export function useTimeRange(): TimeRangeState {
  const [searchParams, setSearchParams] = useSearchParams();
  const settings = useMemo(() => parseTimeSettings(searchParams), [searchParams]);

  const update = useCallback(
    (changes: Record<string, string>, replace: boolean) =>
      setSearchParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(changes)) next.set(key, value);
          return next;
        },
        { replace },
      ),
    [setSearchParams],
  );

  const setRange = useCallback((from: string, to: string) => update({ from, to }, false), [update]);
  const setRefresh = useCallback((refresh: RefreshOption) => update({ refresh }, true), [update]);
  const setTz = useCallback((tz: TimeZoneOption) => update({ tz }, true), [update]);

  return { ...settings, setRange, setRefresh, setTz };
}

/** The range as absolute instants at the app's current "now", for display and frozen links. */
export function useResolvedTimeRange(): ResolvedTimeRange & { now: Date } {
  const { range } = useTimeRange();
  const now = useNow();
  return useMemo(() => ({ ...resolveTimeRange(range, now), now }), [range, now]);
}

/** Pass to react-query as `refetchInterval`, so panels refetch at the interval chosen in the header. */
export function useRefreshInterval(): number | false {
  return refreshIntervalMs(useTimeRange().refresh);
}
