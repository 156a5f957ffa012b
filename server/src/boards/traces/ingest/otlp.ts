import type { AttributeMap, SpanKind, SpanStatusCode } from '../mapping.ts';
import { toSpanDocument, UNKNOWN_SERVICE, describeSpan, type SpanOutcome } from './span-document.ts';
import { toBigInt } from './time.ts';
import { asObject, asArray } from './loose-json.ts';

/**
 * An OTLP `ExportTraceServiceRequest` → spans. Reads both the proto3 JSON mapping (lowerCamelCase,
 * hex ids, int64 as strings or numbers, enums as integers or names) and the object protobufjs
 * decodes from the official definitions (ids as bytes, int64 as strings): see otlp-protobuf.ts.
 */

const KINDS: SpanKind[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
const STATUS_CODES: SpanStatusCode[] = ['unset', 'ok', 'error'];

/** An enum as an integer or its proto name (`SPAN_KIND_SERVER`, `STATUS_CODE_ERROR`). */
function enumValue<T extends string>(value: unknown, names: T[], prefix: string): T | undefined {
  if (value === undefined || value === null) return names[0];
  if (typeof value === 'number') return names[value];
  if (typeof value === 'string') {
    if (/^\d+$/.test(value)) return names[Number(value)];
    const name = value.startsWith(prefix) ? value.slice(prefix.length).toLowerCase() : undefined;
    return names.find((candidate) => candidate === name);
  }
  return undefined;
}

/** An `AnyValue` as plain JSON: int64 as a number when exact, else its decimal string. */
export function anyValue(value: unknown): unknown {
  const any = asObject(value);
  if (!any) return null;
  if ('stringValue' in any) return any.stringValue;
  if ('boolValue' in any) return any.boolValue;
  if ('intValue' in any) {
    const integer = toBigInt(any.intValue);
    if (integer === undefined) return String(any.intValue);
    return integer >= BigInt(Number.MIN_SAFE_INTEGER) && integer <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(integer)
      : integer.toString();
  }
  if ('doubleValue' in any) {
    const double = Number(any.doubleValue);
    return Number.isFinite(double) ? double : String(any.doubleValue);
  }
  if ('arrayValue' in any) return asArray(asObject(any.arrayValue)?.values).map(anyValue);
  if ('kvlistValue' in any) return keyValues(asObject(any.kvlistValue)?.values);
  if ('bytesValue' in any) {
    const bytes = any.bytesValue;
    return bytes instanceof Uint8Array ? Buffer.from(bytes).toString('base64') : bytes;
  }
  return null;
}

/** A `repeated KeyValue` as a map, kept whole (flattened in the mapping). */
export function keyValues(list: unknown): AttributeMap {
  const map: AttributeMap = {};
  for (const entry of asArray(list)) {
    const pair = asObject(entry);
    if (pair && typeof pair.key === 'string') map[pair.key] = anyValue(pair.value);
  }
  return map;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Every span of the request, each stored or refused with a message naming it. */
export function spansFromOtlp(request: unknown): SpanOutcome[] {
  const outcomes: SpanOutcome[] = [];
  for (const resourceSpans of asArray(asObject(request)?.resourceSpans)) {
    const resourceObject = asObject(resourceSpans);
    const resource = keyValues(asObject(resourceObject?.resource)?.attributes);
    const serviceName = resource['service.name'];
    const service = typeof serviceName === 'string' && serviceName !== '' ? serviceName : UNKNOWN_SERVICE;
    // `instrumentationLibrarySpans`: what exporters before OTLP 0.15 sent, still met in files.
    const scopes = [
      ...asArray(resourceObject?.scopeSpans),
      ...asArray(resourceObject?.instrumentationLibrarySpans),
    ];
    for (const scopeSpans of scopes) {
      const scopeObject = asObject(scopeSpans);
      const scopeInfo = asObject(scopeObject?.scope) ?? asObject(scopeObject?.instrumentationLibrary);
      const scope = scopeInfo
        ? {
            ...(text(scopeInfo.name) ? { name: text(scopeInfo.name) } : {}),
            ...(text(scopeInfo.version) ? { version: text(scopeInfo.version) } : {}),
          }
        : undefined;
      for (const entry of asArray(scopeObject?.spans)) {
        const span = asObject(entry);
        if (!span) {
          outcomes.push({ problem: 'a span is not an object' });
          continue;
        }
        const kind = enumValue(span.kind, KINDS, 'SPAN_KIND_');
        const status = asObject(span.status);
        const code = enumValue(status?.code, STATUS_CODES, 'STATUS_CODE_');
        if (!kind || !code) {
          outcomes.push({
            problem: `${describeSpan(span)}: ${kind ? 'status.code' : 'kind'} is not a known value`,
          });
          continue;
        }
        const startNs = toBigInt(span.startTimeUnixNano);
        const endNs = toBigInt(span.endTimeUnixNano);
        const message = text(status?.message);
        outcomes.push(
          toSpanDocument({
            traceId: span.traceId,
            spanId: span.spanId,
            parentSpanId: span.parentSpanId,
            name: text(span.name) ?? '',
            service,
            kind,
            status: message ? { code, message } : { code },
            startNs,
            durationNs: startNs !== undefined && endNs !== undefined ? endNs - startNs : undefined,
            precision: 'ns',
            attributes: keyValues(span.attributes),
            resource,
            ...(scope && Object.keys(scope).length > 0 ? { scope } : {}),
            events: asArray(span.events).map((event) => {
              const item = asObject(event) ?? {};
              return {
                timeNs: toBigInt(item.timeUnixNano),
                name: text(item.name) ?? '',
                attributes: keyValues(item.attributes),
              };
            }),
            links: asArray(span.links).map((link) => {
              const item = asObject(link) ?? {};
              return { traceId: item.traceId, spanId: item.spanId, attributes: keyValues(item.attributes) };
            }),
            source: 'otlp',
          }),
        );
      }
    }
  }
  return outcomes;
}
