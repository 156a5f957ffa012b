import { useMemo } from 'react';
import type { traces } from '@lookout/server/types';
import { kept, list, single, useBoardFilters, type BoardFilters } from '../../lib/use-board-filters.ts';
import { useTimeRange } from '../../lib/use-time-range.ts';

// The trace search lives in the query string under the names the API takes (`service`,
// `minDurationMs`, `attribute=key:value`, …), so a link from another board (a container failure,
// a latency bucket) opens exactly that search, and a reload restores it.

export type TraceSort = NonNullable<traces.TraceSearchQuery['sort']>;

export const TRACES_FIELDS = {
  service: single(),
  operation: single(),
  minDurationMs: single(),
  maxDurationMs: single(),
  /** `key:value`, repeatable: every one must match. */
  attribute: list(),
  /** `span`: the durations bound the matching span, not the trace (a service's latency bucket). */
  durationOf: single<'span'>(['span']),
  status: single<'error'>(['error']),
  sort: single<TraceSort>(['newest', 'slowest']),
  /** A drill-down (a latency bucket, a failure's window) narrows the range; "Clear all" keeps it. */
  from: kept(),
  to: kept(),
};

export type TracesFilters = BoardFilters<typeof TRACES_FIELDS>;

/** A duration in the URL that the API would refuse is left out rather than sent. */
function durationMs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** `key:value` with a non-empty key; anything else is left out. */
export function isAttributeFilter(text: string): boolean {
  return /^[^:]+:.+/.test(text);
}

export function useTracesFilters() {
  const filters = useBoardFilters(TRACES_FIELDS);
  const { range } = useTimeRange();
  const { values } = filters;

  /** The range alone: the service map and the service page take no other filter. */
  const rangeParams = useMemo(
    () => ({ from: range.from.text, to: range.to.text }),
    [range.from.text, range.to.text],
  );
  const searchQuery = useMemo<Omit<traces.TraceSearchQuery, 'size' | 'cursor'>>(
    () => ({
      ...rangeParams,
      service: values.service,
      operation: values.operation,
      minDurationMs: durationMs(values.minDurationMs),
      maxDurationMs: durationMs(values.maxDurationMs),
      durationOf: values.durationOf,
      attribute: values.attribute.filter(isAttributeFilter),
      status: values.status,
      sort: values.sort,
    }),
    [rangeParams, values],
  );
  return { ...filters, rangeParams, searchQuery };
}

/** The range, refresh and zone as the URL holds them: carried along by links between the board's pages. */
export function rangeSearch(params: URLSearchParams): string {
  const kept = new URLSearchParams();
  for (const name of ['from', 'to', 'refresh', 'tz']) {
    const value = params.get(name);
    if (value !== null) kept.set(name, value);
  }
  const text = kept.toString();
  return text ? `?${text}` : '';
}
