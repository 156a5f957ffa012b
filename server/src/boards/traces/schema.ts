import { Type, type Static } from 'typebox';
import { IsoTime, PartialField, TimeRangeQuery } from '../../core/schema-pieces.ts';

/** Request and response schemas of the traces board (validation, serialisation, OpenAPI). */

/** 32 lowercase hex characters, as stored (64-bit ids are left-padded at ingest). */
export const TRACE_ID_PATTERN = '^[0-9a-f]{32}$';

const Microseconds = (description: string) => Type.Number({ minimum: 0, description });
const NullableMicroseconds = (description: string) =>
  Type.Union([Type.Number({ minimum: 0 }), Type.Null()], { description });
const ServiceName = Type.String({ minLength: 1, maxLength: 256 });

/** Any JSON object as the producer sent it (attributes, resource, event attributes). */
const Attributes = Type.Record(Type.String(), Type.Unknown());

export const SpanKind = Type.Union(
  [
    Type.Literal('internal'),
    Type.Literal('server'),
    Type.Literal('client'),
    Type.Literal('producer'),
    Type.Literal('consumer'),
    Type.Literal('unspecified'),
  ],
  { description: 'OpenTelemetry span kind' },
);
export type SpanKind = Static<typeof SpanKind>;

export const StatusCode = Type.Union([Type.Literal('unset'), Type.Literal('ok'), Type.Literal('error')]);
export type StatusCode = Static<typeof StatusCode>;

// ─── GET /api/traces/:traceId ────────────────────────────────────────────────────────────────

export const TraceParams = Type.Object({
  traceId: Type.String({
    pattern: TRACE_ID_PATTERN,
    description: 'Trace id: 32 lowercase hex characters (64-bit ids left-padded with zeros)',
    examples: ['4bf92f3577b34da6a3ce929d0e0e4736'],
  }),
});
export type TraceParams = Static<typeof TraceParams>;

export const TraceQuery = Type.Object(
  {
    from: Type.Optional(
      Type.String({
        description:
          'Only narrows the lookup (spans starting at or after this); without it every stored day is read',
      }),
    ),
    to: Type.Optional(Type.String({ description: 'Only narrows the lookup (spans starting before this)' })),
  },
  { additionalProperties: false },
);
export type TraceQuery = Static<typeof TraceQuery>;

export const SpanEvent = Type.Object({
  time: Type.String({ description: 'ISO 8601 with the producer’s precision (up to 9 fraction digits)' }),
  name: Type.String(),
  attributes: Attributes,
});
export type SpanEvent = Static<typeof SpanEvent>;

export const SpanLink = Type.Object({
  traceId: Type.String(),
  spanId: Type.String(),
  attributes: Attributes,
});
export type SpanLink = Static<typeof SpanLink>;

export const Span = Type.Object({
  spanId: Type.String({ description: '16 lowercase hex characters' }),
  parentSpanId: Type.Union([Type.String(), Type.Null()], { description: 'null on a root span' }),
  service: Type.String(),
  name: Type.String({ description: 'Operation' }),
  kind: SpanKind,
  start: Type.String({
    description: 'ISO 8601 (UTC) with the producer’s precision: up to 9 fraction digits',
  }),
  durationUs: Microseconds('Duration in microseconds; fractional when the producer sent nanoseconds'),
  status: Type.Object({
    code: StatusCode,
    message: Type.Union([Type.String(), Type.Null()]),
  }),
  attributes: Attributes,
  resource: Type.Optional(
    Type.Record(Type.String(), Type.Unknown(), {
      description: 'Resource attributes (service.name, host, …)',
    }),
  ),
  events: Type.Array(SpanEvent),
  links: Type.Array(SpanLink),
});
export type Span = Static<typeof Span>;

export const TraceWarningKind = Type.Union(
  [Type.Literal('orphan'), Type.Literal('several_roots'), Type.Literal('clock_skew')],
  {
    description:
      '`orphan`: spans whose parent is not stored (named by `parentSpanId`); `several_roots`: more ' +
      'than one span without a parent (`spanIds`); `clock_skew`: a child starting before its parent ' +
      '(`spanIds` = [child], `parentSpanId`, `skewUs` = how much earlier)',
  },
);
export type TraceWarningKind = Static<typeof TraceWarningKind>;

export const TraceWarning = Type.Object({
  kind: TraceWarningKind,
  message: Type.String({ description: 'One sentence a person can read' }),
  spanIds: Type.Array(Type.String(), { description: 'The spans concerned' }),
  parentSpanId: Type.Optional(Type.String({ description: 'The missing (orphan) or later (skew) parent' })),
  skewUs: Type.Optional(
    Type.Number({ description: 'clock_skew: how long before its parent the child starts' }),
  ),
});
export type TraceWarning = Static<typeof TraceWarning>;

export const TraceResponse = Type.Object({
  ...PartialField,
  traceId: Type.String(),
  spans: Type.Array(Span, { description: 'Every stored span of the trace, in start order' }),
  rootSpanId: Type.String({
    description:
      'The root span; with several roots or none (orphans only), the earliest span without a stored parent',
  }),
  services: Type.Array(Type.String(), { description: 'Services taking part, by name' }),
  durationUs: Microseconds('From the earliest span start to the latest span end'),
  criticalPath: Type.Array(Type.String(), {
    description:
      'Span ids on the critical path from the root: each span, then the child that finished last ' +
      'before it ended, and so on back to its start',
  }),
  warnings: Type.Array(TraceWarning),
});
export type TraceResponse = Static<typeof TraceResponse>;

// ─── GET /api/traces/search ──────────────────────────────────────────────────────────────────

const DurationMs = (description: string) =>
  Type.Optional(Type.Number({ minimum: 0, maximum: 86_400_000, description }));

export const TraceSearchQuery = Type.Object(
  {
    ...TimeRangeQuery,
    service: Type.Optional(
      Type.String({ minLength: 1, maxLength: 256, description: 'A span of this service takes part' }),
    ),
    operation: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 256,
        description: 'Span name (with `service`: a span of both)',
      }),
    ),
    attribute: Type.Optional(
      Type.Array(Type.String({ minLength: 2, maxLength: 512, pattern: '^[^:]+:' }), {
        maxItems: 20,
        description:
          'Span attribute `key:value` (repeatable; the first `:` separates them), e.g. ' +
          '`http.route:/checkout`. Matched exactly on the span attributes as stored',
      }),
    ),
    status: Type.Optional(Type.Literal('error', { description: '`error`: a span with status error' })),
    minDurationMs: DurationMs('Trace duration at least this (see `durationOf`)'),
    maxDurationMs: DurationMs('Trace duration less than this (exclusive; see `durationOf`)'),
    durationOf: Type.Optional(
      Type.Union([Type.Literal('trace'), Type.Literal('span')], {
        default: 'trace',
        description:
          '`trace` (default): min/maxDurationMs apply to the trace (its root span). `span`: to the span ' +
          'that matches the other span filters (what a latency histogram bucket of a service links to)',
      }),
    ),
    sort: Type.Optional(
      Type.Union([Type.Literal('newest'), Type.Literal('slowest')], {
        default: 'newest',
        description: '`newest`: by trace start, newest first; `slowest`: by trace duration, longest first',
      }),
    ),
    size: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Traces per page' }),
    ),
    cursor: Type.Optional(
      Type.String({ maxLength: 2048, description: 'Opaque `nextCursor` of the previous page' }),
    ),
  },
  { additionalProperties: false },
);
export type TraceSearchQuery = Static<typeof TraceSearchQuery>;

export const TraceSummary = Type.Object({
  traceId: Type.String(),
  start: Type.String({ description: 'Start of the root span, ISO 8601 with sub-millisecond digits' }),
  durationUs: Microseconds('Duration of the root span'),
  rootService: Type.String(),
  rootName: Type.String(),
  spanCount: Type.Integer(),
  errorCount: Type.Integer({ description: 'Spans with status error' }),
  services: Type.Array(Type.String(), { description: 'Services taking part, most spans first' }),
});
export type TraceSummary = Static<typeof TraceSummary>;

export const TraceSearchResponse = Type.Object({
  ...PartialField,
  traces: Type.Array(TraceSummary),
  nextCursor: Type.Union([Type.String(), Type.Null()], {
    description:
      'Next page, null at the end. A page may hold fewer than `size` traces when filters reject many ' +
      'candidates; only a null cursor means there are no more',
  }),
});
export type TraceSearchResponse = Static<typeof TraceSearchResponse>;

// ─── GET /api/traces/service-map ─────────────────────────────────────────────────────────────

export const ServiceMapQuery = Type.Object(
  {
    ...TimeRangeQuery,
    service: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 256,
        description: 'Only this service, its callers and its callees',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ServiceMapQuery = Static<typeof ServiceMapQuery>;

export const ServiceNode = Type.Object({
  service: Type.String(),
  spans: Type.Integer({ description: 'Spans of this service in the range' }),
  errors: Type.Integer({ description: 'Of them, with status error' }),
  p50Us: Microseconds('Span duration percentiles (HDR histogram, the same on every engine)'),
  p95Us: Microseconds(''),
  p99Us: Microseconds(''),
  perMinute: Type.Number({ description: 'spans / minutes in the range' }),
});
export type ServiceNode = Static<typeof ServiceNode>;

export const ServiceEdge = Type.Object({
  parent: Type.String({ description: 'The calling service (of the parent span)' }),
  child: Type.String({ description: 'The called service' }),
  calls: Type.Integer({ description: 'Spans of `child` whose parent span belongs to `parent`' }),
  errors: Type.Integer({ description: 'Of them, with status error' }),
  p50Us: Microseconds('Duration percentiles of those child spans'),
  p95Us: Microseconds(''),
});
export type ServiceEdge = Static<typeof ServiceEdge>;

export const ServiceMapResponse = Type.Object({
  ...PartialField,
  from: IsoTime,
  to: IsoTime,
  services: Type.Array(ServiceNode, { description: 'Most spans first' }),
  edges: Type.Array(ServiceEdge, { description: 'Most calls first' }),
});
export type ServiceMapResponse = Static<typeof ServiceMapResponse>;

// ─── GET /api/traces/services/:service ───────────────────────────────────────────────────────

export const ServiceParams = Type.Object({ service: ServiceName });
export type ServiceParams = Static<typeof ServiceParams>;

export const ServiceQuery = Type.Object(
  {
    ...TimeRangeQuery,
    operation: Type.Optional(
      Type.String({ minLength: 1, maxLength: 256, description: 'Only this operation (RED and histogram)' }),
    ),
    interval: Type.Optional(
      Type.String({
        pattern: '^[1-9][0-9]*[mhd]$',
        description: 'Bucket width of the RED series, e.g. 1m, 1h (default: about 60–120 buckets)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ServiceQuery = Static<typeof ServiceQuery>;

export const RedBucket = Type.Object({
  start: IsoTime,
  requests: Type.Integer(),
  errors: Type.Integer(),
  p50Us: NullableMicroseconds('null in an empty bucket'),
  p95Us: NullableMicroseconds('null in an empty bucket'),
  p99Us: NullableMicroseconds('null in an empty bucket'),
});
export type RedBucket = Static<typeof RedBucket>;

export const OperationRow = Type.Object({
  name: Type.String(),
  count: Type.Integer(),
  errors: Type.Integer(),
  errorPercent: Type.Number({ minimum: 0, maximum: 100 }),
  p50Us: Microseconds(''),
  p95Us: Microseconds(''),
  p99Us: Microseconds(''),
});
export type OperationRow = Static<typeof OperationRow>;

export const LatencyBucket = Type.Object({
  minDurationMs: Type.Number({ description: 'Inclusive; pass as `minDurationMs` to the search' }),
  maxDurationMs: Type.Union([Type.Number(), Type.Null()], {
    description: 'Exclusive; pass as `maxDurationMs` to the search (null: no upper bound)',
  }),
  count: Type.Integer(),
});
export type LatencyBucket = Static<typeof LatencyBucket>;

export const ServiceResponse = Type.Object({
  ...PartialField,
  service: Type.String(),
  from: IsoTime,
  to: IsoTime,
  interval: Type.String({ description: 'Bucket width actually used' }),
  red: Type.Array(RedBucket, {
    description: 'Requests = the service’s entry spans (kind server or consumer, or a root span), per bucket',
  }),
  operations: Type.Array(OperationRow, { description: 'Entry-span operations, most requests first' }),
  latency: Type.Array(LatencyBucket, {
    description:
      'Entry-span durations on a 1-2-5 scale; link a bucket to `/search?service=…&durationOf=span&' +
      'minDurationMs=…&maxDurationMs=…`',
  }),
});
export type ServiceResponse = Static<typeof ServiceResponse>;
