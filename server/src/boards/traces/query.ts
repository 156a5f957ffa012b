// The traces board shows whole traces, trace search, the service map and a service's RED; it reads
// the daily span indices `<prefix>-*` (one document per span) and filters time on `@timestamp`
// (the span's start, ms precision).
import type { estypes } from '@elastic/elasticsearch';
import { aggregationsOver, searchOver } from '../../es/request-basics.ts';
import type { TimeRange } from '../../core/time-range.ts';
import type { TraceSearchQuery } from './schema.ts';

type Query = estypes.QueryDslQueryContainer;

/** Aggregation names, shared by the builders and the shapers (never "2", "3"). */
export const AGG = {
  services: 'services',
  errors: 'errors',
  duration: 'duration',
  edges: 'edges',
  parents: 'parents',
  children: 'children',
  matched: 'matched_traces',
  traces: 'traces',
  selected: 'selected',
  overTime: 'over_time',
  operations: 'operations',
  latency: 'latency',
} as const;

/**
 * Percentiles are HDR histograms, not the default t-digest: Elasticsearch (since 8.9) and
 * OpenSearch implement t-digest differently and answer different p95s for the same spans;
 * HdrHistogram is the same library on every engine (as on the deployments board).
 */
function durationPercentiles(percents: number[]) {
  return {
    percentiles: { field: 'duration_ns', percents, hdr: { number_of_significant_value_digits: 3 } },
  };
}

const errorsOnly = { filter: { term: { is_error: true } } };

function rangeFilter({ fromMs, toMs }: TimeRange): Query {
  return { range: { '@timestamp': { gte: fromMs, lt: toMs, format: 'epoch_millis' } } };
}

const MS_NS = 1_000_000;

function durationFilter(minMs: number | undefined, maxMs: number | undefined): Query[] {
  if (minMs === undefined && maxMs === undefined) return [];
  const bounds: { gte?: number; lt?: number } = {};
  if (minMs !== undefined) bounds.gte = Math.round(minMs * MS_NS);
  if (maxMs !== undefined) bounds.lt = Math.round(maxMs * MS_NS);
  return [{ range: { duration_ns: bounds } }];
}

const isRoot: Query = { bool: { must_not: [{ exists: { field: 'parent_span_id' } }] } };

// ─── one trace ───────────────────────────────────────────────────────────────────────────────

/**
 * Spans per page of a trace: the engine's default result window. A trace of any size is read in
 * pages of this many with search_after, never capped at 10,000 (jaeger#668).
 */
export const TRACE_PAGE_SIZE = 10_000;

const SPAN_FIELDS = [
  'span_id',
  'parent_span_id',
  'service',
  'name',
  'kind',
  'start',
  'duration_ns',
  'status',
  'attributes',
  'resource',
  'events',
  'links',
];

/**
 * One page of a trace's spans. The `trace_id` term is all it needs (a keyword lookup in every
 * daily index is cheap), so no time range is required; `from`/`to` only narrow it. Sorted on
 * (span_id, kind): unique within a trace — a span id repeats only for a Zipkin shared span, whose
 * halves are `client` and `server` — and both are plain keywords on every engine (sorting on
 * `_id` needs fielddata that Elasticsearch 8 turned off; a point in time differs per engine).
 */
export function buildTraceSpansSearch(
  traceId: string,
  context: { index: string; range?: TimeRange; after?: estypes.SortResults },
): estypes.SearchRequest {
  const filter: Query[] = [{ term: { trace_id: traceId } }];
  if (context.range) filter.push(rangeFilter(context.range));
  return {
    ...searchOver(context.index),
    size: TRACE_PAGE_SIZE,
    track_total_hits: false,
    query: { bool: { filter } },
    sort: [{ span_id: 'asc' }, { kind: 'asc' }],
    _source: SPAN_FIELDS,
    ...(context.after ? { search_after: context.after } : {}),
  };
}

// ─── trace search ────────────────────────────────────────────────────────────────────────────
//
// Why the search is shaped this way. A result is a *trace*, but the engine stores *spans*; the
// filters are of two kinds:
//   - trace filters: the range (on the trace's start) and min/maxDurationMs (the trace's duration);
//     both are properties of the root span, which starts the trace and spans it;
//   - span filters: service, operation, attribute, status (and the duration with durationOf=span);
//     a trace qualifies when ANY of its spans matches all of them — often not the root.
// Jaeger applied the limit to candidate traces and the tag filter afterwards, so matching traces
// went missing (jaeger#1568). Here the engine applies every filter before anything is counted:
//   1. trace heads: root spans, in the requested order (newest start / longest duration), with the
//      trace filters in the query and search_after for paging — the order and the cursor are
//      exact because each trace has one head document;
//   2. only with span filters: which of those traces hold a matching span — one search with a
//      `terms` filter on their ids plus the span filters, aggregated by trace id (no time range:
//      a trace's spans may lie in the next day's index); heads without a match are skipped and
//      the next chunk of heads is read, until the page is full;
//   3. summaries (span and error counts, services) of the page's traces, by the same id filter.
// A trace without a stored root span is not a search result (its duration is unknown); it still
// opens by id, with an orphan warning.

/** Heads read per round while span filters reject candidates. */
export const HEADS_PER_ROUND = 1_000;

export type TraceSort = 'newest' | 'slowest';

/** Sort of the heads: a primary key, then the trace id, so search_after resumes exactly. */
function headSort(sort: TraceSort): estypes.Sort {
  return sort === 'slowest'
    ? [{ duration_ns: 'desc' }, { trace_id: 'asc' }]
    : [{ '@timestamp': 'desc' }, { trace_id: 'asc' }];
}

export function buildTraceHeadsSearch(
  params: Pick<TraceSearchQuery, 'minDurationMs' | 'maxDurationMs' | 'durationOf' | 'sort'>,
  context: { index: string; range: TimeRange; size: number; after?: estypes.SortResults },
): estypes.SearchRequest {
  const traceDuration =
    (params.durationOf ?? 'trace') === 'trace'
      ? durationFilter(params.minDurationMs, params.maxDurationMs)
      : [];
  return {
    ...searchOver(context.index),
    size: context.size,
    track_total_hits: false,
    query: { bool: { filter: [rangeFilter(context.range), isRoot, ...traceDuration] } },
    sort: headSort(params.sort ?? 'newest'),
    _source: ['trace_id', 'service', 'name', 'start', 'duration_ns'],
    ...(context.after ? { search_after: context.after } : {}),
  };
}

/** `key:value` at the first colon (values may hold colons: `url:http://…`). */
export function splitAttribute(pair: string): { key: string; value: string } {
  const colon = pair.indexOf(':');
  return { key: pair.slice(0, colon), value: pair.slice(colon + 1) };
}

/** The filters one span must match for its trace to be a result; [] when there are none. */
export function spanFilterClauses(params: TraceSearchQuery): Query[] {
  const clauses: Query[] = [];
  if (params.service) clauses.push({ term: { service: params.service } });
  if (params.operation) clauses.push({ term: { name: params.operation } });
  for (const pair of params.attribute ?? []) {
    const { key, value } = splitAttribute(pair);
    // `attributes` is flattened (flat_object on OpenSearch): each leaf is searchable by its
    // dotted key as a keyword, numbers and booleans as their text.
    clauses.push({ term: { [`attributes.${key}`]: value } });
  }
  if (params.status === 'error') clauses.push({ term: { is_error: true } });
  if (params.durationOf === 'span')
    clauses.push(...durationFilter(params.minDurationMs, params.maxDurationMs));
  return clauses;
}

/** Which of `traceIds` hold a span that matches every span filter. */
export function buildMatchingTracesSearch(
  spanFilters: Query[],
  traceIds: string[],
  context: { index: string },
): estypes.SearchRequest {
  return {
    ...aggregationsOver(context.index),
    query: { bool: { filter: [{ terms: { trace_id: traceIds } }, ...spanFilters] } },
    aggs: { [AGG.matched]: { terms: { field: 'trace_id', size: traceIds.length } } },
  };
}

/** Span count, error count and services of each of `traceIds` (all their spans, any day). */
export function buildTraceSummariesSearch(
  traceIds: string[],
  context: { index: string },
): estypes.SearchRequest {
  return {
    ...aggregationsOver(context.index),
    query: { bool: { filter: [{ terms: { trace_id: traceIds } }] } },
    aggs: {
      [AGG.traces]: {
        terms: { field: 'trace_id', size: traceIds.length },
        aggs: {
          [AGG.errors]: errorsOnly,
          [AGG.services]: { terms: { field: 'service', size: 100 } },
        },
      },
    },
  };
}

// ─── service map ─────────────────────────────────────────────────────────────────────────────

/** Services and edges drawn at most (a map of more is unreadable; the rest is the long tail). */
export const MAP_MAX_SERVICES = 1_000;
export const MAP_MAX_CALLERS = 500;

/**
 * The map from the stored spans alone, for any range, no batch job (jaeger#913): nodes are the
 * spans per service; an edge is the spans of `child` whose parent span belongs to `parent`, read
 * from `parent_service`, which ingest sets on each span (and back-fills when the parent arrives
 * later). Spans within one service (parent_service = service) are not edges; the engine cannot
 * compare two fields without a script, so the shaper drops those buckets.
 */
export function buildServiceMapSearch(
  params: { service?: string },
  context: { index: string; range: TimeRange },
): estypes.SearchRequest {
  const hasCaller: Query = { exists: { field: 'parent_service' } };
  const edgeFilter: Query = params.service
    ? {
        bool: {
          filter: [hasCaller],
          should: [{ term: { service: params.service } }, { term: { parent_service: params.service } }],
          minimum_should_match: 1,
        },
      }
    : hasCaller;
  return {
    ...aggregationsOver(context.index),
    query: { bool: { filter: [rangeFilter(context.range)] } },
    aggs: {
      [AGG.services]: {
        terms: { field: 'service', size: MAP_MAX_SERVICES },
        aggs: { [AGG.errors]: errorsOnly, [AGG.duration]: durationPercentiles([50, 95, 99]) },
      },
      [AGG.edges]: {
        filter: edgeFilter,
        aggs: {
          [AGG.parents]: {
            terms: { field: 'parent_service', size: MAP_MAX_CALLERS },
            aggs: {
              [AGG.children]: {
                terms: { field: 'service', size: MAP_MAX_CALLERS },
                aggs: { [AGG.errors]: errorsOnly, [AGG.duration]: durationPercentiles([50, 95]) },
              },
            },
          },
        },
      },
    },
  };
}

// ─── service page ────────────────────────────────────────────────────────────────────────────

/**
 * A service's requests are its entry spans: `server` and `consumer` spans, and roots (a job that
 * starts a trace). Its `client` and `internal` spans are work done for those requests, not more
 * requests (the same choice as Jaeger's service performance monitoring).
 */
const isEntrySpan: Query = {
  bool: { should: [{ terms: { kind: ['server', 'consumer'] } }, isRoot], minimum_should_match: 1 },
};

/** Latency histogram bounds in ms, on a 1-2-5 scale; the last bucket is open-ended. */
export const LATENCY_BOUNDS_MS = [
  0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000,
];

export const OPERATIONS_SHOWN = 200;

export function buildServiceSearch(
  params: { service: string; operation?: string },
  context: { index: string; range: TimeRange; interval: string },
): estypes.SearchRequest {
  const { fromMs, toMs } = context.range;
  const ranges = LATENCY_BOUNDS_MS.map((fromBound, i) => {
    const toBound = LATENCY_BOUNDS_MS[i + 1];
    return toBound === undefined
      ? { from: fromBound * MS_NS }
      : { from: fromBound * MS_NS, to: toBound * MS_NS };
  });
  return {
    ...aggregationsOver(context.index),
    query: {
      bool: { filter: [rangeFilter(context.range), { term: { service: params.service } }, isEntrySpan] },
    },
    aggs: {
      [AGG.operations]: {
        terms: { field: 'name', size: OPERATIONS_SHOWN },
        aggs: { [AGG.errors]: errorsOnly, [AGG.duration]: durationPercentiles([50, 95, 99]) },
      },
      [AGG.selected]: {
        filter: params.operation ? { term: { name: params.operation } } : { match_all: {} },
        aggs: {
          [AGG.overTime]: {
            date_histogram: {
              field: '@timestamp',
              fixed_interval: context.interval,
              min_doc_count: 0,
              extended_bounds: { min: fromMs, max: toMs - 1 },
            },
            aggs: { [AGG.errors]: errorsOnly, [AGG.duration]: durationPercentiles([50, 95, 99]) },
          },
          [AGG.latency]: { range: { field: 'duration_ns', ranges } },
        },
      },
    },
  };
}
