import type { Client, estypes } from '@elastic/elasticsearch';

/**
 * Sends a search, sharing one in-flight request among identical concurrent callers: ten people
 * opening the same alert link at once cost Elasticsearch one query. Requests are built with
 * absolute times, so "identical" is exact JSON equality.
 */
export function createSearcher(client: Client) {
  const inFlight = new Map<
    string,
    Promise<estypes.SearchResponse<unknown, Record<string, estypes.AggregationsAggregate>>>
  >();
  return async function search<TDocument = unknown>(
    request: estypes.SearchRequest,
  ): Promise<estypes.SearchResponse<TDocument, Record<string, estypes.AggregationsAggregate>>> {
    const key = JSON.stringify(request);
    let pending = inFlight.get(key);
    if (!pending) {
      pending = client.search(request).finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    return pending as Promise<
      estypes.SearchResponse<TDocument, Record<string, estypes.AggregationsAggregate>>
    >;
  };
}

export type Searcher = ReturnType<typeof createSearcher>;
