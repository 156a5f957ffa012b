import type { estypes } from '@elastic/elasticsearch';

/**
 * Reading aggregation results at the border. A missing aggregation means the builder and the
 * shaper disagree — a bug — so it throws; empty buckets are normal and come back as [].
 */

export type Aggregations = Record<string, estypes.AggregationsAggregate> | undefined;

export interface Bucket {
  key: string | number;
  key_as_string?: string;
  doc_count: number;
  [sub: string]: unknown;
}

/**
 * A search over a pattern that matches no index yet (a fresh cluster) touches zero shards and
 * returns no `aggregations` at all: that is "no data", not a bug. Readers below answer it with
 * empty buckets, zero counts and null metrics.
 */
const NO_INDICES: Bucket = { key: '', doc_count: 0 };

export function aggregationsOf(
  response: estypes.SearchResponse<unknown, Record<string, estypes.AggregationsAggregate>>,
): Aggregations | Bucket {
  if (response.aggregations) return response.aggregations;
  if (response._shards.total === 0) return NO_INDICES;
  throw new Error('aggregations missing from the Elasticsearch response');
}

export function aggregation(aggs: Aggregations | Bucket, name: string): estypes.AggregationsAggregate {
  if (aggs === NO_INDICES) return NO_INDICES as unknown as estypes.AggregationsAggregate;
  const found = (aggs as Record<string, unknown> | undefined)?.[name];
  if (found === undefined || found === null || typeof found !== 'object') {
    throw new Error(`aggregation "${name}" missing from the Elasticsearch response`);
  }
  return found as estypes.AggregationsAggregate;
}

/** Buckets of a terms / histogram aggregation (array form). */
export function buckets(aggs: Aggregations | Bucket, name: string): Bucket[] {
  if (aggs === NO_INDICES) return [];
  const agg = aggregation(aggs, name) as { buckets?: unknown };
  if (!Array.isArray(agg.buckets)) throw new Error(`aggregation "${name}" has no bucket list`);
  return agg.buckets as Bucket[];
}

/** doc_count of a single-bucket aggregation (filter, global, missing). */
export function docCount(aggs: Aggregations | Bucket, name: string): number {
  return (aggregation(aggs, name) as { doc_count: number }).doc_count;
}

/** `value` of a metric aggregation (min, max, cardinality); null when there were no documents. */
export function metricValue(aggs: Aggregations | Bucket, name: string): number | null {
  if (aggs === NO_INDICES) return null;
  return (aggregation(aggs, name) as { value: number | null }).value;
}

/** Sub-aggregations of a single-bucket aggregation, to read further names inside it. */
export function subAggregations(aggs: Aggregations | Bucket, name: string): Bucket {
  return aggregation(aggs, name) as unknown as Bucket;
}

export function keyOf(bucket: Bucket): string {
  return String(bucket.key);
}

export function isoOrNull(epochMs: number | null): string | null {
  return epochMs === null ? null : new Date(epochMs).toISOString();
}
