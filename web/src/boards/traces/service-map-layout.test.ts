import { describe, expect, it } from 'vitest';
import { errorClass, LAYER_GAP, layersOf, layoutServiceMap } from './service-map-layout.ts';

const node = (service: string, spans = 100, errors = 0) => ({ service, spans, errors });
const edge = (parent: string, child: string) => ({ parent, child });

describe('layersOf', () => {
  it('puts callers left of callees, at the longest chain of calls', () => {
    const layers = layersOf(
      ['gateway', 'orders', 'payments', 'postgres'],
      [
        edge('gateway', 'orders'),
        edge('orders', 'payments'),
        edge('payments', 'postgres'),
        edge('orders', 'postgres'),
      ],
    );
    expect(Object.fromEntries(layers)).toEqual({ gateway: 0, orders: 1, payments: 2, postgres: 3 });
  });

  it('ignores the call that closes a cycle, whatever order the edges come in', () => {
    const edges = [edge('a', 'b'), edge('b', 'a'), edge('gateway', 'a')];
    const expected = { gateway: 0, a: 1, b: 2 };
    expect(Object.fromEntries(layersOf(['gateway', 'a', 'b'], edges))).toEqual(expected);
    expect(Object.fromEntries(layersOf(['b', 'a', 'gateway'], [...edges].reverse()))).toEqual(expected);
  });
});

describe('layoutServiceMap', () => {
  it('draws the same picture for the same data, one column per layer, area by traffic', () => {
    const services = [node('orders', 400, 40), node('gateway', 1600), node('postgres', 100)];
    const edges = [edge('gateway', 'orders'), edge('orders', 'postgres')];
    const layout = layoutServiceMap(services, edges);
    expect(layoutServiceMap([...services].reverse(), [...edges].reverse())).toEqual(layout);
    const at = Object.fromEntries(layout.nodes.map((n) => [n.node.service, n]));
    expect(at.orders!.x - at.gateway!.x).toBe(LAYER_GAP);
    expect(at.postgres!.x - at.orders!.x).toBe(LAYER_GAP);
    expect(at.gateway!.radius).toBe(30);
    expect(at.orders!.radius).toBe(20); // 10 + 20 × √(400 / 1600)
    expect(at.orders!.errorRate).toBe(0.1);
  });

  it('orders a column by the rows of its callers, so calls cross less', () => {
    const layout = layoutServiceMap(
      [node('a'), node('b'), node('z-called-by-a'), node('y-called-by-b')],
      [edge('a', 'z-called-by-a'), edge('b', 'y-called-by-b')],
    );
    const second = layout.nodes.filter((n) => n.layer === 1).sort((p, q) => p.y - q.y);
    expect(second.map((n) => n.node.service)).toEqual(['z-called-by-a', 'y-called-by-b']);
  });
});

describe('errorClass', () => {
  it('is ok under 1%, warn under 5%, bad from 5%', () => {
    expect([0, 0.0099, 0.01, 0.049, 0.05].map(errorClass)).toEqual(['ok', 'ok', 'warn', 'warn', 'bad']);
  });
});
