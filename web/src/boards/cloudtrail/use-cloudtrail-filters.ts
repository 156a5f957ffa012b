import { useMemo } from 'react';
import type { cloudtrail } from '@lookout/server/types';
import {
  clearFilters,
  kept,
  list,
  readFilters,
  single,
  useBoardFilters,
  type BoardFilters,
  type FilterChange,
  type FilterValues,
} from '../../lib/use-board-filters.ts';
import { useTimeRange } from '../../lib/use-time-range.ts';

// Everything the board shows besides the global range lives in the query string; from/to are
// written only when a drill-down narrows the range. A link or a reload restores the same
// filters, search and open event.

export const FILTER_FIELDS = ['account', 'region', 'eventSource', 'principal', 'sourceIp'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];
export type Outcome = cloudtrail.Outcome;

export const FILTER_LABELS: Record<FilterField, string> = {
  account: 'Account',
  region: 'Region',
  eventSource: 'Event source',
  principal: 'Principal',
  sourceIp: 'Source IP',
};

export const CLOUDTRAIL_FIELDS = {
  account: list(),
  region: list(),
  eventSource: list(),
  principal: list(),
  sourceIp: list(),
  /** Narrows the events list only (with `q`): the aggregate endpoints do not take them. */
  eventName: list(),
  outcome: single<Outcome>(['success', 'failure']),
  q: single(),
  /** eventID of the record shown in the drawer. */
  event: kept(),
  from: kept(),
  to: kept(),
};

/** A change to the URL: a list replaces all values of its parameter, null removes a parameter. */
export type ViewChange = FilterChange<typeof CLOUDTRAIL_FIELDS>;

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

function cloudtrailView(values: FilterValues<typeof CLOUDTRAIL_FIELDS>): CloudtrailView {
  const { account, region, eventSource, principal, sourceIp, outcome, eventName, q, event } = values;
  return { filters: { account, region, eventSource, principal, sourceIp }, outcome, eventName, q, event };
}

export function parseCloudtrailView(params: URLSearchParams): CloudtrailView {
  return cloudtrailView(readFilters(CLOUDTRAIL_FIELDS, params));
}

/**
 * A click on a bar: the events of that call in that bar's time range. The range becomes
 * absolute, so the link still means the same bar tomorrow.
 */
export function bucketDrillDown(eventName: string | null, from: string, to: string): ViewChange {
  return { eventName: eventName === null ? [] : [eventName], from, to, event: null };
}

/** "Everything from this IP": the one filter, nothing else narrowing it, in the same range. */
export function pivotTo(field: FilterField, value: string): ViewChange {
  return { ...clearFilters(CLOUDTRAIL_FIELDS), event: null, [field]: [value] };
}

export interface CloudtrailFiltersState
  extends
    CloudtrailView,
    Pick<BoardFilters<typeof CLOUDTRAIL_FIELDS>, 'update' | 'searchFor' | 'toggle' | 'clear'> {
  /** Parameters of the aggregate endpoints (range + board filters). */
  boardParams: cloudtrail.SummaryQuery;
  /** Parameters of the events list (plus eventName and q). */
  eventsParams: cloudtrail.EventsQuery;
}

export function useCloudtrailFilters(): CloudtrailFiltersState {
  const { values, update, searchFor, toggle, clear } = useBoardFilters(CLOUDTRAIL_FIELDS);
  const { range } = useTimeRange();
  const view = useMemo(() => cloudtrailView(values), [values]);

  const boardParams = useMemo<cloudtrail.SummaryQuery>(
    () => ({
      // The raw text (`now-24h` or ISO): the BFF resolves date math itself, floored to the minute.
      from: range.from.text,
      to: range.to.text,
      ...view.filters,
      outcome: view.outcome,
    }),
    [range.from.text, range.to.text, view.filters, view.outcome],
  );
  const eventsParams = useMemo<cloudtrail.EventsQuery>(
    () => ({ ...boardParams, eventName: view.eventName, q: view.q }),
    [boardParams, view.eventName, view.q],
  );

  return { ...view, boardParams, eventsParams, update, searchFor, toggle, clear };
}
