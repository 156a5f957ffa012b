import type { TraceWarning } from './schema.ts';

/**
 * The structure of one trace, from its spans alone: root, parent links, warnings, critical path.
 * Pure and iterative (a 20,000-span chain must not overflow the stack), O(n log n).
 */

export interface TimedSpan {
  spanId: string;
  parentSpanId: string | null;
  startNs: bigint;
  endNs: bigint;
}

interface Node<S extends TimedSpan> {
  span: S;
  parent: Node<S> | null;
  /** Children by end time, latest first (end capped at this span's end). */
  children: Array<Node<S>>;
  cappedEndNs: bigint;
}

/** Warnings listed per kind before the rest is summed up in one more warning. */
export const MAX_WARNINGS_PER_KIND = 100;

/** `2026-12-03T10:00:00.123456789Z` → epoch nanoseconds (Date keeps only milliseconds). */
export function epochNs(iso: string): bigint {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/.exec(iso);
  if (!match) return BigInt(Date.parse(iso)) * 1_000_000n;
  const wholeSeconds = Date.parse(`${match[1]}${match[3]}`);
  return BigInt(wholeSeconds) * 1_000_000n + BigInt((match[2] ?? '').padEnd(9, '0'));
}

export function nsToUs(ns: bigint): number {
  return Number(ns) / 1_000;
}

const byEndDesc = <S extends TimedSpan>(a: Node<S>, b: Node<S>) =>
  a.cappedEndNs === b.cappedEndNs ? 0 : a.cappedEndNs > b.cappedEndNs ? -1 : 1;
const byStart = <S extends TimedSpan>(a: Node<S>, b: Node<S>) =>
  a.span.startNs === b.span.startNs ? 0 : a.span.startNs < b.span.startNs ? -1 : 1;

/**
 * The parent of each span. A Zipkin shared span is stored as two spans with one id, the server
 * half the child of the client half: a span naming its own id as parent is that server half, and
 * other spans naming the id are its children (they ran inside the server).
 */
function linkParents<S extends TimedSpan>(nodes: Array<Node<S>>): void {
  const byId = new Map<string, Array<Node<S>>>();
  for (const node of nodes) {
    const same = byId.get(node.span.spanId);
    if (same) same.push(node);
    else byId.set(node.span.spanId, [node]);
  }
  for (const node of nodes) {
    const { parentSpanId, spanId } = node.span;
    if (parentSpanId === null) continue;
    const candidates = byId.get(parentSpanId);
    if (!candidates) continue;
    node.parent =
      parentSpanId === spanId
        ? (candidates.find((other) => other !== node) ?? null)
        : (candidates.find((other) => other.span.parentSpanId === other.span.spanId) ?? candidates[0]!);
    node.parent?.children.push(node);
  }
}

export interface TraceTree<S extends TimedSpan> {
  rootSpanId: string;
  criticalPath: string[];
  warnings: TraceWarning[];
  startNs: bigint;
  endNs: bigint;
  /** The spans in start order. */
  ordered: S[];
}

function capped(warnings: TraceWarning[], kind: TraceWarning['kind'], noun: string): TraceWarning[] {
  if (warnings.length <= MAX_WARNINGS_PER_KIND) return warnings;
  const rest = warnings.length - MAX_WARNINGS_PER_KIND;
  return [
    ...warnings.slice(0, MAX_WARNINGS_PER_KIND),
    { kind, message: `${rest} more ${noun} not listed`, spanIds: [] },
  ];
}

function findWarnings<S extends TimedSpan>(ordered: Array<Node<S>>, roots: Array<Node<S>>): TraceWarning[] {
  const orphansByParent = new Map<string, string[]>();
  const skews: TraceWarning[] = [];
  for (const node of ordered) {
    const { parentSpanId, spanId, startNs } = node.span;
    if (parentSpanId !== null && node.parent === null) {
      const list = orphansByParent.get(parentSpanId) ?? [];
      list.push(spanId);
      orphansByParent.set(parentSpanId, list);
    }
    if (node.parent && startNs < node.parent.span.startNs) {
      const skewUs = nsToUs(node.parent.span.startNs - startNs);
      skews.push({
        kind: 'clock_skew',
        message: `span ${spanId} starts ${skewUs} µs before its parent ${node.parent.span.spanId} (clock skew)`,
        spanIds: [spanId],
        parentSpanId: node.parent.span.spanId,
        skewUs,
      });
    }
  }
  const orphans: TraceWarning[] = [...orphansByParent].map(([parentSpanId, spanIds]) => ({
    kind: 'orphan',
    message: `parent span ${parentSpanId} is not stored; ${spanIds.length} span(s) hang from it`,
    spanIds,
    parentSpanId,
  }));
  const severalRoots: TraceWarning[] =
    roots.length > 1
      ? [
          {
            kind: 'several_roots',
            message: `${roots.length} spans have no parent; the earliest is taken as the root`,
            spanIds: roots.map((root) => root.span.spanId),
          },
        ]
      : [];
  return [
    ...capped(orphans, 'orphan', 'missing parents'),
    ...severalRoots,
    ...capped(skews, 'clock_skew', 'skewed spans'),
  ];
}

/**
 * The critical path, by the usual definition (Jaeger's): from the root, the child that finished
 * last before the parent's end is on the path; the walk descends into it, and back in the parent
 * continues with the child that finished last before that child started, until none is left.
 * Children running past their parent's end count only up to it. Each span is listed once, in
 * the order the walk reaches it.
 */
function criticalPathFrom<S extends TimedSpan>(root: Node<S>): string[] {
  const path: string[] = [root.span.spanId];
  // Per node, the next child to consider: the bound only ever decreases, so a child skipped for
  // ending too late is never a candidate again.
  const nextChild = new Map<Node<S>, number>();
  let current = root;
  let boundNs = root.cappedEndNs;
  for (;;) {
    let index = nextChild.get(current) ?? 0;
    while (index < current.children.length && current.children[index]!.cappedEndNs > boundNs) index += 1;
    const child = current.children[index];
    nextChild.set(current, index + 1);
    if (child) {
      path.push(child.span.spanId);
      current = child;
      boundNs = child.cappedEndNs;
    } else {
      if (current === root || !current.parent) break;
      boundNs = current.span.startNs;
      current = current.parent;
    }
  }
  return path;
}

export function buildTraceTree<S extends TimedSpan>(spans: S[]): TraceTree<S> {
  const nodes: Array<Node<S>> = spans.map((span) => ({
    span,
    parent: null,
    children: [],
    cappedEndNs: span.endNs,
  }));
  linkParents(nodes);
  const ordered = [...nodes].sort(byStart);
  const roots = ordered.filter((node) => node.span.parentSpanId === null);
  const top = roots[0] ?? ordered.find((node) => node.parent === null) ?? ordered[0]!;
  // Cap ends top-down (parents before children), then order each span's children by end.
  const stack = [...ordered.filter((node) => node.parent === null)];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const child of node.children) {
      if (child.cappedEndNs > node.cappedEndNs) child.cappedEndNs = node.cappedEndNs;
      stack.push(child);
    }
    node.children.sort(byEndDesc);
  }
  let startNs = ordered[0]!.span.startNs;
  let endNs = ordered[0]!.span.endNs;
  for (const { span } of ordered) {
    if (span.startNs < startNs) startNs = span.startNs;
    if (span.endNs > endNs) endNs = span.endNs;
  }
  return {
    rootSpanId: top.span.spanId,
    criticalPath: criticalPathFrom(top),
    warnings: findWarnings(ordered, roots),
    startNs,
    endNs,
    ordered: ordered.map((node) => node.span),
  };
}
