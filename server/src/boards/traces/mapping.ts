import type { estypes } from '@elastic/elasticsearch';
import type { IndexTemplate } from '../../core/board.ts';
import type { TracesConfig } from './config.ts';

/** One index per UTC day of the span's start: `lookout-spans-2026.12.03`. */
export function spanIndexName(prefix: string, start: Date): string {
  const year = start.getUTCFullYear();
  const month = String(start.getUTCMonth() + 1).padStart(2, '0');
  const day = String(start.getUTCDate()).padStart(2, '0');
  return `${prefix}-${year}.${month}.${day}`;
}

/** Every span index, whatever its day (what the reading endpoints search). */
export function spanIndexPattern(config: { traces: Pick<TracesConfig, 'indexPrefix'> }): string {
  return `${config.traces.indexPrefix}-*`;
}

export type SpanKind = 'internal' | 'server' | 'client' | 'producer' | 'consumer' | 'unspecified';
export type SpanStatusCode = 'unset' | 'ok' | 'error';
export type SpanSource = 'otlp' | 'zipkin' | 'jaeger' | 'demo';

/** A producer's attribute map as it sent it: strings, numbers, booleans, arrays, nested maps. */
export type AttributeMap = Record<string, unknown>;

/**
 * One stored span (`_id` = `<traceId>-<spanId>`, or `…-server` for a Zipkin shared span's server
 * half). The shape shared by ingest, the reading endpoints and the demo (TRACES-SPAN-DOC in #12).
 * The common attributes are copied to top-level dotted fields (`http.route`), so they are plain
 * keyword/long fields for filters and aggregations.
 */
export interface SpanDocument {
  /** Span start, ms precision (range filters, daily index). */
  '@timestamp': string;
  /** Span start with the producer's precision: ISO 8601 with up to 9 fraction digits. */
  start: string;
  duration_ns: number;
  duration_precision: 'ns' | 'us';
  /** 32 lowercase hex characters. */
  trace_id: string;
  /** 16 lowercase hex characters. */
  span_id: string;
  /** Absent on roots. */
  parent_span_id?: string;
  service: string;
  name: string;
  kind: SpanKind;
  status: { code: SpanStatusCode; message?: string };
  is_error: boolean;
  /** Service of the parent span once known (same batch, already stored, or back-filled later). */
  parent_service?: string;
  attributes: AttributeMap;
  resource: AttributeMap;
  scope?: { name?: string; version?: string };
  'http.request.method'?: string;
  'http.route'?: string;
  'http.response.status_code'?: number;
  'db.system'?: string;
  'rpc.service'?: string;
  'peer.service'?: string;
  'server.address'?: string;
  'error.type'?: string;
  events: Array<{ time: string; name: string; attributes: AttributeMap }>;
  links: Array<{ traceId: string; spanId: string; attributes: AttributeMap }>;
  source: SpanSource;
}

/** The attributes copied to keyword fields, so filters and aggregations never read `attributes`. */
export const COPIED_ATTRIBUTE_FIELDS = [
  'http.request.method',
  'http.route',
  'db.system',
  'rpc.service',
  'peer.service',
  'server.address',
  'error.type',
] as const;

const keyword: estypes.MappingProperty = { type: 'keyword' };
// Attributes and resource are free-form maps: one field each, searchable by any leaf and by dotted
// key, never one mapping per key (the seam turns `flattened` into OpenSearch's `flat_object`).
const producerMap: estypes.MappingProperty = { type: 'flattened', ignore_above: 1024, depth_limit: 20 };

/**
 * The span index template. `dynamic: false`: whatever the mapping does not name stays in
 * `_source` as stored but is never mapped, so attributes cannot explode the mapping.
 */
export function spanIndexTemplate(config: { traces: Pick<TracesConfig, 'indexPrefix'> }): IndexTemplate {
  return {
    name: 'lookout-spans',
    body: {
      index_patterns: [spanIndexPattern(config)],
      priority: 200,
      _meta: { description: 'Spans from OTLP, Zipkin and Jaeger, one document per span (issue #12)' },
      template: {
        settings: { number_of_shards: 1, number_of_replicas: 0, refresh_interval: '5s' },
        mappings: {
          dynamic: false,
          properties: {
            '@timestamp': { type: 'date' },
            start: { type: 'date_nanos' },
            duration_ns: { type: 'long' },
            duration_precision: keyword,
            trace_id: keyword,
            span_id: keyword,
            parent_span_id: keyword,
            service: keyword,
            name: keyword,
            kind: keyword,
            status: {
              properties: { code: keyword, message: { type: 'keyword', ignore_above: 1024 } },
            },
            is_error: { type: 'boolean' },
            parent_service: keyword,
            attributes: producerMap,
            resource: producerMap,
            scope: { properties: { name: keyword, version: keyword } },
            ...Object.fromEntries(COPIED_ATTRIBUTE_FIELDS.map((field) => [field, keyword])),
            'http.response.status_code': { type: 'long' },
            events: { type: 'object', enabled: false },
            links: { type: 'object', enabled: false },
            source: keyword,
          },
        },
      },
    },
  };
}
