import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { SpanDocument } from '../src/boards/traces/mapping.ts';
import { decodeOtlpResponse, encodeOtlpProtobuf } from '../src/boards/traces/ingest/otlp-protobuf.ts';
import { testApp, uniqueIndex } from './helpers.ts';

const INGEST_TOKEN = 'ingest-0123456789abcdef0123456789abcdef';
const HEADER = 'x-lookout-ingest-token';
const prefix = uniqueIndex('traces-ingest');
const fixture = (name: string) =>
  readFileSync(new URL(`../src/boards/traces/ingest/__fixtures__/${name}`, import.meta.url));

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const hex = (id: string) => Buffer.from(id, 'hex');

/** One OTLP span as an SDK exports it: a service, a parent, a start and a length in ns. */
function otlpSpan(
  spanId: string,
  parentSpanId: string | undefined,
  name: string,
  startNs: bigint,
  lengthNs: bigint,
) {
  return {
    traceId: hex(TRACE),
    spanId: hex(spanId),
    ...(parentSpanId ? { parentSpanId: hex(parentSpanId) } : {}),
    name,
    kind: 2,
    startTimeUnixNano: String(startNs),
    endTimeUnixNano: String(startNs + lengthNs),
  };
}

function request(service: string, spans: object[]) {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeSpans: [{ scope: { name: 'test' }, spans }],
      },
    ],
  };
}

describe('traces ingest against the real engine', () => {
  let app: FastifyInstance;

  const post = (url: string, payload: Buffer | string, headers: Record<string, string>) =>
    app.inject({ method: 'POST', url, payload, headers: { [HEADER]: INGEST_TOKEN, ...headers } });
  const postProtobuf = (body: object, headers: Record<string, string> = {}) =>
    post('/v1/traces', Buffer.from(encodeOtlpProtobuf(body)), {
      'content-type': 'application/x-protobuf',
      ...headers,
    });

  async function stored(traceId: string): Promise<Map<string, SpanDocument>> {
    await app.es.indices.refresh({ index: `${prefix}-*`, allow_no_indices: true });
    const response = await app.es.search<SpanDocument>({
      index: `${prefix}-*`,
      size: 100,
      query: { term: { trace_id: traceId } },
    });
    return new Map(response.hits.hits.map((hit) => [hit._id!, hit._source!]));
  }

  beforeAll(async () => {
    app = await testApp({ INGEST_TOKEN, TRACES_INDEX_PREFIX: prefix });
  });

  afterAll(async () => {
    // The engine refuses wildcard deletes (action.destructive_requires_name): name each index.
    const indices = await app.es.cat.indices({ index: `${prefix}-*`, h: 'index', format: 'json' });
    const names = indices.map((index) => index.index!);
    if (names.length > 0) await app.es.indices.delete({ index: names });
    await app.close();
  });

  it('stores OTLP protobuf span for span, across two daily indices, and answers in protobuf', async () => {
    // The root starts a few ms before midnight, its child just after: two daily indices.
    const root = 1_764_806_399_995_000_123n; // 2025-12-03T23:59:59.995000123Z
    const response = await postProtobuf(
      request('gateway', [
        otlpSpan('00f067aa0ba902b7', undefined, 'GET /checkout', root, 20_000_000n),
        otlpSpan('00f067aa0ba902b8', '00f067aa0ba902b7', 'call cart', root + 10_000_000n, 9_000_500n),
      ]),
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/x-protobuf');
    expect(decodeOtlpResponse(response.rawPayload)).toEqual({});
    const spans = await stored(TRACE);
    expect(spans.get(`${TRACE}-00f067aa0ba902b7`)).toMatchObject({
      start: '2025-12-03T23:59:59.995000123Z',
      duration_ns: 20_000_000,
      service: 'gateway',
      kind: 'server',
    });
    expect(spans.get(`${TRACE}-00f067aa0ba902b7`)).not.toHaveProperty('parent_span_id');
    expect(spans.get(`${TRACE}-00f067aa0ba902b8`)).toMatchObject({
      '@timestamp': '2025-12-04T00:00:00.005Z',
      start: '2025-12-04T00:00:00.005000123Z',
      duration_ns: 9_000_500,
      parent_service: 'gateway',
    });
    const indices = await app.es.cat.indices({ index: `${prefix}-*`, h: 'index', format: 'json' });
    expect(indices.map((index) => index.index).sort()).toEqual([
      `${prefix}-2025.12.03`,
      `${prefix}-2025.12.04`,
    ]);
  });

  it('adds nothing when the same batch is delivered again', async () => {
    const before = (await stored(TRACE)).size;
    const root = 1_764_806_399_995_000_123n;
    const again = await postProtobuf(
      request('gateway', [otlpSpan('00f067aa0ba902b7', undefined, 'GET /checkout', root, 20_000_000n)]),
    );
    expect(again.statusCode).toBe(200);
    expect((await stored(TRACE)).size).toBe(before);
  });

  it('fills parent_service when the parent arrives in a later request (JSON, gzip), across days', async () => {
    const start = 1_764_806_400_500_000_000n; // 2025-12-04T00:00:00.5Z
    const child = await post(
      '/v1/traces',
      JSON.stringify(
        request('cart-db', [
          {
            traceId: TRACE.toUpperCase(),
            spanId: '00f067aa0ba902c2',
            parentSpanId: '00f067aa0ba902c1',
            name: 'SELECT cart',
            kind: 3,
            startTimeUnixNano: String(start + 1_000_000n),
            endTimeUnixNano: String(start + 3_000_000n),
          },
        ]),
      ),
      { 'content-type': 'application/json' },
    );
    expect(child.statusCode).toBe(200);
    expect(child.json()).toEqual({});
    await app.es.indices.refresh({ index: `${prefix}-*` });
    const parentBody = request('cart', [
      {
        traceId: TRACE,
        spanId: '00f067aa0ba902c1',
        parentSpanId: '00f067aa0ba902b8',
        name: 'load cart',
        kind: 1,
        startTimeUnixNano: String(start - 600_000_000n), // the day before
        endTimeUnixNano: String(start + 5_000_000n),
      },
    ]);
    const parent = await post('/v1/traces', gzipSync(JSON.stringify(parentBody)), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(parent.statusCode).toBe(200);
    const spans = await stored(TRACE);
    expect(spans.get(`${TRACE}-00f067aa0ba902c2`)?.parent_service).toBe('cart');
    expect(spans.get(`${TRACE}-00f067aa0ba902c1`)?.parent_service).toBe('gateway');
  });

  it('fills parent_service when child and parent arrive within one refresh interval', async () => {
    const trace = '1af7651916cd43dd8448eb211c80319c';
    const start = 1_764_806_600_000_000_000n;
    const span = (spanId: string, parentSpanId: string | undefined, offset: bigint) => ({
      traceId: hex(trace),
      spanId: hex(spanId),
      ...(parentSpanId ? { parentSpanId: hex(parentSpanId) } : {}),
      name: 'op',
      startTimeUnixNano: String(start + offset),
      endTimeUnixNano: String(start + offset + 1_000n),
    });
    // No refresh between the two: neither the parent's search nor the child's mget sees the other.
    expect(
      (await postProtobuf(request('worker', [span('00000000000000f2', '00000000000000f1', 10n)]))).statusCode,
    ).toBe(200);
    expect((await postProtobuf(request('queue', [span('00000000000000f1', undefined, 0n)]))).statusCode).toBe(
      200,
    );
    await expect
      .poll(async () => (await stored(trace)).get(`${trace}-00000000000000f2`)?.parent_service, {
        timeout: 15_000,
        interval: 1_000,
      })
      .toBe('queue');
  });

  it('answers partialSuccess naming the refused span and stores the rest', async () => {
    const body = request('gateway', [
      { ...otlpSpan('00f067aa0ba902d1', undefined, 'fine', 1_764_806_500_000_000_000n, 1_000n) },
      {
        ...otlpSpan('00f067aa0ba902d2', undefined, 'no start', 1_764_806_500_000_000_000n, 1_000n),
        startTimeUnixNano: '0',
      },
    ]);
    const json = await post(
      '/v1/traces',
      JSON.stringify({
        resourceSpans: [
          {
            ...body.resourceSpans[0],
            scopeSpans: [
              {
                spans: [
                  {
                    traceId: TRACE,
                    spanId: '00f067aa0ba902d1',
                    name: 'fine',
                    startTimeUnixNano: '1764806500000000000',
                    endTimeUnixNano: '1764806500000001000',
                  },
                  {
                    traceId: TRACE,
                    spanId: 'zz',
                    name: 'bad id',
                    startTimeUnixNano: '1764806500000000000',
                    endTimeUnixNano: '1764806500000001000',
                  },
                ],
              },
            ],
          },
        ],
      }),
      { 'content-type': 'application/json' },
    );
    expect(json.statusCode).toBe(200);
    expect(json.json()).toEqual({
      partialSuccess: { rejectedSpans: '1', errorMessage: expect.stringContaining('span "bad id"') },
    });
    const protobuf = await postProtobuf(body);
    expect(protobuf.statusCode).toBe(200);
    expect(decodeOtlpResponse(protobuf.rawPayload)).toEqual({
      partialSuccess: { rejectedSpans: '1', errorMessage: expect.stringContaining('span "no start"') },
    });
    expect((await stored(TRACE)).has(`${TRACE}-00f067aa0ba902d1`)).toBe(true);
  });

  it('refuses undecodable bodies with 400 and a missing credential with 401', async () => {
    const garbage = await post('/v1/traces', Buffer.from([0xff, 0xff, 0xff, 0x01]), {
      'content-type': 'application/x-protobuf',
    });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().message).toMatch(/not a protobuf ExportTraceServiceRequest/);
    const notJson = await post('/v1/traces', '{"resourceSpans": [', { 'content-type': 'application/json' });
    expect(notJson.statusCode).toBe(400);
    const badGzip = await post('/v1/traces', '{}', {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(badGzip.statusCode).toBe(400);
    const anonymous = await app.inject({
      method: 'POST',
      url: '/v1/traces',
      payload: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('stores a Zipkin v2 batch with its shared span as two documents', async () => {
    const response = await post('/api/v2/spans', fixture('zipkin-v2.json'), {
      'content-type': 'application/json',
    });
    expect(response.statusCode).toBe(202);
    const spans = await stored('00000000000000005af7183fb1d4cf5f');
    expect(spans.size).toBe(3);
    const id = '00000000000000005af7183fb1d4cf5f-352bff9a74ca9ad2';
    expect(spans.get(id)).toMatchObject({ service: 'backend', parent_service: 'frontend', is_error: true });
    expect(spans.get(`${id}-server`)).toMatchObject({
      service: 'api',
      parent_span_id: '352bff9a74ca9ad2',
      parent_service: 'backend',
      duration_ns: 1_200_000,
    });
  });
});

describe('traces ingest while the engine is down', () => {
  it('answers 503 with Retry-After so exporters retry', async () => {
    const app = await testApp({ INGEST_TOKEN, ES_URL: 'http://127.0.0.1:9', ES_REQUEST_TIMEOUT_MS: '2000' });
    try {
      const response = await app.inject({
        method: 'POST',
        url: '/v1/traces',
        payload: Buffer.from(
          encodeOtlpProtobuf(
            request('gateway', [
              otlpSpan('00f067aa0ba902e1', undefined, 'x', 1_764_806_500_000_000_000n, 1n),
            ]),
          ),
        ),
        headers: { [HEADER]: INGEST_TOKEN, 'content-type': 'application/x-protobuf' },
      });
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
    } finally {
      await app.close();
    }
  });
});
