import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testApp, uniqueIndex } from './helpers.ts';

// What a producer sends comes back through the reading endpoints: the Zipkin v2 example of the
// ingest fixtures (frontend → backend client → api, the api half a shared span), posted as
// Envoy/Zipkin reporters post it, then read as the board reads it.
const INGEST_TOKEN = 'ingest-0123456789abcdef0123456789abcdef';
const prefix = uniqueIndex('traces-roundtrip');
const TRACE = '00000000000000005af7183fb1d4cf5f';
const RANGE = 'from=2019-04-30T06:00:00Z&to=2019-04-30T07:00:00Z';

describe('spans posted by a producer read back through the traces endpoints', () => {
  let app: FastifyInstance;
  const get = async (url: string) => (await app.inject({ method: 'GET', url: `/api/traces${url}` })).json();

  beforeAll(async () => {
    app = await testApp({ INGEST_TOKEN, TRACES_INDEX_PREFIX: prefix });
    const payload = readFileSync(
      new URL('../src/boards/traces/ingest/__fixtures__/zipkin-v2.json', import.meta.url),
    );
    const response = await app.inject({
      method: 'POST',
      url: '/api/v2/spans',
      payload,
      headers: { 'x-lookout-ingest-token': INGEST_TOKEN, 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(202);
    await app.es.indices.refresh({ index: `${prefix}-*`, allow_no_indices: true });
  });

  afterAll(async () => {
    const indices = await app.es.cat.indices({ index: `${prefix}-*`, h: 'index', format: 'json' });
    const names = indices.map((index) => index.index!);
    if (names.length > 0) await app.es.indices.delete({ index: names });
    await app.close();
  });

  it('reads the trace whole: root, both halves of the shared span, microseconds, critical path', async () => {
    const trace = await get(`/${TRACE}`);
    expect(trace.rootSpanId).toBe('6b221d5bc9e6496c');
    expect(trace.services).toEqual(['api', 'backend', 'frontend']);
    expect(trace.durationUs).toBe(3_000);
    expect(
      trace.spans.map((s: { service: string; kind: string; durationUs: number }) => [
        s.service,
        s.kind,
        s.durationUs,
      ]),
    ).toEqual([
      ['frontend', 'server', 3_000],
      ['backend', 'client', 1_431],
      ['api', 'server', 1_200],
    ]);
    expect(trace.spans[1].start).toBe('2019-04-30T06:02:52.355737Z'); // Zipkin's microseconds, kept
    expect(trace.criticalPath).toEqual(['6b221d5bc9e6496c', '352bff9a74ca9ad2', '352bff9a74ca9ad2']);
    expect(trace.warnings).toEqual([]);
  });

  it('finds it by the error on the backend client span, and maps who calls whom', async () => {
    const search = await get(`/search?${RANGE}&status=error`);
    expect(search.traces).toEqual([
      expect.objectContaining({ traceId: TRACE, spanCount: 3, errorCount: 1, rootService: 'frontend' }),
    ]);
    const map = await get(`/service-map?${RANGE}`);
    expect(
      map.edges.map((e: { parent: string; child: string; calls: number }) => [e.parent, e.child, e.calls]),
    ).toEqual(
      expect.arrayContaining([
        ['frontend', 'backend', 1],
        ['backend', 'api', 1],
      ]),
    );
  });
});
