import type { Client, estypes } from '@elastic/elasticsearch';

/**
 * Pieces every board's search request starts from. Indices are often absent on purpose (a fresh
 * cluster, no logs yet, a daily index not written yet): that is "nothing found", answered by the
 * shapers from zero shards, never an error.
 */

/** A search over `index` (a name, alias or pattern) that may match nothing yet. */
export function searchOver(index: string) {
  return { index, ignore_unavailable: true, allow_no_indices: true } as const;
}

/**
 * An aggregation-only search: no hits, no total, and explicitly cacheable, so the shard request
 * cache serves identical requests (the BFF sends absolute times, so they are byte-identical).
 */
export const AGGREGATIONS_ONLY = { size: 0, track_total_hits: false, request_cache: true } as const;

/** An aggregation-only search over `index` that may match nothing yet. */
export function aggregationsOver(index: string) {
  return { ...searchOver(index), ...AGGREGATIONS_ONLY } as const;
}

/**
 * Whether any of `indices` holds a document (a missing index is simply "no data"): what decides
 * that `npm start` seeds a board's demo data.
 */
export async function hasDocuments(client: Client, indices: string[]): Promise<boolean> {
  for (const index of indices) {
    const { count } = await client.count({ ...searchOver(index), terminate_after: 1 });
    if (count > 0) return true;
  }
  return false;
}

/** A list's search without its page (size, total, search_after): what an export pages through. */
export function withoutPage(request: estypes.SearchRequest): estypes.SearchRequest {
  const { size: _size, track_total_hits: _total, search_after: _after, from: _from, ...whole } = request;
  return whole;
}
