import type { AttributeMap, SpanKind } from '../mapping.ts';
import { describeSpan, toSpanDocument, UNKNOWN_SERVICE, type SpanOutcome } from './span-document.ts';
import { toBigInt } from './time.ts';
import { asObject } from './loose-json.ts';

/**
 * Zipkin v2 JSON (`POST /api/v2/spans`, what Zipkin reporters and Envoy send): an array of spans
 * with microsecond `timestamp`/`duration`, `localEndpoint.serviceName`, string `tags`. A span with
 * `shared: true` and kind SERVER is the server half of an RPC whose client half has the same id:
 * it is stored apart, as the client half's child (`_id` …-server).
 */

const KINDS: Record<string, SpanKind> = {
  CLIENT: 'client',
  SERVER: 'server',
  PRODUCER: 'producer',
  CONSUMER: 'consumer',
};

function zipkinSpan(value: unknown): SpanOutcome {
  const span = asObject(value);
  if (!span) return { problem: 'a Zipkin span is not an object' };
  const name = typeof span.name === 'string' ? span.name : '';
  const kindName = typeof span.kind === 'string' ? span.kind.toUpperCase() : undefined;
  const kind = kindName === undefined ? 'internal' : KINDS[kindName];
  if (!kind)
    return {
      problem: `${describeSpan({ ...span, spanId: span.id })}: kind "${kindName}" is not a Zipkin kind`,
    };
  const tags = asObject(span.tags) ?? {};
  const attributes: AttributeMap = { ...tags };
  const local = asObject(span.localEndpoint) ?? {};
  const remote = asObject(span.remoteEndpoint);
  if (typeof remote?.serviceName === 'string' && attributes['peer.service'] === undefined) {
    attributes['peer.service'] = remote.serviceName;
  }
  const service =
    typeof local.serviceName === 'string' && local.serviceName !== '' ? local.serviceName : UNKNOWN_SERVICE;
  const resource: AttributeMap = { 'service.name': service };
  for (const key of ['ipv4', 'ipv6', 'port'] as const) {
    if (local[key] !== undefined) resource[`zipkin.localEndpoint.${key}`] = local[key];
  }
  // Zipkin marks a failed span with an `error` tag whose value is the message (often empty).
  const error = tags.error;
  const status =
    error === undefined
      ? { code: 'unset' as const }
      : typeof error === 'string' && error !== '' && error !== 'true'
        ? { code: 'error' as const, message: error }
        : { code: 'error' as const };
  const startUs = toBigInt(span.timestamp);
  // An incomplete span (no `duration`) is kept with 0, as Zipkin's UI shows it.
  const durationUs = span.duration === undefined ? 0n : toBigInt(span.duration);
  return toSpanDocument({
    traceId: span.traceId,
    spanId: span.id,
    parentSpanId: span.parentId,
    name,
    service,
    kind,
    status,
    startNs: startUs === undefined ? undefined : startUs * 1000n,
    durationNs: durationUs === undefined ? undefined : durationUs * 1000n,
    precision: 'us',
    attributes,
    resource,
    events: (Array.isArray(span.annotations) ? span.annotations : []).map((annotation) => {
      const item = asObject(annotation) ?? {};
      const timeUs = toBigInt(item.timestamp);
      return {
        timeNs: timeUs === undefined ? undefined : timeUs * 1000n,
        name: typeof item.value === 'string' ? item.value : '',
        attributes: {},
      };
    }),
    links: [],
    source: 'zipkin',
    sharedServerHalf: span.shared === true && kind === 'server',
  });
}

/** A Zipkin v2 body (an array of spans; one span object is read as an array of one). */
export function spansFromZipkin(body: unknown): SpanOutcome[] {
  const spans = Array.isArray(body) ? body : [body];
  return spans.map(zipkinSpan);
}

/**
 * True for Zipkin v2: a span (an object with `traceId` and `id`), or an array of them. File readers
 * hand a top-level array over item by item, so one span alone must be recognised too.
 */
export function looksLikeZipkin(value: unknown): boolean {
  const first = asObject(Array.isArray(value) ? value[0] : value);
  return first !== undefined && 'traceId' in first && 'id' in first;
}
