import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { readList, readSingle, writeList } from '../../lib/url-params.ts';
import { useTimeRange } from '../../lib/use-time-range.ts';
import type { BoardParams, EventsParams } from './queries.ts';

// Everything the board shows besides the global range lives in the query string, next to
// from/to/refresh/tz (which this file never touches unless a drill-down narrows the range), so
// a link or a reload restores the same filters, search and open event.

export const FILTER_FIELDS = ['account', 'region', 'eventSource', 'principal', 'sourceIp'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];
export type Outcome = 'success' | 'failure';

export const FILTER_LABELS: Record<FilterField, string> = {
  account: 'Account',
  region: 'Region',
  eventSource: 'Event source',
  principal: 'Principal',
  sourceIp: 'Source IP',
};

export interface CloudtrailView {
  /** Narrow every panel: chart, tiles, side panels and the events list. */
  filters: Record<FilterField, string[]>;
  outcome: Outcome | undefined;
  /** Narrow the events list only: the aggregate endpoints do not take them. */
  eventName: string[];
  q: string | undefined;
  /** eventID of the record shown in the drawer. */
  event: string | undefined;
}

type ListParam = FilterField | 'eventName';

/** A change to the URL: a list replaces all values of its parameter, null removes a parameter. */
export type ViewChange = Partial<
  Record<ListParam, readonly string[]> & {
    outcome: Outcome | null;
    q: string | null;
    event: string | null;
    from: string;
    to: string;
  }
>;

const LIST_PARAMS: readonly ListParam[] = [...FILTER_FIELDS, 'eventName'];

export function parseCloudtrailView(params: URLSearchParams): CloudtrailView {
  const outcome = params.get('outcome');
  return {
    filters: {
      account: readList(params, 'account'),
      region: readList(params, 'region'),
      eventSource: readList(params, 'eventSource'),
      principal: readList(params, 'principal'),
      sourceIp: readList(params, 'sourceIp'),
    },
    outcome: outcome === 'success' || outcome === 'failure' ? outcome : undefined,
    eventName: readList(params, 'eventName'),
    q: readSingle(params, 'q'),
    event: readSingle(params, 'event'),
  };
}

/** A new URLSearchParams with `change` applied; parameters it does not name are kept as they are. */
export function applyViewChange(params: URLSearchParams, change: ViewChange): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of LIST_PARAMS) {
    const list = change[name];
    if (list !== undefined) writeList(next, name, list);
  }
  for (const name of ['outcome', 'q', 'event', 'from', 'to'] as const) {
    if (!(name in change)) continue;
    const value = change[name];
    if (value === null || value === undefined || value === '') next.delete(name);
    else next.set(name, value);
  }
  return next;
}

export function addFilterValue(view: CloudtrailView, field: FilterField, value: string): ViewChange {
  return { [field]: [...view.filters[field], value] };
}

export function removeFilterValue(view: CloudtrailView, field: FilterField, value: string): ViewChange {
  return { [field]: view.filters[field].filter((v) => v !== value) };
}

/**
 * A click on a bar: the events of that call in that bar's time range. The range becomes
 * absolute, so the link still means the same bar tomorrow.
 */
export function bucketDrillDown(eventName: string | null, from: string, to: string): ViewChange {
  return { eventName: eventName === null ? [] : [eventName], from, to, event: null };
}

/** Every filter and the search removed; the range and the open event stay. */
export const CLEAR_FILTERS: ViewChange = {
  account: [],
  region: [],
  eventSource: [],
  principal: [],
  sourceIp: [],
  outcome: null,
  eventName: [],
  q: null,
};

/** "Everything from this IP": the one filter, nothing else narrowing it, in the same range. */
export function pivotTo(field: FilterField, value: string): ViewChange {
  return { ...CLEAR_FILTERS, event: null, [field]: [value] };
}

export interface CloudtrailFiltersState extends CloudtrailView {
  /** Parameters of the aggregate endpoints (range + board filters). */
  boardParams: BoardParams;
  /** Parameters of the events list (plus eventName and q). */
  eventsParams: EventsParams;
  /** Filter changes are navigations: Back undoes them. */
  update(change: ViewChange, options?: { replace?: boolean }): void;
  /** `?…` for a link that applies `change`, so drill-downs are real links (open in new tab, keyboard). */
  searchFor(change: ViewChange): string;
}

export function useCloudtrailFilters(): CloudtrailFiltersState {
  const [searchParams, setSearchParams] = useSearchParams();
  const { range } = useTimeRange();
  const view = useMemo(() => parseCloudtrailView(searchParams), [searchParams]);

  const boardParams = useMemo<BoardParams>(
    () => ({
      // The raw text (`now-24h` or ISO): the BFF resolves date math itself, floored to the minute.
      from: range.from.text,
      to: range.to.text,
      ...view.filters,
      outcome: view.outcome,
    }),
    [range.from.text, range.to.text, view.filters, view.outcome],
  );
  const eventsParams = useMemo<EventsParams>(
    () => ({ ...boardParams, eventName: view.eventName, q: view.q }),
    [boardParams, view.eventName, view.q],
  );

  const update = useCallback(
    (change: ViewChange, options?: { replace?: boolean }) =>
      setSearchParams((previous) => applyViewChange(previous, change), { replace: options?.replace }),
    [setSearchParams],
  );
  const searchFor = useCallback(
    (change: ViewChange) => `?${applyViewChange(searchParams, change).toString()}`,
    [searchParams],
  );

  return { ...view, boardParams, eventsParams, update, searchFor };
}
