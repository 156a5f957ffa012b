import { useId, type ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { formatClock } from '../lib/format-time.ts';
import type { PartialReason } from '@lookout/server/types';
import type { TimeZoneOption } from '../lib/time-range.ts';

type PanelQuery<T> = Pick<
  UseQueryResult<T, Error>,
  'status' | 'data' | 'error' | 'isFetching' | 'dataUpdatedAt' | 'refetch'
>;

export interface PanelProps<T> {
  title: string;
  query: PanelQuery<T>;
  /** Zone for the "showing data from" stamp after a failed refresh. */
  tz: TimeZoneOption;
  /** Empty is normal (no failures in the last hour is good news) and gets its own wording. */
  isEmpty?: (data: T) => boolean;
  emptyMessage?: string;
  /** Controls next to the title, e.g. a tab switch. */
  actions?: ReactNode;
  children: (data: T) => ReactNode;
}

/**
 * A board's unit of display. Each panel owns its loading, empty and error states, so one slow
 * or failing query never blanks the rest of the board.
 */
export function Panel<T>({
  title,
  query,
  tz,
  isEmpty,
  emptyMessage = 'No data in this time range.',
  actions,
  children,
}: PanelProps<T>) {
  const titleId = useId();
  const retry = () => void query.refetch();

  return (
    <section className="panel" aria-labelledby={titleId} aria-busy={query.isFetching}>
      <header className="panel-header">
        <h2 id={titleId}>{title}</h2>
        {query.isFetching && query.status === 'success' && <span className="panel-updating">Updating…</span>}
        {actions}
      </header>
      <div className="panel-body">{body()}</div>
    </section>
  );

  function body(): ReactNode {
    if (query.status === 'pending') {
      return <p className="panel-state">Loading…</p>;
    }
    if (query.data === undefined) {
      return (
        <div className="panel-state panel-error" role="alert">
          <p>Could not load data: {query.error?.message ?? 'unknown error'}</p>
          <button type="button" onClick={retry} disabled={query.isFetching}>
            {query.isFetching ? 'Retrying…' : 'Retry'}
          </button>
        </div>
      );
    }
    const data = query.data;
    return (
      <>
        {query.status === 'error' && (
          <div className="panel-stale" role="status">
            <span>
              Refresh failed ({query.error?.message ?? 'unknown error'}); showing data from{' '}
              {formatClock(new Date(query.dataUpdatedAt), tz)}.
            </span>
            <button type="button" onClick={retry} disabled={query.isFetching}>
              Retry
            </button>
          </div>
        )}
        {partialOf(data) && (
          <p className="panel-stale panel-partial" role="status">
            {PARTIAL_NOTES[partialOf(data)!]}
          </p>
        )}
        {isEmpty?.(data) ? <p className="panel-state panel-empty">{emptyMessage}</p> : children(data)}
      </>
    );
  }
}

/** Why an answer is incomplete: the `partial` field of the endpoints whose answers can be. */
function partialOf(data: unknown): PartialReason | undefined {
  return typeof data === 'object' && data !== null
    ? (data as { partial?: PartialReason }).partial
    : undefined;
}

/** What a person needs to know about an incomplete answer: numbers may be too low, and why. */
const PARTIAL_NOTES: Record<PartialReason, string> = {
  timed_out: 'Partial results: Elasticsearch stopped the search at its time limit, so counts may be too low.',
  shard_failures: 'Partial results: part of the data could not be searched, so counts may be too low.',
};
