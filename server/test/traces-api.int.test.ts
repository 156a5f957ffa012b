import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import type { FastifyInstance } from 'fastify';
import { createEsClient } from '../src/es/client.ts';
import { installIndexTemplates } from '../src/es/templates.ts';
import { writeDocuments } from '../src/es/bulk-writer.ts';
import { spanIndexTemplate } from '../src/boards/traces/mapping.ts';
import { spanBulkDocument, type SpanSpec } from '../src/boards/traces/demo/span-document.ts';
import { GOLDEN_CASES, GOLDEN_PREFIX } from '../src/boards/traces/__fixtures__/cases.ts';
import { checkLiveGolden } from './golden-harness.ts';
import { testApp, testConfig } from './helpers.ts';

// Known spans, written as ingest stores them (the span document of #12), under a prefix of this
// file's own with the board's template: every count below can be checked from this list.
const PREFIX = `spans-read-test-${process.pid}`;
const MS = 1_000_000n;
const at = (iso: string) => BigInt(Date.parse(iso)) * MS;
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const traceId = (n: number) => `${hex(0xabc, 8)}${hex(n, 24)}`;

const BIG = traceId(1); // 10,501 spans, 09:00
const ERR = traceId(2); // error three levels down, 10:00
const CROSS_DAY = traceId(3); // root 23:59:59.9, child the next day
const newer = (i: number) => traceId(100 + i); // 30 traces 10:01…10:30, no error
const REPORT_FANOUT = 100;
const DB_PER_REPORT = 104;

function knownSpans(): SpanSpec[] {
  const spans: SpanSpec[] = [];
  let next = 1;
  const add = (spec: Omit<SpanSpec, 'spanId'>) => {
    const spanId = hex(next++, 16);
    spans.push({ ...spec, spanId });
    return spanId;
  };
  const bigStart = at('2026-11-20T09:00:00Z');
  const bigRoot = add({
    traceId: BIG,
    service: 'gateway',
    name: 'GET /report',
    kind: 'server',
    startNs: bigStart,
    durationNs: 60_000_000_000,
  });
  for (let r = 0; r < REPORT_FANOUT; r += 1) {
    const reportStart = bigStart + BigInt(r) * 500n * MS;
    const report = add({
      traceId: BIG,
      parentSpanId: bigRoot,
      parentService: 'gateway',
      service: 'reports',
      name: 'render',
      kind: 'server',
      startNs: reportStart,
      durationNs: 400_000_000,
    });
    for (let d = 0; d < DB_PER_REPORT; d += 1) {
      add({
        traceId: BIG,
        parentSpanId: report,
        parentService: 'reports',
        service: 'reports-db',
        name: 'SELECT',
        kind: 'server',
        startNs: reportStart + BigInt(d) * 3n * MS,
        durationNs: 2_000_000,
      });
    }
  }

  const errStart = at('2026-11-20T10:00:00Z');
  const errRoot = add({
    traceId: ERR,
    service: 'gateway',
    name: 'POST /pay',
    kind: 'server',
    startNs: errStart,
    durationNs: 300_000_000,
  });
  const checkout = add({
    traceId: ERR,
    parentSpanId: errRoot,
    parentService: 'gateway',
    service: 'checkout',
    name: 'pay',
    kind: 'server',
    startNs: errStart + 10n * MS,
    durationNs: 250_000_000,
  });
  add({
    traceId: ERR,
    parentSpanId: checkout,
    parentService: 'checkout',
    service: 'payments',
    name: 'charge',
    kind: 'server',
    startNs: errStart + 20n * MS,
    durationNs: 200_000_000,
    error: 'card declined',
    attributes: { 'http.route': '/charge', 'http.response.status_code': 502, 'card.brand': 'visa' },
  });

  for (let i = 0; i < 30; i += 1) {
    const start = at('2026-11-20T10:01:00Z') + BigInt(i) * 60_000n * MS;
    const root = add({
      traceId: newer(i),
      service: 'gateway',
      name: 'GET /home',
      kind: 'server',
      startNs: start,
      durationNs: 100_000_000,
    });
    add({
      traceId: newer(i),
      parentSpanId: root,
      parentService: 'gateway',
      service: 'catalog',
      name: 'list',
      kind: 'server',
      startNs: start + 5n * MS,
      durationNs: 50_000_000,
    });
  }

  const crossRoot = add({
    traceId: CROSS_DAY,
    service: 'gateway',
    name: 'GET /late',
    kind: 'server',
    startNs: at('2026-11-20T23:59:59.900Z'),
    // As long as the error trace's root: the gateway's p95 then falls between two equal values.
    // Elasticsearch's and OpenSearch's HdrHistogram versions round a percentile's rank
    // differently (31.35 → 31st or 32nd of 33), so a p95 between two different values differs.
    durationNs: 300_000_000,
  });
  add({
    traceId: CROSS_DAY,
    parentSpanId: crossRoot,
    parentService: 'gateway',
    service: 'orders',
    name: 'list',
    kind: 'server',
    startNs: at('2026-11-21T00:00:00.100Z') + 123_456n,
    durationNs: 200_000_123,
  });
  return spans;
}

const fixturesDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../src/boards/traces/__fixtures__',
);
/** Index deletion needs names (wildcards are refused by default): resolve them first. */
async function deleteSpanIndices(client: Client): Promise<void> {
  const indices = Object.keys(await client.indices.get({ index: `${PREFIX}-*`, allow_no_indices: true }));
  if (indices.length > 0) await client.indices.delete({ index: indices.join(',') });
}

const WHOLE = 'from=2026-11-20T00:00:00Z&to=2026-11-21T01:00:00Z';

describe('traces endpoints over known spans in the real engine', () => {
  let client: Client;
  let app: FastifyInstance;
  const template = spanIndexTemplate({ traces: { indexPrefix: PREFIX } });
  const testTemplate = { name: `${template.name}-read-test`, body: { ...template.body, priority: 201 } };

  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url: `/api/traces${url}` });
    return { status: response.statusCode, body: response.json() };
  };

  beforeAll(async () => {
    client = createEsClient(testConfig().es);
    await deleteSpanIndices(client);
    await installIndexTemplates(client, [testTemplate]);
    const spans = knownSpans();
    const result = await writeDocuments(
      client,
      spans.map((spec) => spanBulkDocument(PREFIX, spec)),
      { refresh: true },
    );
    expect(result).toMatchObject({ indexed: spans.length, rejected: [] });
    app = await testApp({ TRACES_INDEX_PREFIX: PREFIX });
  });

  afterAll(async () => {
    await app?.close();
    await deleteSpanIndices(client);
    await client.indices.deleteIndexTemplate({ name: testTemplate.name }).catch(() => undefined);
    await client.close();
  });

  describe('one trace', () => {
    it('comes back whole past 10,000 spans, with no range given', async () => {
      const { status, body } = await get(`/${BIG}`);
      expect(status).toBe(200);
      expect(body.spans).toHaveLength(1 + REPORT_FANOUT + REPORT_FANOUT * DB_PER_REPORT);
      expect(new Set(body.spans.map((span: { spanId: string }) => span.spanId)).size).toBe(10_501);
      expect(body.services).toEqual(['gateway', 'reports', 'reports-db']);
      expect(body.rootSpanId).toBe(body.spans[0].spanId);
      expect(body.durationUs).toBe(60_000_000);
      expect(body.warnings).toEqual([]);
      // Reports run one after another and so do their queries: each ended before the next
      // started, so every span is on the critical path, the last report first.
      expect(body.criticalPath[0]).toBe(body.rootSpanId);
      expect(body.criticalPath[1]).toBe(
        body.spans.findLast((s: { service: string }) => s.service === 'reports').spanId,
      );
      expect(body.criticalPath).toHaveLength(10_501);
    });

    it('keeps sub-millisecond starts and fractional microseconds', async () => {
      const { body } = await get(`/${CROSS_DAY}`);
      const child = body.spans.find((span: { service: string }) => span.service === 'orders');
      expect(child.start).toBe('2026-11-21T00:00:00.100123456Z');
      expect(child.durationUs).toBe(200_000.123);
      expect(body.durationUs).toBe(400_123.579);
    });

    it('only narrows the lookup with from/to', async () => {
      const { body } = await get(`/${CROSS_DAY}?from=2026-11-21T00:00:00Z`);
      expect(body.spans).toHaveLength(1);
      expect(body.warnings).toEqual([
        expect.objectContaining({ kind: 'orphan', spanIds: [body.spans[0].spanId] }),
      ]);
    });

    it('answers 404 for a trace never stored, and 400 for something that is not a trace id', async () => {
      const missing = traceId(999);
      expect(await get(`/${missing}`)).toEqual({
        status: 404,
        body: expect.objectContaining({ message: `no stored span of trace ${missing}` }),
      });
      const bad = await get('/not-a-trace');
      expect(bad.status).toBe(400);
      expect(bad.body.message).toContain('traceId');
    });
  });

  describe('search', () => {
    it('finds the one error trace below 31 newer ones with size=1 (filters before the limit)', async () => {
      const { status, body } = await get(`/search?${WHOLE}&status=error&size=1`);
      expect(status).toBe(200);
      expect(body.traces).toEqual([
        {
          traceId: ERR,
          start: '2026-11-20T10:00:00.000000000Z',
          durationUs: 300_000,
          rootService: 'gateway',
          rootName: 'POST /pay',
          spanCount: 3,
          errorCount: 1,
          services: ['checkout', 'gateway', 'payments'],
        },
      ]);
      expect(body.nextCursor).toBeNull();
    });

    it('matches service, operation and attributes on the same deep span', async () => {
      const hit = await get(
        `/search?${WHOLE}&service=payments&attribute=http.route:/charge&attribute=card.brand:visa`,
      );
      expect(hit.body.traces.map((t: { traceId: string }) => t.traceId)).toEqual([ERR]);
      const numeric = await get(`/search?${WHOLE}&attribute=http.response.status_code:502`);
      expect(numeric.body.traces.map((t: { traceId: string }) => t.traceId)).toEqual([ERR]);
      const wrongService = await get(`/search?${WHOLE}&service=checkout&attribute=http.route:/charge`);
      expect(wrongService.body.traces).toEqual([]);
    });

    it('applies durations to the trace, or to the matching span with durationOf=span', async () => {
      const trace = await get(`/search?${WHOLE}&service=payments&minDurationMs=250`);
      expect(trace.body.traces.map((t: { traceId: string }) => t.traceId)).toEqual([ERR]);
      const span = await get(`/search?${WHOLE}&service=payments&minDurationMs=250&durationOf=span`);
      expect(span.body.traces).toEqual([]);
    });

    it('pages 33 traces newest first with the signed cursor, each once', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/search?${WHOLE}&size=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const { status, body } = await get(url);
        expect(status).toBe(200);
        seen.push(...body.traces.map((t: { traceId: string }) => t.traceId));
        cursor = body.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(pages).toBe(4);
      expect(seen).toHaveLength(33);
      expect(seen[0]).toBe(CROSS_DAY);
      expect(seen.at(-1)).toBe(BIG);
      expect(new Set(seen).size).toBe(33);
    });

    it('sorts slowest first', async () => {
      const { body } = await get(`/search?${WHOLE}&sort=slowest&size=3`);
      expect(body.traces.map((t: { durationUs: number }) => t.durationUs)).toEqual([
        60_000_000, 300_000, 300_000,
      ]);
      expect(body.traces[0].spanCount).toBe(10_501);
    });

    it('refuses a cursor it did not hand out', async () => {
      const { status, body } = await get(`/search?${WHOLE}&cursor=WzEsIngiXQ.forged`);
      expect(status).toBe(400);
      expect(body.message).toContain('cursor');
    });
  });

  describe('service map', () => {
    it('counts calls between services from the stored spans', async () => {
      const { status, body } = await get(`/service-map?${WHOLE}`);
      expect(status).toBe(200);
      const edges = Object.fromEntries(
        body.edges.map((e: { parent: string; child: string; calls: number; errors: number }) => [
          `${e.parent}→${e.child}`,
          [e.calls, e.errors],
        ]),
      );
      expect(edges).toEqual({
        'reports→reports-db': [10_400, 0],
        'gateway→reports': [100, 0],
        'gateway→catalog': [30, 0],
        'gateway→checkout': [1, 0],
        'checkout→payments': [1, 1],
        'gateway→orders': [1, 0],
      });
      const gateway = body.services.find((s: { service: string }) => s.service === 'gateway');
      expect(gateway).toMatchObject({ spans: 33, errors: 0, perMinute: 0.02 });
      const db = body.edges.find((e: { child: string }) => e.child === 'reports-db');
      expect(db.p50Us).toBeCloseTo(2_000, -1);
    });

    it('draws an edge whose parent span lies in the previous day’s index', async () => {
      const { body } = await get('/service-map?from=2026-11-21T00:00:00Z&to=2026-11-21T01:00:00Z');
      expect(body.edges).toEqual([
        {
          parent: 'gateway',
          child: 'orders',
          calls: 1,
          errors: 0,
          p50Us: expect.any(Number),
          p95Us: expect.any(Number),
        },
      ]);
      expect(body.services.map((s: { service: string }) => s.service)).toEqual(['orders']);
    });

    it('narrows to one service, its callers and callees', async () => {
      const { body } = await get(`/service-map?${WHOLE}&service=checkout`);
      expect(
        body.edges.map((e: { parent: string; child: string }) => `${e.parent}→${e.child}`).sort(),
      ).toEqual(['checkout→payments', 'gateway→checkout']);
      expect(body.services.map((s: { service: string }) => s.service).sort()).toEqual([
        'checkout',
        'gateway',
        'payments',
      ]);
    });
  });

  describe('service page', () => {
    it('counts entry spans per bucket and per operation, with a latency histogram', async () => {
      const { status, body } = await get(
        `/services/gateway?from=2026-11-20T09:00:00Z&to=2026-11-20T11:00:00Z&interval=1h`,
      );
      expect(status).toBe(200);
      expect(body.red.map((b: { start: string; requests: number }) => [b.start, b.requests])).toEqual([
        ['2026-11-20T09:00:00.000Z', 1],
        ['2026-11-20T10:00:00.000Z', 31],
      ]);
      expect(body.operations.map((o: { name: string; count: number }) => [o.name, o.count])).toEqual([
        ['GET /home', 30],
        ['GET /report', 1],
        ['POST /pay', 1],
      ]);
      expect(body.latency).toEqual([
        { minDurationMs: 100, maxDurationMs: 200, count: 30 },
        { minDurationMs: 200, maxDurationMs: 500, count: 1 },
        { minDurationMs: 500, maxDurationMs: 1_000, count: 0 },
        { minDurationMs: 1_000, maxDurationMs: 2_000, count: 0 },
        { minDurationMs: 2_000, maxDurationMs: 5_000, count: 0 },
        { minDurationMs: 5_000, maxDurationMs: 10_000, count: 0 },
        { minDurationMs: 10_000, maxDurationMs: 20_000, count: 0 },
        { minDurationMs: 20_000, maxDurationMs: 50_000, count: 0 },
        { minDurationMs: 50_000, maxDurationMs: 100_000, count: 1 },
      ]);
    });

    it('links a latency bucket to exactly its traces through the search', async () => {
      const { body } = await get(
        `/search?${WHOLE}&service=payments&durationOf=span&minDurationMs=200&maxDurationMs=500`,
      );
      expect(body.traces.map((t: { traceId: string }) => t.traceId)).toEqual([ERR]);
    });
  });

  describe('golden fixtures', () => {
    it.each(GOLDEN_CASES)('$name: the live response shapes into the reviewed answer', async (golden) => {
      const response = await client.search({ ...golden.request, index: `${PREFIX}-*` });
      await checkLiveGolden(fixturesDir, golden, response, { [PREFIX]: GOLDEN_PREFIX });
    });
  });
});
