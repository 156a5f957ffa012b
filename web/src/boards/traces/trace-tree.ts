// The waterfall's model of one trace: spans as a tree (parents before children, siblings by
// start), flattened into the rows a person sees once collapsed subtrees are left out. Everything
// here is pure and linear in the number of spans, with no recursion, so a 50,000-span trace (or a
// 50,000-deep chain) builds in a few milliseconds and never overflows the stack.

/** The fields of a span the tree needs; the API's span type has them all. */
export interface TreeSpanInput {
  spanId: string;
  parentSpanId?: string | null;
  /** ISO 8601 with up to 9 fraction digits. */
  start: string;
  durationUs: number;
}

export interface TraceTree<S extends TreeSpanInput> {
  /** Spans in display order (depth first, siblings by start), each with its place in the tree. */
  nodes: TreeNode<S>[];
  /** Index in `nodes` by spanId. */
  indexOf: ReadonlyMap<string, number>;
  /** Microseconds since the epoch of the earliest span start: the waterfall's zero. */
  startUs: number;
  /** From the earliest start to the latest end, in microseconds. */
  durationUs: number;
}

export interface TreeNode<S extends TreeSpanInput> {
  span: S;
  depth: number;
  /** Index of the parent in `nodes`; -1 for a root or an orphan (parent not in the trace). */
  parent: number;
  /** Number of descendants: the subtree is `nodes[i + 1 … i + descendants]`. */
  descendants: number;
  /** Start relative to the trace's start, in microseconds. */
  offsetUs: number;
}

/**
 * Microseconds since the epoch of an ISO time, keeping the sub-millisecond digits that
 * `Date.parse` drops (OTLP sends nanoseconds); a double holds them to about a quarter microsecond.
 */
export function isoToEpochUs(iso: string): number {
  const fraction = /\.(\d+)/.exec(iso)?.[1] ?? '';
  const ms = Date.parse(iso.replace(/\.\d+/, ''));
  if (Number.isNaN(ms)) return Number.NaN;
  const fractionUs = fraction ? Number(`0.${fraction}`) * 1_000_000 : 0;
  return ms * 1000 + fractionUs;
}

/**
 * Spans → tree. A span whose parent is not in the trace (an orphan) and every root are shown at
 * the top level, by start; the warnings say why. A parent cycle (corrupt ids) cannot loop: the
 * spans in it are shown at the top level too.
 */
export function buildTraceTree<S extends TreeSpanInput>(spans: readonly S[]): TraceTree<S> {
  const starts = spans.map((span) => isoToEpochUs(span.start));
  const byId = new Map<string, number>();
  spans.forEach((span, i) => byId.set(span.spanId, i));

  const children: number[][] = spans.map(() => []);
  const tops: number[] = [];
  spans.forEach((span, i) => {
    const parent = span.parentSpanId ? byId.get(span.parentSpanId) : undefined;
    if (parent === undefined || parent === i) tops.push(i);
    else children[parent]!.push(i);
  });
  const byStart = (a: number, b: number) =>
    starts[a]! - starts[b]! || (spans[a]!.spanId < spans[b]!.spanId ? -1 : 1);
  tops.sort(byStart);
  for (const list of children) if (list.length > 1) list.sort(byStart);

  let startUs = Number.POSITIVE_INFINITY;
  let endUs = Number.NEGATIVE_INFINITY;
  spans.forEach((span, i) => {
    startUs = Math.min(startUs, starts[i]!);
    endUs = Math.max(endUs, starts[i]! + span.durationUs);
  });
  if (spans.length === 0) startUs = endUs = 0;

  const nodes: TreeNode<S>[] = [];
  const indexOf = new Map<string, number>();
  const visited = new Uint8Array(spans.length);
  // Iterative depth-first walk; each stack entry is (span index, parent's node index, depth).
  const walk = (top: number) => {
    const stack: [number, number, number][] = [[top, -1, 0]];
    while (stack.length > 0) {
      const [i, parent, depth] = stack.pop()!;
      if (visited[i]) continue;
      visited[i] = 1;
      const index = nodes.length;
      nodes.push({ span: spans[i]!, depth, parent, descendants: 0, offsetUs: starts[i]! - startUs });
      indexOf.set(spans[i]!.spanId, index);
      const kids = children[i]!;
      for (let k = kids.length - 1; k >= 0; k--) stack.push([kids[k]!, index, depth + 1]);
    }
  };
  for (const top of tops) walk(top);
  // Spans only reachable through a cycle were never visited: show them at the top level.
  spans.forEach((_, i) => {
    if (!visited[i]) walk(i);
  });

  // Depth-first order puts a subtree right after its root: count descendants bottom-up.
  for (let i = nodes.length - 1; i >= 0; i--) {
    const parent = nodes[i]!.parent;
    if (parent >= 0) nodes[parent]!.descendants += nodes[i]!.descendants + 1;
  }
  return { nodes, indexOf, startUs, durationUs: Math.max(0, endUs - startUs) };
}

/**
 * The rows shown: indices into `tree.nodes`, skipping the subtrees of collapsed spans (the
 * collapsed span itself stays visible).
 */
export function visibleRows(tree: TraceTree<TreeSpanInput>, collapsed: ReadonlySet<string>): number[] {
  const rows: number[] = [];
  const { nodes } = tree;
  for (let i = 0; i < nodes.length; i++) {
    rows.push(i);
    if (collapsed.has(nodes[i]!.span.spanId)) i += nodes[i]!.descendants;
  }
  return rows;
}

/** The spanIds of a node's ancestors, nearest first: what must be expanded to show it. */
export function ancestorsOf(tree: TraceTree<TreeSpanInput>, index: number): string[] {
  const ids: string[] = [];
  for (let p = tree.nodes[index]?.parent ?? -1; p >= 0; p = tree.nodes[p]!.parent) {
    ids.push(tree.nodes[p]!.span.spanId);
  }
  return ids;
}

/** `collapsed` without the ancestors of `index`, so that span is shown; the same set when nothing changes. */
export function revealed(
  tree: TraceTree<TreeSpanInput>,
  collapsed: ReadonlySet<string>,
  index: number,
): ReadonlySet<string> {
  const hidden = ancestorsOf(tree, index).filter((id) => collapsed.has(id));
  if (hidden.length === 0) return collapsed;
  const next = new Set(collapsed);
  for (const id of hidden) next.delete(id);
  return next;
}

/** Every span with children collapsed below `depth`: the start of a very large trace. */
export function collapsedBelow(tree: TraceTree<TreeSpanInput>, depth: number): Set<string> {
  const ids = new Set<string>();
  for (const node of tree.nodes) if (node.depth >= depth && node.descendants > 0) ids.add(node.span.spanId);
  return ids;
}
