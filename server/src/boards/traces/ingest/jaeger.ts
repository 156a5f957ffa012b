import type { AttributeMap, SpanKind } from '../mapping.ts';
import { describeSpan, toSpanDocument, UNKNOWN_SERVICE, type SpanOutcome } from './span-document.ts';
import { toBigInt } from './time.ts';
import { asObject, asArray, type Loose } from './loose-json.ts';

/**
 * Jaeger JSON, as the UI's "Download JSON" and the query service's `/api/traces` answer it:
 * `{ data: [{ traceID, spans: [...], processes: { p1: { serviceName, tags } } }] }`. Ids come
 * without leading zeros, times and durations in microseconds, typed tags `{ key, type, value }`.
 */

const KINDS: Record<string, SpanKind> = {
  client: 'client',
  server: 'server',
  producer: 'producer',
  consumer: 'consumer',
  internal: 'internal',
};

function tagMap(tags: unknown): AttributeMap {
  const map: AttributeMap = {};
  for (const tag of asArray(tags)) {
    const item = asObject(tag);
    if (item && typeof item.key === 'string') map[item.key] = item.value;
  }
  return map;
}

function jaegerSpan(value: unknown, processes: Loose, traceID: unknown): SpanOutcome {
  const span = asObject(value);
  if (!span) return { problem: 'a Jaeger span is not an object' };
  const named = { name: span.operationName, traceId: span.traceID ?? traceID, spanId: span.spanID };
  const process = asObject(processes[String(span.processID)]) ?? asObject(span.process) ?? {};
  const resource = tagMap(process.tags);
  const service =
    typeof process.serviceName === 'string' && process.serviceName !== ''
      ? process.serviceName
      : UNKNOWN_SERVICE;
  resource['service.name'] = service;
  const attributes = tagMap(span.tags);
  const kindTag = attributes['span.kind'];
  const kind = typeof kindTag === 'string' ? KINDS[kindTag.toLowerCase()] : 'internal';
  if (!kind) return { problem: `${describeSpan(named)}: span.kind "${String(kindTag)}" is not a span kind` };
  const otelStatus = typeof attributes['otel.status_code'] === 'string' ? attributes['otel.status_code'] : '';
  const failed = attributes.error === true || attributes.error === 'true' || otelStatus === 'ERROR';
  const message = attributes['otel.status_description'];
  const code = failed ? 'error' : otelStatus === 'OK' ? 'ok' : 'unset';
  const references = asArray(span.references).map((reference) => asObject(reference) ?? {});
  const parent = references.find((reference) => reference.refType === 'CHILD_OF');
  const startUs = toBigInt(span.startTime);
  const durationUs = toBigInt(span.duration);
  return toSpanDocument({
    traceId: named.traceId,
    spanId: span.spanID,
    parentSpanId: parent?.spanID ?? span.parentSpanID,
    name: typeof span.operationName === 'string' ? span.operationName : '',
    service,
    kind,
    status: typeof message === 'string' && message !== '' ? { code, message } : { code },
    startNs: startUs === undefined ? undefined : startUs * 1000n,
    durationNs: durationUs === undefined ? undefined : durationUs * 1000n,
    precision: 'us',
    attributes,
    resource,
    events: asArray(span.logs).map((log) => {
      const item = asObject(log) ?? {};
      const fields = tagMap(item.fields);
      const timeUs = toBigInt(item.timestamp);
      return {
        timeNs: timeUs === undefined ? undefined : timeUs * 1000n,
        name: typeof fields.event === 'string' ? fields.event : 'log',
        attributes: fields,
      };
    }),
    // FOLLOWS_FROM (and any CHILD_OF after the first) are causal links, not the parent.
    links: references
      .filter((reference) => reference !== parent)
      .map((reference) => ({ traceId: reference.traceID, spanId: reference.spanID, attributes: {} })),
    source: 'jaeger',
  });
}

/** Every span of every trace in a Jaeger JSON document. */
export function spansFromJaeger(body: unknown): SpanOutcome[] {
  const outcomes: SpanOutcome[] = [];
  for (const trace of asArray(asObject(body)?.data)) {
    const item = asObject(trace) ?? {};
    const processes = asObject(item.processes) ?? {};
    for (const span of asArray(item.spans)) outcomes.push(jaegerSpan(span, processes, item.traceID));
  }
  return outcomes;
}

export function looksLikeJaeger(value: unknown): boolean {
  const data = asObject(value)?.data;
  return Array.isArray(data) && data.some((trace) => asObject(trace)?.spans !== undefined);
}
