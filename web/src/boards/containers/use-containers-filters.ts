import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { ReasonClass } from '@lookout/server/types';
import { readList, writeList } from '../../lib/url-params.ts';
import { useTimeRange } from '../../lib/use-time-range.ts';
import type { ContainersParams } from './queries.ts';
import { isReasonClass, REASON_ORDER } from './reason-classes.ts';

// The board's filters live in the query string next to from/to/refresh/tz, so a link or a
// reload shows the same view. Every filter narrows every panel (the chart hides unselected reasons).

export type FilterField = 'service' | 'cluster' | 'reason';

export const FILTER_FIELDS: readonly FilterField[] = ['service', 'cluster', 'reason'];

export interface ContainersView {
  service: string[];
  cluster: string[];
  reason: ReasonClass[];
}

/**
 * A change to the URL: a list replaces all values of its parameter (empty removes it); `range`
 * sets from/to in the same navigation (a drill-down is one step back, not two).
 */
export type ViewChange = Partial<Record<FilterField, readonly string[]>> & {
  range?: { from: string; to: string };
};

export function parseContainersView(params: URLSearchParams): ContainersView {
  const reasons = readList(params, 'reason');
  return {
    service: readList(params, 'service'),
    cluster: readList(params, 'cluster'),
    // An unknown class in a hand-edited link is dropped rather than sent (the API refuses it);
    // the chosen classes are kept in the board's order so the same choice gives the same request.
    reason: REASON_ORDER.filter((reason) => reasons.includes(reason)),
  };
}

/** Reason values in the URL that the board does not know, to say they were ignored. */
export function unknownReasons(params: URLSearchParams): string[] {
  return readList(params, 'reason').filter((value) => !isReasonClass(value));
}

/** A new URLSearchParams with `change` applied; parameters it does not name are kept. */
export function applyViewChange(params: URLSearchParams, change: ViewChange): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of FILTER_FIELDS) {
    const list = change[name];
    if (list !== undefined) writeList(next, name, list);
  }
  if (change.range) {
    next.set('from', change.range.from);
    next.set('to', change.range.to);
  }
  return next;
}

/** Adds `value` to the field's list, or takes it out when it is already there. */
export function toggleValue(view: ContainersView, field: FilterField, value: string): ViewChange {
  const current: readonly string[] = view[field];
  return {
    [field]: current.includes(value) ? current.filter((v) => v !== value) : [...current, value],
  };
}

/** A click on a chart segment: that bar's time span and, for a known class, only that reason. */
export function barDrillDown(reason: ReasonClass | null, startMs: number, endMs: number): ViewChange {
  return {
    range: { from: new Date(startMs).toISOString(), to: new Date(endMs).toISOString() },
    ...(reason ? { reason: [reason] } : {}),
  };
}

export const CLEAR_FILTERS: ViewChange = { service: [], cluster: [], reason: [] };

export interface ContainersFiltersState extends ContainersView {
  params: ContainersParams;
  ignoredReasons: string[];
  /** Filter changes are navigations: Back undoes them. */
  update(change: ViewChange): void;
}

export function useContainersFilters(): ContainersFiltersState {
  const [searchParams, setSearchParams] = useSearchParams();
  const { range } = useTimeRange();
  const view = useMemo(() => parseContainersView(searchParams), [searchParams]);
  const ignoredReasons = useMemo(() => unknownReasons(searchParams), [searchParams]);
  const params = useMemo<ContainersParams>(
    // The raw text (`now-2d` or ISO): the BFF resolves date math itself.
    () => ({ from: range.from.text, to: range.to.text, ...view }),
    [range.from.text, range.to.text, view],
  );
  const update = useCallback(
    (change: ViewChange) => setSearchParams((previous) => applyViewChange(previous, change)),
    [setSearchParams],
  );
  return { ...view, params, ignoredReasons, update };
}
