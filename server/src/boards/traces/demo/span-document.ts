import type { BulkDocument } from '../../../es/bulk-writer.ts';
import { spanIndexName, type AttributeMap, type SpanDocument, type SpanKind } from '../mapping.ts';

/**
 * A stored span as ingest writes it (the shared span document of #12), for the demo, the
 * integration tests and the bench: they write spans straight to the indices, never through an
 * ingest endpoint, so what they read back depends on the document shape alone.
 */
export interface SpanSpec {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  /** Service of the parent span (absent on roots). */
  parentService?: string;
  service: string;
  name: string;
  kind: SpanKind;
  /** Epoch nanoseconds of the start. */
  startNs: bigint;
  durationNs: number;
  error?: string;
  attributes?: AttributeMap;
  resource?: AttributeMap;
}

/** Epoch nanoseconds → ISO 8601 with all nine fraction digits. */
export function isoNs(ns: bigint): string {
  const ms = ns / 1_000_000n;
  const iso = new Date(Number(ms)).toISOString();
  return `${iso.slice(0, 19)}.${String(ns % 1_000_000_000n).padStart(9, '0')}Z`;
}

export function spanDocument(spec: SpanSpec): SpanDocument {
  const attributes = spec.attributes ?? {};
  const copied = Object.fromEntries(
    ['http.request.method', 'http.route', 'db.system', 'rpc.service', 'peer.service', 'server.address']
      .filter((key) => typeof attributes[key] === 'string')
      .map((key) => [key, attributes[key]]),
  );
  const statusCode = attributes['http.response.status_code'];
  return {
    '@timestamp': new Date(Number(spec.startNs / 1_000_000n)).toISOString(),
    start: isoNs(spec.startNs),
    duration_ns: spec.durationNs,
    duration_precision: 'ns',
    trace_id: spec.traceId,
    span_id: spec.spanId,
    ...(spec.parentSpanId ? { parent_span_id: spec.parentSpanId } : {}),
    service: spec.service,
    name: spec.name,
    kind: spec.kind,
    status: spec.error ? { code: 'error', message: spec.error } : { code: 'unset' },
    is_error: spec.error !== undefined,
    ...(spec.parentService ? { parent_service: spec.parentService } : {}),
    attributes,
    resource: spec.resource ?? { 'service.name': spec.service },
    ...copied,
    ...(typeof statusCode === 'number' ? { 'http.response.status_code': statusCode } : {}),
    ...(spec.error ? { 'error.type': spec.error } : {}),
    events: [],
    links: [],
    source: 'demo',
  };
}

/** The bulk document of a span: daily index by its start, `_id` = `<traceId>-<spanId>`. */
export function spanBulkDocument(prefix: string, spec: SpanSpec): BulkDocument {
  return {
    index: spanIndexName(prefix, new Date(Number(spec.startNs / 1_000_000n))),
    id: `${spec.traceId}-${spec.spanId}`,
    document: spanDocument(spec),
  };
}
