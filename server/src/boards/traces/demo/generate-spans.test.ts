import { describe, expect, it } from 'vitest';
import type { SeedOptions } from '../../../core/board.ts';
import { databaseSlowdown, failedDeployWindow, generateDemoTraces } from './generate-spans.ts';
import type { SpanSpec } from './span-document.ts';

const options: SeedOptions = { days: 3, scale: 0.25, seed: 7, now: new Date('2026-12-03T12:00:00Z') };
const traces = [...generateDemoTraces(options)];
const spans = traces.flat();
const atMs = (span: SpanSpec) => Number(span.startNs / 1_000_000n);

describe('the traces demo', () => {
  it('writes the same spans for the same seed', () => {
    const again = [...generateDemoTraces(options)].flat();
    expect(again.length).toBe(spans.length);
    expect(
      JSON.stringify(again, (_, value: unknown) => (typeof value === 'bigint' ? String(value) : value)),
    ).toBe(JSON.stringify(spans, (_, value: unknown) => (typeof value === 'bigint' ? String(value) : value)));
  });

  it('links every span to a parent in its trace, with the parent’s service', () => {
    const problems: string[] = [];
    for (const trace of traces) {
      const byId = new Map(trace.map((span) => [span.spanId, span]));
      if (byId.size !== trace.length) problems.push(`${trace[0]!.traceId}: repeated span ids`);
      if (trace.filter((span) => !span.parentSpanId).length !== 1)
        problems.push(`${trace[0]!.traceId}: roots`);
      for (const span of trace) {
        if (span.parentSpanId && byId.get(span.parentSpanId)?.service !== span.parentService) {
          problems.push(`${span.spanId}: parent service`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('has large traces scaled from 20,000, 30,000 and 50,000 spans', () => {
    const sizes = traces
      .map((trace) => trace.length)
      .filter((n) => n > 1_000)
      .sort((a, b) => a - b);
    expect(sizes).toEqual([5_001, 7_501, 12_501]);
  });

  it('fails payments charges only after the failed deploy, and slows bookings-db before the container failure', () => {
    const deploy = failedDeployWindow(options);
    const chargeErrors = spans.filter((s) => s.service === 'payments' && s.kind === 'server' && s.error);
    expect(chargeErrors.length).toBeGreaterThan(0);
    for (const span of chargeErrors) expect(atMs(span)).toBeGreaterThanOrEqual(deploy.fromMs);
    for (const span of chargeErrors) expect(atMs(span)).toBeLessThan(deploy.toMs);
    const slowdown = databaseSlowdown(options);
    const slowQueries = spans.filter((s) => s.service === 'bookings-db' && s.durationNs > 500_000_000);
    expect(slowQueries.length).toBeGreaterThan(0);
    for (const span of slowQueries) expect(atMs(span)).toBeGreaterThanOrEqual(slowdown.fromMs - 1_000);
  });
});
