import type { ReactNode } from 'react';
import type { traces } from '@lookout/server/types';
import { renderRoute, TEST_NOW } from '../../lib/test-render.tsx';
import type { Trace, TraceSpan } from './queries.ts';

// Test-only: the board's pages at a URL with the app's providers, and API answers small enough
// to check by eye (plus one trace of 50,000 spans for the waterfall's windowing).

export const NOW = TEST_NOW;
export const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

/** Renders `element` at `url`, matched by `path` (`/traces/:traceId`, …). */
export function renderPage(path: string, url: string, element: ReactNode) {
  return renderRoute(path, url, element);
}

/** A span starting `offsetUs` after 10:00:00 on the test day. */
export function span(
  spanId: string,
  parentSpanId: string | null,
  offsetUs: number,
  durationUs: number,
  overrides: Partial<TraceSpan> = {},
): TraceSpan {
  const ms = Date.parse('2026-11-26T10:00:00.000Z') + Math.floor(offsetUs / 1000);
  const subMs = String(Math.round((offsetUs % 1000) * 1000)).padStart(6, '0');
  return {
    spanId,
    parentSpanId,
    service: 'checkout',
    name: 'GET /checkout',
    kind: 'server',
    start: new Date(ms).toISOString().replace('Z', `${subMs}Z`),
    durationUs,
    status: { code: 'unset', message: null },
    attributes: {},
    events: [],
    links: [],
    ...overrides,
  };
}

/**
 * gateway GET /checkout (root) → checkout POST /orders → postgres INSERT (error), and a cache
 * lookup beside it. The critical path runs root → orders → insert.
 */
export function smallTrace(overrides: Partial<Trace> = {}): Trace {
  const spans = [
    span('00000000000000a1', null, 0, 120_000, {
      service: 'gateway',
      name: 'GET /checkout',
      attributes: { 'http.request.method': 'GET', 'http.route': '/checkout' },
      resource: { 'service.name': 'gateway', 'host.name': 'gw-1' },
    }),
    span('00000000000000b2', '00000000000000a1', 1_000, 100_000, { name: 'POST /orders', kind: 'client' }),
    span('00000000000000c3', '00000000000000b2', 2_500.5, 90_000, {
      service: 'postgres',
      name: 'INSERT orders',
      kind: 'client',
      status: { code: 'error', message: 'deadlock detected' },
      events: [
        {
          time: '2026-11-26T10:00:00.050000000Z',
          name: 'exception',
          attributes: { 'exception.type': 'PGError' },
        },
      ],
      links: [{ traceId: 'abcdefabcdefabcdefabcdefabcdef12', spanId: '1111111111111111', attributes: {} }],
    }),
    span('00000000000000d4', '00000000000000a1', 500, 400, { service: 'redis', name: 'GET cart' }),
  ];
  return {
    traceId: TRACE_ID,
    spans,
    rootSpanId: '00000000000000a1',
    services: ['checkout', 'gateway', 'postgres', 'redis'],
    durationUs: 120_000,
    criticalPath: ['00000000000000a1', '00000000000000b2', '00000000000000c3'],
    warnings: [],
    ...overrides,
  };
}

/**
 * 50,000 spans: a root with 500 children of 99 leaves each (span ids `p<i>` and `p<i>-<j>`),
 * the shape of a fan-out batch job.
 */
export function largeTrace(parents = 500, leaves = 99): Trace {
  const spans: TraceSpan[] = [span('root', null, 0, 60_000_000, { name: 'batch' })];
  for (let i = 0; i < parents; i++) {
    spans.push(span(`p${i}`, 'root', i * 100_000, 90_000, { service: 'worker', name: `chunk ${i}` }));
    for (let j = 0; j < leaves; j++) {
      spans.push(
        span(`p${i}-${j}`, `p${i}`, i * 100_000 + j * 900, 800, { service: 'postgres', name: 'SELECT item' }),
      );
    }
  }
  return {
    traceId: TRACE_ID,
    spans,
    rootSpanId: 'root',
    services: ['checkout', 'postgres', 'worker'],
    durationUs: 60_000_000,
    criticalPath: ['root'],
    warnings: [],
  };
}

export function serviceMap(overrides: Partial<traces.ServiceMapResponse> = {}): traces.ServiceMapResponse {
  const node = (service: string, spans: number, errors: number): traces.ServiceNode => ({
    service,
    spans,
    errors,
    p50Us: 2_000,
    p95Us: 40_000,
    p99Us: 90_000,
    perMinute: spans / 1440,
  });
  return {
    from: '2026-11-25T10:43:00.000Z',
    to: '2026-11-26T10:43:00.000Z',
    services: [node('gateway', 10_000, 20), node('checkout', 4_000, 400), node('postgres', 8_000, 0)],
    edges: [
      { parent: 'gateway', child: 'checkout', calls: 4_000, errors: 400, p50Us: 12_000, p95Us: 80_000 },
      { parent: 'checkout', child: 'postgres', calls: 8_000, errors: 0, p50Us: 1_500, p95Us: 9_000 },
    ],
    ...overrides,
  };
}

export function searchResponse(
  overrides: Partial<traces.TraceSearchResponse> = {},
): traces.TraceSearchResponse {
  return {
    traces: [
      {
        traceId: TRACE_ID,
        start: '2026-11-26T10:00:00.000250Z',
        durationUs: 1_234_000,
        rootService: 'gateway',
        rootName: 'GET /checkout',
        spanCount: 42,
        errorCount: 3,
        services: ['gateway', 'checkout', 'postgres'],
      },
    ],
    nextCursor: null,
    ...overrides,
  };
}

export function serviceResponse(overrides: Partial<traces.ServiceResponse> = {}): traces.ServiceResponse {
  const bucket = (start: string, requests: number, errors: number, p95Us: number | null) => ({
    start,
    requests,
    errors,
    p50Us: p95Us === null ? null : p95Us / 4,
    p95Us,
    p99Us: p95Us === null ? null : p95Us * 2,
  });
  return {
    service: 'checkout',
    from: '2026-11-25T10:43:00.000Z',
    to: '2026-11-26T10:43:00.000Z',
    interval: '1h',
    red: [
      bucket('2026-11-26T08:00:00.000Z', 100, 1, 40_000),
      bucket('2026-11-26T09:00:00.000Z', 120, 30, 250_000),
      bucket('2026-11-26T10:00:00.000Z', 0, 0, null),
    ],
    operations: [
      {
        name: 'POST /orders',
        count: 180,
        errors: 27,
        errorPercent: 15,
        p50Us: 12_000,
        p95Us: 200_000,
        p99Us: 400_000,
      },
      { name: 'GET /cart', count: 40, errors: 0, errorPercent: 0, p50Us: 800, p95Us: 2_000, p99Us: 3_000 },
    ],
    latency: [
      { minDurationMs: 0, maxDurationMs: 10, count: 60 },
      { minDurationMs: 10, maxDurationMs: 100, count: 140 },
      { minDurationMs: 100, maxDurationMs: null, count: 20 },
    ],
    ...overrides,
  };
}
