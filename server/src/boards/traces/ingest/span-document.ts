import {
  COPIED_ATTRIBUTE_FIELDS,
  type AttributeMap,
  type SpanDocument,
  type SpanKind,
  type SpanSource,
  type SpanStatusCode,
} from '../mapping.ts';
import { normaliseId, normaliseParentId } from './ids.ts';
import { isoFromEpoch, msIsoFromNanos, plausibleNanos } from './time.ts';

/** A span as a decoder read it from its producer's format, ids and times not yet checked. */
export interface SpanInput {
  traceId: unknown;
  spanId: unknown;
  parentSpanId?: unknown;
  name: string;
  service: string;
  kind: SpanKind;
  status: { code: SpanStatusCode; message?: string };
  /** Epoch nanoseconds (Zipkin/Jaeger microseconds × 1000). */
  startNs: bigint | undefined;
  durationNs: bigint | undefined;
  precision: 'ns' | 'us';
  attributes: AttributeMap;
  resource: AttributeMap;
  scope?: { name?: string; version?: string };
  events: Array<{ timeNs: bigint | undefined; name: string; attributes: AttributeMap }>;
  links: Array<{ traceId: unknown; spanId: unknown; attributes: AttributeMap }>;
  source: SpanSource;
  /** The server half of a Zipkin shared span: its own document, child of the client half. */
  sharedServerHalf?: boolean;
}

/** A span ready to store: its `_id` and document (parent_service is resolved when it is written). */
export interface StoredSpan {
  id: string;
  document: SpanDocument;
}

export type SpanOutcome = StoredSpan | { problem: string };

/** `span "GET /cart" (trace 4bf9…, span 00f0…)`: how a rejection names the span it refuses. */
export function describeSpan(input: { name?: unknown; traceId?: unknown; spanId?: unknown }): string {
  const show = (value: unknown) =>
    value instanceof Uint8Array ? Buffer.from(value).toString('hex') : String(value ?? '?').slice(0, 64);
  const name = typeof input.name === 'string' ? input.name.slice(0, 100) : '?';
  return `span "${name}" (trace ${show(input.traceId)}, span ${show(input.spanId)})`;
}

// Old semantic-convention names (and Zipkin's tags), read when the current name is absent.
const FIELD_FALLBACKS: Record<string, string[]> = {
  'http.request.method': ['http.request.method', 'http.method'],
  'http.route': ['http.route', 'http.target', 'http.path', 'http.url'],
  'server.address': ['server.address', 'net.peer.name'],
};

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value.slice(0, 1024);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** The common attributes as keyword/long fields (`http.route`…), for filters and aggregations. */
export function copiedFields(attributes: AttributeMap): Partial<SpanDocument> {
  const fields: Record<string, unknown> = {};
  for (const field of COPIED_ATTRIBUTE_FIELDS) {
    for (const name of FIELD_FALLBACKS[field] ?? [field]) {
      const text = scalarText(attributes[name]);
      if (text !== undefined) {
        fields[field] = text;
        break;
      }
    }
  }
  const status = attributes['http.response.status_code'] ?? attributes['http.status_code'];
  const code = typeof status === 'string' ? Number(status) : status;
  if (typeof code === 'number' && Number.isInteger(code)) fields['http.response.status_code'] = code;
  return fields as Partial<SpanDocument>;
}

/** Checks ids and times, and builds the stored document; a problem names the span and the field. */
export function toSpanDocument(input: SpanInput): SpanOutcome {
  const refuse = (problem: string) => ({ problem: `${describeSpan(input)}: ${problem}` });
  const traceId = normaliseId(input.traceId, 'trace');
  if ('problem' in traceId) return refuse(`traceId ${traceId.problem}`);
  const spanId = normaliseId(input.spanId, 'span');
  if ('problem' in spanId) return refuse(`spanId ${spanId.problem}`);
  const parent = input.sharedServerHalf ? { id: spanId.id } : normaliseParentId(input.parentSpanId);
  if (parent && 'problem' in parent) return refuse(`parentSpanId ${parent.problem}`);
  if (input.startNs === undefined || !plausibleNanos(input.startNs)) {
    return refuse('start time is missing or not an epoch time between 2000 and 2200');
  }
  if (input.durationNs === undefined || input.durationNs < 0n) {
    return refuse('duration is missing or negative (end before start)');
  }
  const links: SpanDocument['links'] = [];
  for (const link of input.links) {
    const linkTrace = normaliseId(link.traceId, 'trace');
    const linkSpan = normaliseId(link.spanId, 'span');
    if ('problem' in linkTrace) return refuse(`link traceId ${linkTrace.problem}`);
    if ('problem' in linkSpan) return refuse(`link spanId ${linkSpan.problem}`);
    links.push({ traceId: linkTrace.id, spanId: linkSpan.id, attributes: link.attributes });
  }
  const digits = input.precision === 'ns' ? 9 : 6;
  const toIso = (nanos: bigint) => (digits === 9 ? isoFromEpoch(nanos, 9) : isoFromEpoch(nanos / 1000n, 6));
  const document: SpanDocument = {
    '@timestamp': msIsoFromNanos(input.startNs),
    start: toIso(input.startNs),
    duration_ns: Number(input.durationNs),
    duration_precision: input.precision,
    trace_id: traceId.id,
    span_id: spanId.id,
    ...(parent ? { parent_span_id: parent.id } : {}),
    service: input.service,
    name: input.name,
    kind: input.kind,
    status: input.status.message
      ? { code: input.status.code, message: input.status.message }
      : { code: input.status.code },
    is_error: input.status.code === 'error',
    attributes: input.attributes,
    resource: input.resource,
    ...(input.scope ? { scope: input.scope } : {}),
    ...copiedFields(input.attributes),
    events: input.events.map((event) => ({
      time: event.timeNs !== undefined && plausibleNanos(event.timeNs) ? toIso(event.timeNs) : '',
      name: event.name,
      attributes: event.attributes,
    })),
    links,
    source: input.source,
  };
  const id = `${traceId.id}-${spanId.id}${input.sharedServerHalf ? '-server' : ''}`;
  return { id, document };
}

/** `unknown_service`, as the OpenTelemetry SDKs say when `service.name` is not set. */
export const UNKNOWN_SERVICE = 'unknown_service';
