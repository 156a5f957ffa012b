import type { ReactNode } from 'react';

/** What a paged list's footer needs of its infinite query. */
export interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  error: Error | null;
  fetchNextPage: () => Promise<unknown>;
}

/**
 * The footer of every paged list: "Showing N of M", a Load more button while pages remain, and
 * the error of a failed next page in place (the rows already shown stay).
 */
export function LoadMore({ query, summary }: { query: PagedQuery; summary: ReactNode }) {
  return (
    <div className="load-more">
      <span>{summary}</span>
      {query.hasNextPage && (
        <button type="button" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      )}
      {query.isFetchNextPageError && (
        <span className="load-more-error" role="alert">
          Could not load more: {query.error?.message}
        </span>
      )}
    </div>
  );
}
