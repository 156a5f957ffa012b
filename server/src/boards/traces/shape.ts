import type { estypes } from '@elastic/elasticsearch';
import {
  aggregation,
  aggregationsOf,
  buckets,
  docCount,
  keyOf,
  subAggregations,
  type Aggregations,
  type Bucket,
} from '../../es/aggregations.ts';
import type { TimeRange } from '../../core/time-range.ts';
import type { SpanDocument } from './mapping.ts';
import { AGG, LATENCY_BOUNDS_MS } from './query.ts';
import type {
  LatencyBucket,
  ServiceEdge,
  ServiceMapResponse,
  ServiceNode,
  ServiceResponse,
  Span,
  TraceResponse,
  TraceSummary,
} from './schema.ts';
import { buildTraceTree, epochNs, nsToUs } from './trace-tree.ts';

type SearchResponse<T = unknown> = estypes.SearchResponse<T, Record<string, estypes.AggregationsAggregate>>;

/** What a trace page reads of each span (`_source` of buildTraceSpansSearch). */
export type StoredSpan = Pick<
  SpanDocument,
  | 'span_id'
  | 'parent_span_id'
  | 'service'
  | 'name'
  | 'kind'
  | 'start'
  | 'duration_ns'
  | 'status'
  | 'attributes'
  | 'resource'
  | 'events'
  | 'links'
>;

const NS_PER_US = 1_000;

// ─── one trace ───────────────────────────────────────────────────────────────────────────────

function toSpan(stored: StoredSpan): Span {
  return {
    spanId: stored.span_id,
    parentSpanId: stored.parent_span_id ?? null,
    service: stored.service,
    name: stored.name,
    kind: stored.kind,
    start: stored.start,
    durationUs: stored.duration_ns / NS_PER_US,
    status: { code: stored.status?.code ?? 'unset', message: stored.status?.message ?? null },
    attributes: stored.attributes ?? {},
    resource: stored.resource ?? {},
    events: stored.events ?? [],
    links: stored.links ?? [],
  };
}

/** The whole trace from all its stored spans (every page); null when none is stored. */
export function shapeTrace(traceId: string, stored: StoredSpan[]): TraceResponse | null {
  if (stored.length === 0) return null;
  const timed = stored.map((span) => {
    const startNs = epochNs(span.start);
    return {
      spanId: span.span_id,
      parentSpanId: span.parent_span_id ?? null,
      startNs,
      endNs: startNs + BigInt(Math.round(span.duration_ns)),
      stored: span,
    };
  });
  const tree = buildTraceTree(timed);
  const services = [...new Set(stored.map((span) => span.service))].sort();
  return {
    traceId,
    spans: tree.ordered.map((span) => toSpan(span.stored)),
    rootSpanId: tree.rootSpanId,
    services,
    durationUs: nsToUs(tree.endNs - tree.startNs),
    criticalPath: tree.criticalPath,
    warnings: tree.warnings,
  };
}

/** The spans of one page of a trace, and where the next page starts (null after the last). */
export function pageOfSpans(
  response: SearchResponse<StoredSpan>,
  pageSize: number,
): { spans: StoredSpan[]; after: estypes.SortResults | null } {
  const hits = response.hits.hits;
  const spans = hits.flatMap((hit) => (hit._source ? [hit._source] : []));
  const last = hits.at(-1);
  return { spans, after: hits.length === pageSize && last?.sort ? last.sort : null };
}

// ─── trace search ────────────────────────────────────────────────────────────────────────────

/** A root span as the search reads it: the trace's start, duration and name. */
export interface TraceHead {
  traceId: string;
  start: string;
  durationUs: number;
  rootService: string;
  rootName: string;
  sort: estypes.SortResults;
}

type HeadSource = Pick<SpanDocument, 'trace_id' | 'service' | 'name' | 'start' | 'duration_ns'>;

export function shapeTraceHeads(response: SearchResponse<HeadSource>): TraceHead[] {
  return response.hits.hits.flatMap((hit) => {
    const source = hit._source;
    if (!source || !hit.sort) return [];
    return [
      {
        traceId: source.trace_id,
        start: source.start,
        durationUs: source.duration_ns / NS_PER_US,
        rootService: source.service,
        rootName: source.name,
        sort: hit.sort,
      },
    ];
  });
}

export function shapeMatchingTraceIds(response: SearchResponse): Set<string> {
  return new Set(buckets(aggregationsOf(response), AGG.matched).map(keyOf));
}

/** The page's traces in head order, with counts and services from the summaries search. */
export function shapeTraceSummaries(heads: TraceHead[], response: SearchResponse): TraceSummary[] {
  const byTrace = new Map(
    buckets(aggregationsOf(response), AGG.traces).map((bucket) => [keyOf(bucket), bucket]),
  );
  return heads.map((head) => {
    const bucket = byTrace.get(head.traceId);
    return {
      traceId: head.traceId,
      start: head.start,
      durationUs: head.durationUs,
      rootService: head.rootService,
      rootName: head.rootName,
      spanCount: bucket?.doc_count ?? 1,
      errorCount: bucket ? docCount(bucket, AGG.errors) : 0,
      services: bucket ? buckets(bucket, AGG.services).map(keyOf) : [head.rootService],
    };
  });
}

// ─── percentiles ─────────────────────────────────────────────────────────────────────────────

/** A duration percentile in µs (the aggregation is over nanoseconds); null with no spans. */
function percentileUs(aggs: Aggregations | Bucket, percent: string): number | null {
  const agg = aggregation(aggs, AGG.duration) as { values?: Record<string, number | null> };
  const ns = agg.values?.[percent];
  return ns === undefined || ns === null ? null : Math.round(ns) / NS_PER_US;
}

const pUs = (aggs: Bucket, percent: string) => percentileUs(aggs, percent) ?? 0;

// ─── service map ─────────────────────────────────────────────────────────────────────────────

export function shapeServiceMap(
  response: SearchResponse,
  meta: { range: TimeRange; service?: string },
): ServiceMapResponse {
  const aggs = aggregationsOf(response);
  const minutes = (meta.range.toMs - meta.range.fromMs) / 60_000;
  const edges: ServiceEdge[] = buckets(subAggregations(aggs, AGG.edges), AGG.parents)
    .flatMap((parent) =>
      buckets(parent, AGG.children)
        // Calls within one service are not edges (see buildServiceMapSearch).
        .filter((child) => keyOf(child) !== keyOf(parent))
        .map((child) => ({
          parent: keyOf(parent),
          child: keyOf(child),
          calls: child.doc_count,
          errors: docCount(child, AGG.errors),
          p50Us: pUs(child, '50.0'),
          p95Us: pUs(child, '95.0'),
        })),
    )
    .filter((edge) => !meta.service || edge.parent === meta.service || edge.child === meta.service)
    .sort((a, b) => b.calls - a.calls);
  const shown = meta.service
    ? new Set([meta.service, ...edges.flatMap((edge) => [edge.parent, edge.child])])
    : null;
  const services: ServiceNode[] = buckets(aggs, AGG.services)
    .filter((bucket) => !shown || shown.has(keyOf(bucket)))
    .map((bucket) => ({
      service: keyOf(bucket),
      spans: bucket.doc_count,
      errors: docCount(bucket, AGG.errors),
      p50Us: pUs(bucket, '50.0'),
      p95Us: pUs(bucket, '95.0'),
      p99Us: pUs(bucket, '99.0'),
      perMinute: Math.round((bucket.doc_count / minutes) * 100) / 100,
    }));
  return {
    from: new Date(meta.range.fromMs).toISOString(),
    to: new Date(meta.range.toMs).toISOString(),
    services,
    edges,
  };
}

// ─── service page ────────────────────────────────────────────────────────────────────────────

/** Latency buckets from the first to the last non-empty one (empty ones between stay). */
function shapeLatency(aggs: Bucket): LatencyBucket[] {
  const counts = buckets(aggs, AGG.latency).map((bucket) => bucket.doc_count);
  const all = LATENCY_BOUNDS_MS.map((minDurationMs, i) => ({
    minDurationMs,
    maxDurationMs: LATENCY_BOUNDS_MS[i + 1] ?? null,
    count: counts[i] ?? 0,
  }));
  const first = all.findIndex((bucket) => bucket.count > 0);
  if (first < 0) return [];
  const last = all.findLastIndex((bucket) => bucket.count > 0);
  return all.slice(first, last + 1);
}

export function shapeService(
  response: SearchResponse,
  meta: { service: string; range: TimeRange; interval: string },
): ServiceResponse {
  const aggs = aggregationsOf(response);
  const selected = subAggregations(aggs, AGG.selected);
  return {
    service: meta.service,
    from: new Date(meta.range.fromMs).toISOString(),
    to: new Date(meta.range.toMs).toISOString(),
    interval: meta.interval,
    red: buckets(selected, AGG.overTime).map((bucket) => ({
      start: new Date(Number(bucket.key)).toISOString(),
      requests: bucket.doc_count,
      errors: docCount(bucket, AGG.errors),
      p50Us: percentileUs(bucket, '50.0'),
      p95Us: percentileUs(bucket, '95.0'),
      p99Us: percentileUs(bucket, '99.0'),
    })),
    operations: buckets(aggs, AGG.operations).map((bucket) => {
      const errors = docCount(bucket, AGG.errors);
      return {
        name: keyOf(bucket),
        count: bucket.doc_count,
        errors,
        errorPercent: Math.round((errors / bucket.doc_count) * 10_000) / 100,
        p50Us: pUs(bucket, '50.0'),
        p95Us: pUs(bucket, '95.0'),
        p99Us: pUs(bucket, '99.0'),
      };
    }),
    latency: shapeLatency(selected),
  };
}
