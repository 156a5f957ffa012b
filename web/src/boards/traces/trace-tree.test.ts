import { describe, expect, it } from 'vitest';
import {
  ancestorsOf,
  buildTraceTree,
  collapsedBelow,
  isoToEpochUs,
  revealed,
  visibleRows,
  type TreeSpanInput,
} from './trace-tree.ts';

const span = (
  spanId: string,
  parentSpanId: string | null,
  startUs: number,
  durationUs = 10,
): TreeSpanInput => ({
  spanId,
  parentSpanId,
  start: `2026-11-26T10:00:00.${String(startUs).padStart(6, '0')}Z`,
  durationUs,
});

// root ─┬─ a (starts at 5) ── a1
//       └─ b (starts at 2)
const SPANS = [span('a1', 'a', 6), span('a', 'root', 5), span('root', null, 0, 100), span('b', 'root', 2)];

describe('isoToEpochUs', () => {
  it("keeps the sub-millisecond digits that Date.parse drops, to a double's precision", () => {
    const base = Date.parse('2026-11-26T10:00:00Z') * 1000;
    expect(isoToEpochUs('2026-11-26T10:00:00.123456789Z') - base).toBeCloseTo(123_456.789, 0);
    expect(isoToEpochUs('2026-11-26T10:00:00Z')).toBe(base);
  });
});

describe('buildTraceTree', () => {
  it('puts parents before children and siblings in start order', () => {
    const tree = buildTraceTree(SPANS);
    expect(tree.nodes.map((n) => [n.span.spanId, n.depth, n.descendants])).toEqual([
      ['root', 0, 3],
      ['b', 1, 0],
      ['a', 1, 1],
      ['a1', 2, 0],
    ]);
    expect(tree.durationUs).toBe(100);
    expect(tree.nodes[2]!.offsetUs).toBe(5);
  });

  it('shows orphans and a parent cycle at the top level instead of losing them', () => {
    const tree = buildTraceTree([
      span('root', null, 0),
      span('orphan', 'missing', 1),
      span('x', 'y', 2),
      span('y', 'x', 3),
    ]);
    expect(tree.nodes.filter((n) => n.depth === 0).map((n) => n.span.spanId)).toEqual([
      'root',
      'orphan',
      'x',
    ]);
    expect(tree.nodes).toHaveLength(4);
  });

  it('builds a 50,000-deep chain without overflowing the stack', () => {
    const chain = Array.from({ length: 50_000 }, (_, i) =>
      span(`s${i}`, i === 0 ? null : `s${i - 1}`, i % 999_999),
    );
    const tree = buildTraceTree(chain);
    expect(tree.nodes[0]!.descendants).toBe(49_999);
    expect(tree.nodes.at(-1)!.depth).toBe(49_999);
  });
});

describe('collapsing', () => {
  const tree = buildTraceTree(SPANS);
  const ids = (rows: number[]) => rows.map((i) => tree.nodes[i]!.span.spanId);

  it('hides the subtree of a collapsed span, not the span itself', () => {
    expect(ids(visibleRows(tree, new Set()))).toEqual(['root', 'b', 'a', 'a1']);
    expect(ids(visibleRows(tree, new Set(['a'])))).toEqual(['root', 'b', 'a']);
    expect(ids(visibleRows(tree, new Set(['root'])))).toEqual(['root']);
  });

  it('reveals a span by expanding its collapsed ancestors only', () => {
    const a1 = tree.indexOf.get('a1')!;
    expect(ancestorsOf(tree, a1)).toEqual(['a', 'root']);
    expect([...revealed(tree, new Set(['root', 'a', 'b']), a1)]).toEqual(['b']);
    const untouched = new Set(['b']);
    expect(revealed(tree, untouched, a1)).toBe(untouched);
  });

  it('collapses every parent at or below a depth', () => {
    expect([...collapsedBelow(tree, 1)]).toEqual(['a']);
  });
});
