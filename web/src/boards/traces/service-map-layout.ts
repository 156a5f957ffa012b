// Where the service map draws each service: a layered layout, callers left and callees right, the
// same picture for the same data (no force simulation, no randomness), small enough to need no
// graph library in the board's first load.

export interface MapNodeInput {
  service: string;
  spans: number;
  errors: number;
}

export interface MapEdgeInput {
  parent: string;
  child: string;
}

export interface PlacedNode<N extends MapNodeInput> {
  node: N;
  layer: number;
  x: number;
  y: number;
  radius: number;
  errorRate: number;
}

export interface MapLayout<N extends MapNodeInput> {
  nodes: PlacedNode<N>[];
  width: number;
  height: number;
}

export const LAYER_GAP = 220;
export const ROW_GAP = 84;
const MARGIN = 60;
const MIN_RADIUS = 10;
const MAX_RADIUS = 30;

/**
 * The layer of each service: the longest chain of calls that reaches it from a service nobody
 * calls. Calls that close a cycle (a → b → a) are ignored for layering, found by a depth-first
 * walk in name order so the choice is always the same.
 */
export function layersOf(services: readonly string[], edges: readonly MapEdgeInput[]): Map<string, number> {
  const names = [...new Set(services)].sort();
  const callees = new Map<string, string[]>(names.map((name) => [name, []]));
  for (const { parent, child } of edges) {
    if (parent === child || !callees.has(parent) || !callees.has(child)) continue;
    callees.get(parent)!.push(child);
  }
  for (const list of callees.values()) list.sort();

  // Iterative DFS marking back edges; what remains is acyclic.
  const state = new Map<string, 'open' | 'done'>();
  const forward: MapEdgeInput[] = [];
  const called = new Set(edges.map((e) => e.child));
  const roots = [...names.filter((n) => !called.has(n)), ...names];
  for (const root of roots) {
    if (state.has(root)) continue;
    const stack: [string, number][] = [[root, 0]];
    state.set(root, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [name, next] = top;
      const list = callees.get(name)!;
      if (next >= list.length) {
        state.set(name, 'done');
        stack.pop();
        continue;
      }
      top[1] = next + 1;
      const child = list[next]!;
      const seen = state.get(child);
      if (seen === 'open') continue;
      forward.push({ parent: name, child });
      if (seen === undefined) {
        state.set(child, 'open');
        stack.push([child, 0]);
      }
    }
  }

  // Longest path over the acyclic edges (Kahn's order).
  const layer = new Map<string, number>(names.map((name) => [name, 0]));
  const incoming = new Map<string, number>(names.map((name) => [name, 0]));
  const out = new Map<string, string[]>(names.map((name) => [name, []]));
  for (const { parent, child } of forward) {
    incoming.set(child, incoming.get(child)! + 1);
    out.get(parent)!.push(child);
  }
  const queue = names.filter((name) => incoming.get(name) === 0);
  for (let i = 0; i < queue.length; i++) {
    const name = queue[i]!;
    for (const child of out.get(name)!) {
      layer.set(child, Math.max(layer.get(child)!, layer.get(name)! + 1));
      incoming.set(child, incoming.get(child)! - 1);
      if (incoming.get(child) === 0) queue.push(child);
    }
  }
  return layer;
}

/**
 * Positions: one column per layer; in a column, services are ordered by the mean row of their
 * callers (fewer crossings), then by name. Node area follows traffic.
 */
export function layoutServiceMap<N extends MapNodeInput>(
  services: readonly N[],
  edges: readonly MapEdgeInput[],
): MapLayout<N> {
  const layers = layersOf(
    services.map((s) => s.service),
    edges,
  );
  const columns: N[][] = [];
  for (const node of [...services].sort((a, b) => (a.service < b.service ? -1 : 1))) {
    const layer = layers.get(node.service) ?? 0;
    (columns[layer] ??= []).push(node);
  }

  const row = new Map<string, number>();
  const callers = new Map<string, string[]>();
  for (const { parent, child } of edges)
    (callers.get(child) ?? callers.set(child, []).get(child)!).push(parent);
  columns.forEach((column, layer) => {
    if (layer > 0) {
      const weight = (node: N) => {
        const rows = (callers.get(node.service) ?? []).map((c) => row.get(c)).filter((r) => r !== undefined);
        return rows.length === 0 ? Number.POSITIVE_INFINITY : rows.reduce((a, b) => a + b, 0) / rows.length;
      };
      const weights = new Map(column.map((node) => [node.service, weight(node)]));
      column.sort(
        (a, b) => weights.get(a.service)! - weights.get(b.service)! || (a.service < b.service ? -1 : 1),
      );
    }
    column.forEach((node, i) => row.set(node.service, i));
  });

  const tallest = Math.max(1, ...columns.map((column) => column?.length ?? 0));
  const height = MARGIN * 2 + (tallest - 1) * ROW_GAP;
  const busiest = Math.max(1, ...services.map((s) => s.spans));
  const nodes: PlacedNode<N>[] = [];
  columns.forEach((column = [], layer) => {
    const top = (height - (column.length - 1) * ROW_GAP) / 2;
    column.forEach((node, i) => {
      nodes.push({
        node,
        layer,
        x: MARGIN + layer * LAYER_GAP,
        y: top + i * ROW_GAP,
        radius: MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * Math.sqrt(node.spans / busiest),
        errorRate: node.spans > 0 ? node.errors / node.spans : 0,
      });
    });
  });
  const width = MARGIN * 2 + Math.max(0, columns.length - 1) * LAYER_GAP + 120;
  return { nodes, width, height };
}

/** Error rate → a colour class: what a person on call scans the map for. */
export function errorClass(rate: number): 'ok' | 'warn' | 'bad' {
  if (rate >= 0.05) return 'bad';
  if (rate >= 0.01) return 'warn';
  return 'ok';
}
