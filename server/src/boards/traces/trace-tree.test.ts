import { describe, expect, it } from 'vitest';
import { buildTraceTree, epochNs, MAX_WARNINGS_PER_KIND, type TimedSpan } from './trace-tree.ts';

/** A span at `start`…`end` milliseconds after an arbitrary origin. */
function span(spanId: string, parentSpanId: string | null, start: number, end: number): TimedSpan {
  return { spanId, parentSpanId, startNs: BigInt(start) * 1_000_000n, endNs: BigInt(end) * 1_000_000n };
}

describe('the trace tree', () => {
  it('reads ISO times to the nanosecond, which Date cannot', () => {
    expect(epochNs('2026-12-03T10:00:00.123456789Z') - epochNs('2026-12-03T10:00:00.123456Z')).toBe(789n);
    expect(epochNs('2026-12-03T10:00:00Z')).toBe(BigInt(Date.parse('2026-12-03T10:00:00Z')) * 1_000_000n);
  });

  it('follows the child that finished last, then the one that finished before it started', () => {
    // root 0–100: a 0–30 and b 10–60 overlap (b ends last), c 65–90 runs after them; b calls d 20–55.
    const tree = buildTraceTree([
      span('root', null, 0, 100),
      span('a', 'root', 0, 30),
      span('b', 'root', 10, 60),
      span('c', 'root', 65, 90),
      span('d', 'b', 20, 55),
    ]);
    // c ends last; before c started (65), b ended last; within b, d; before b started (10), nothing
    // ended (a ends at 30 > 10), so a is not on the path.
    expect(tree.criticalPath).toEqual(['root', 'c', 'b', 'd']);
    expect(tree.rootSpanId).toBe('root');
    expect(tree.warnings).toEqual([]);
  });

  it('counts a child running past its parent only up to the parent’s end', () => {
    const tree = buildTraceTree([
      span('root', null, 0, 100),
      span('late', 'root', 50, 200),
      span('early', 'root', 0, 40),
    ]);
    // `late` counts as ending at 100, so it is last; `early` ended before `late` started.
    expect(tree.criticalPath).toEqual(['root', 'late', 'early']);
    expect(tree.endNs).toBe(200_000_000n);
  });

  it('walks a 20,000-span chain without overflowing the stack', () => {
    const spans = [span('s0', null, 0, 40_000)];
    for (let i = 1; i < 20_000; i += 1) spans.push(span(`s${i}`, `s${i - 1}`, i, 40_000 - i));
    const tree = buildTraceTree(spans);
    expect(tree.criticalPath).toHaveLength(20_000);
    expect(tree.criticalPath.at(-1)).toBe('s19999');
  });

  it('names missing parents, several roots and a child starting before its parent', () => {
    const tree = buildTraceTree([
      span('r1', null, 10, 100),
      span('r2', null, 20, 30),
      span('o1', 'gone', 40, 50),
      span('o2', 'gone', 45, 50),
      span('early', 'r1', 5, 50),
    ]);
    expect(tree.rootSpanId).toBe('r1');
    expect(tree.warnings).toEqual([
      expect.objectContaining({ kind: 'orphan', parentSpanId: 'gone', spanIds: ['o1', 'o2'] }),
      expect.objectContaining({ kind: 'several_roots', spanIds: ['r1', 'r2'] }),
      expect.objectContaining({ kind: 'clock_skew', spanIds: ['early'], parentSpanId: 'r1', skewUs: 5_000 }),
    ]);
  });

  it('takes the earliest parentless span as the root when the root was never stored', () => {
    const tree = buildTraceTree([span('b', 'missing', 20, 30), span('a', 'missing', 10, 30)]);
    expect(tree.rootSpanId).toBe('a');
    expect(tree.ordered.map((s) => s.spanId)).toEqual(['a', 'b']);
  });

  it('lists at most a hundred skewed spans and counts the rest', () => {
    const spans = [span('root', null, 1_000, 2_000)];
    for (let i = 0; i < 150; i += 1) spans.push(span(`c${i}`, 'root', i, 1_500));
    const skews = buildTraceTree(spans).warnings.filter((w) => w.kind === 'clock_skew');
    expect(skews).toHaveLength(MAX_WARNINGS_PER_KIND + 1);
    expect(skews.at(-1)!.message).toBe('50 more skewed spans not listed');
  });

  it('keeps a Zipkin shared span as client then server, with downstream spans under the server', () => {
    const tree = buildTraceTree([
      span('root', null, 0, 100),
      span('shared', 'root', 10, 90), // client half
      span('shared', 'shared', 12, 88), // server half
      span('db', 'shared', 20, 80),
    ]);
    expect(tree.criticalPath).toEqual(['root', 'shared', 'shared', 'db']);
    expect(tree.warnings).toEqual([]);
  });
});
