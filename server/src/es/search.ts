import type { Client, estypes } from '@elastic/elasticsearch';
import type { Config } from '../core/config.ts';
import type { PartialReason } from '../core/schema-pieces.ts';

type AnySearchResponse<TDocument = unknown> = estypes.SearchResponse<
  TDocument,
  Record<string, estypes.AggregationsAggregate>
>;

/** A limit of this BFF instance was hit: 429 with a message that names the limit. */
export class SearchLimitError extends Error {
  readonly statusCode = 429;
  constructor(message: string) {
    super(message);
    this.name = 'SearchLimitError';
  }
}

/**
 * At most `max` searches run at once; up to `queue` more wait for a slot, the rest are refused at
 * once. Elasticsearch's search thread pool is shared by every user of the cluster: a burst from
 * one browser (or one script) must wait its turn here instead of filling that pool.
 */
function createSlots(max: number, queue: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  return {
    async acquire(): Promise<void> {
      if (running < max) {
        running += 1;
        return;
      }
      if (waiting.length >= queue) {
        throw new SearchLimitError(
          `concurrent search limit (${max}) reached and ${queue} searches already waiting; retry shortly`,
        );
      }
      // The slot is handed over by `release`, so `running` stays counted for the waiter.
      await new Promise<void>((resolve) => waiting.push(resolve));
    },
    release(): void {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    },
  };
}

/** Response header naming why an answer is incomplete: `timed_out`, `shard_failures`, or both. */
export const PARTIAL_HEADER = 'x-lookout-partial';

/** Why this answer is incomplete: the engine-side timeout hit, or shards failed; [] when complete. */
export function partialReasons(response: AnySearchResponse): PartialReason[] {
  const reasons: PartialReason[] = [];
  if (response.timed_out) reasons.push('timed_out');
  if ((response._shards?.failed ?? 0) > 0) reasons.push('shard_failures');
  return reasons;
}

/**
 * Sends a board search with the engine-side `timeout` (so a slow query returns what it has,
 * flagged `timed_out`, before the client gives up with a 504), within the concurrent-search
 * limit, and shares one in-flight request among identical concurrent callers: ten people opening
 * the same alert link at once cost Elasticsearch one query and one slot. Requests are built with
 * absolute times, so "identical" is exact JSON equality.
 */
export function createSearcher(client: Client, limits: Config['limits']) {
  const inFlight = new Map<string, Promise<AnySearchResponse>>();
  const slots = createSlots(limits.maxConcurrentSearches, limits.maxQueuedSearches);
  const timeout = `${limits.searchTimeoutMs}ms`;

  async function send(request: estypes.SearchRequest): Promise<AnySearchResponse> {
    await slots.acquire();
    try {
      return await client.search({ timeout, ...request });
    } finally {
      slots.release();
    }
  }

  async function search<TDocument = unknown>(
    request: estypes.SearchRequest,
  ): Promise<AnySearchResponse<TDocument>> {
    const key = JSON.stringify(request);
    let pending = inFlight.get(key);
    if (!pending) {
      pending = send(request).finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    return (await pending) as AnySearchResponse<TDocument>;
  }

  /**
   * Several searches in one `_msearch` round trip, in one slot, each with the engine-side
   * timeout; a missing index is "nothing found", not an error.
   */
  async function multiSearch(
    searches: Array<{ index: string; body: estypes.SearchRequest }>,
  ): Promise<estypes.MsearchResponse['responses']> {
    if (searches.length === 0) return [];
    await slots.acquire();
    try {
      const answer = await client.msearch({
        searches: searches.flatMap(({ index, body }) => [
          { index, ignore_unavailable: true, allow_no_indices: true },
          { timeout, ...body } as estypes.MsearchRequestItem,
        ]),
      });
      return answer.responses;
    } finally {
      slots.release();
    }
  }

  return Object.assign(search, { multiSearch });
}

/** A board search (what boards are given). */
export type Searcher = <TDocument = unknown>(
  request: estypes.SearchRequest,
) => Promise<AnySearchResponse<TDocument>>;
/** The app's searcher: board searches, and multi-searches (find). */
export type AppSearcher = ReturnType<typeof createSearcher>;
