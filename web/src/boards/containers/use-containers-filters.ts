import { useMemo } from 'react';
import type { containers } from '@lookout/server/types';
import {
  kept,
  list,
  useBoardFilters,
  type BoardFilters,
  type FilterChange,
} from '../../lib/use-board-filters.ts';
import { readList } from '../../lib/url-params.ts';
import { useTimeRange } from '../../lib/use-time-range.ts';
import { isReasonClass, REASON_ORDER } from './reason-classes.ts';

// The board's filters live in the query string next to from/to/refresh/tz, so a link or a
// reload shows the same view. Every filter narrows every panel (the chart hides unselected reasons).

export const CONTAINERS_FIELDS = {
  service: list(),
  cluster: list(),
  // An unknown class in a hand-edited link is dropped rather than sent (the API refuses it).
  reason: list(REASON_ORDER),
  /** Written by a drill-down into one bar, in the same navigation (one step back, not two). */
  from: kept(),
  to: kept(),
};

export type FilterField = 'service' | 'cluster' | 'reason';
export const FILTER_FIELDS: readonly FilterField[] = ['service', 'cluster', 'reason'];

/** A change to the URL: a list replaces all values of its parameter (empty removes it). */
export type ViewChange = FilterChange<typeof CONTAINERS_FIELDS>;

/** Reason values in the URL that the board does not know, to say they were ignored. */
export function unknownReasons(params: URLSearchParams): string[] {
  return readList(params, 'reason').filter((value) => !isReasonClass(value));
}

/** A click on a chart segment: that bar's time span and, for a known class, only that reason. */
export function barDrillDown(
  reason: containers.ReasonClass | null,
  startMs: number,
  endMs: number,
): ViewChange {
  return {
    from: new Date(startMs).toISOString(),
    to: new Date(endMs).toISOString(),
    ...(reason ? { reason: [reason] } : {}),
  };
}

export interface ContainersFiltersState extends Pick<
  BoardFilters<typeof CONTAINERS_FIELDS>,
  'update' | 'toggle' | 'clear'
> {
  service: string[];
  cluster: string[];
  reason: containers.ReasonClass[];
  params: containers.FailuresQuery;
  ignoredReasons: string[];
}

export function useContainersFilters(): ContainersFiltersState {
  const { values, searchParams, update, toggle, clear } = useBoardFilters(CONTAINERS_FIELDS);
  const { service, cluster, reason } = values;
  const { range } = useTimeRange();
  const ignoredReasons = useMemo(() => unknownReasons(searchParams), [searchParams]);
  const params = useMemo<containers.FailuresQuery>(
    // The raw text (`now-2d` or ISO): the BFF resolves date math itself.
    () => ({ from: range.from.text, to: range.to.text, service, cluster, reason }),
    [range.from.text, range.to.text, service, cluster, reason],
  );
  return { service, cluster, reason, params, ignoredReasons, update, toggle, clear };
}
