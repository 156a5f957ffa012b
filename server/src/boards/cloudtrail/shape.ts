import type { estypes } from '@elastic/elasticsearch';
import {
  aggregationsOf,
  buckets,
  docCount,
  isoOrNull,
  keyOf,
  metricValue,
  subAggregations,
  type Aggregations,
  type Bucket,
} from '../../es/aggregations.ts';
import { AGG } from './query.ts';
import { encodeCursor } from '../../es/cursor.ts';
import type {
  EventsResponse,
  EventSummary,
  SummaryResponse,
  TopCallsResponse,
  UnknownIpsResponse,
} from './schema.ts';
import type { TimeRange } from '../../core/time-range.ts';

type SearchResponse = estypes.SearchResponse<unknown, Record<string, estypes.AggregationsAggregate>>;

function callCounts(aggs: Aggregations | Bucket, name: string): Array<{ eventName: string; count: number }> {
  return buckets(aggs, name).map((bucket) => ({ eventName: keyOf(bucket), count: bucket.doc_count }));
}

export function shapeTopCalls(
  response: SearchResponse,
  meta: { interval: string; range: TimeRange },
): TopCallsResponse {
  const aggs = aggregationsOf(response);
  return {
    interval: meta.interval,
    from: new Date(meta.range.fromMs).toISOString(),
    to: new Date(meta.range.toMs).toISOString(),
    buckets: buckets(aggs, AGG.callsOverTime).map((bucket) => {
      const calls = callCounts(bucket, AGG.topCalls);
      const shown = calls.reduce((sum, call) => sum + call.count, 0);
      return {
        start: new Date(Number(bucket.key)).toISOString(),
        total: bucket.doc_count,
        calls,
        other: bucket.doc_count - shown,
      };
    }),
    overall: callCounts(aggs, AGG.overallTopCalls),
  };
}

interface StoredEvent {
  eventID: string;
  eventTime: string;
  eventName: string;
  eventSource: string;
  userAgent?: string;
  errorCode?: string;
  lookout: {
    account?: string;
    region?: string;
    principal?: string;
    sourceIp?: string;
    sourceAddress?: string;
    outcome?: 'success' | 'failure';
  };
}

function eventSummary(source: StoredEvent): EventSummary {
  const derived = source.lookout ?? {};
  return {
    eventID: source.eventID,
    eventTime: new Date(source.eventTime).toISOString(),
    eventName: source.eventName,
    eventSource: source.eventSource,
    account: derived.account ?? '',
    region: derived.region ?? '',
    principal: derived.principal ?? 'unknown',
    sourceIp: derived.sourceIp ?? null,
    sourceAddress: derived.sourceAddress ?? '',
    userAgent: source.userAgent ?? null,
    outcome: derived.outcome ?? 'success',
    errorCode: source.errorCode ?? null,
  };
}

/** The rows of an events export: one per hit, the same fields as the list. */
export function shapeEventRows(hits: readonly estypes.SearchHit<unknown>[]): EventSummary[] {
  return hits.map((hit) => eventSummary(hit._source as StoredEvent));
}

export function shapeEvents(response: SearchResponse, pageSize: number): EventsResponse {
  const hits = response.hits.hits;
  const total = response.hits.total;
  const last = hits.at(-1);
  return {
    total: typeof total === 'number' ? total : (total?.value ?? hits.length),
    totalIsExact: typeof total === 'number' || total?.relation !== 'gte',
    events: hits.map((hit) => eventSummary(hit._source as StoredEvent)),
    // A full page may have a successor; a short page is the last.
    nextCursor: hits.length === pageSize && last?.sort ? encodeCursor(last.sort) : null,
  };
}

/** The record as CloudTrail delivered it: Lookout's derived fields are taken off again. */
export function shapeEventRecord(
  response: SearchResponse,
): { index: string; record: Record<string, unknown> } | undefined {
  const hit = response.hits.hits[0];
  if (!hit) return undefined;
  const { lookout: _derived, '@timestamp': _timestamp, ...record } = hit._source as Record<string, unknown>;
  return { index: hit._index, record };
}

export function shapeUnknownIps(response: SearchResponse, knownNetworks: string[]): UnknownIpsResponse {
  return {
    knownNetworks,
    ips: buckets(aggregationsOf(response), AGG.unknownIps).map((bucket) => ({
      ip: keyOf(bucket),
      count: bucket.doc_count,
      firstSeen: isoOrNull(metricValue(bucket, AGG.firstSeen)) ?? '',
      lastSeen: isoOrNull(metricValue(bucket, AGG.lastSeen)) ?? '',
      principals: buckets(bucket, AGG.principals).map(keyOf),
      accounts: buckets(bucket, AGG.accounts).map(keyOf),
      topCalls: callCounts(bucket, AGG.topCalls),
    })),
  };
}

export function shapeSummary(response: SearchResponse): SummaryResponse {
  const aggs = aggregationsOf(response);
  const total = response.hits.total;
  const principalCounts = (parent: Aggregations | Bucket) =>
    buckets(parent, AGG.principals).map((bucket) => ({ principal: keyOf(bucket), count: bucket.doc_count }));
  return {
    total: typeof total === 'number' ? total : (total?.value ?? 0),
    failures: docCount(aggs, AGG.failures),
    distinctPrincipals: metricValue(aggs, AGG.distinctPrincipals) ?? 0,
    distinctIps: metricValue(aggs, AGG.distinctIps) ?? 0,
    accounts: buckets(aggs, AGG.accounts).map((bucket) => ({
      account: keyOf(bucket),
      count: bucket.doc_count,
      failures: docCount(bucket, AGG.failures),
    })),
    topErrors: buckets(aggs, AGG.topErrors).map((bucket) => ({
      errorCode: keyOf(bucket),
      count: bucket.doc_count,
      principals: principalCounts(bucket),
    })),
    failedConsoleLogins: principalCounts(subAggregations(aggs, AGG.failedConsoleLogins)),
    newestEventTime: isoOrNull(metricValue(subAggregations(aggs, AGG.newest), AGG.newestTime)),
  };
}
