import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode } from '@shared/domains/dependency-graph';
import { layoutGraph, layoutInputOf, layoutKey, NODE_HEIGHT, NODE_WIDTH, type PositionedNode } from './layout';

function node(id: string, level: GraphNode['level'] = 'team', parentId: string | null = null): GraphNode {
  return { id, name: `Domain ${id}`, level, parentId };
}

function edge(source: string, target: string, kind: GraphEdge['kind'], n = 0): GraphEdge {
  return {
    id: `${kind}:${source}:${target}:${n}`,
    source,
    target,
    kind,
    label: `${kind} ${n}`,
    step: kind === 'escalation' ? n + 1 : null,
    broken: false,
  };
}

function overlaps(a: PositionedNode, b: PositionedNode): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function expectNoOverlap(positions: readonly PositionedNode[]): void {
  for (const [i, a] of positions.entries()) {
    for (const b of positions.slice(i + 1)) {
      expect(overlaps(a, b), `${a.id} overlaps ${b.id}`).toBe(false);
    }
  }
}

const sample = {
  nodes: [
    node('eng', 'domain'),
    node('platform', 'team', 'eng'),
    node('product', 'team', 'eng'),
    node('ana', 'individual', 'product'),
  ],
  edges: [
    edge('eng', 'platform', 'parent'),
    edge('eng', 'product', 'parent'),
    edge('product', 'ana', 'parent'),
    edge('product', 'platform', 'agreement'),
    edge('product', 'eng', 'escalation'),
  ],
};

describe('layoutGraph', () => {
  it('lays out nothing for an empty graph', () => {
    expect(layoutGraph({ nodes: [], edges: [] })).toEqual([]);
  });

  it('positions every node once, with the map box size, in reading order', () => {
    const positions = layoutGraph(sample);
    expect(positions.map((p) => p.id).sort()).toEqual(['ana', 'eng', 'platform', 'product']);
    for (const p of positions) {
      expect(p).toMatchObject({ width: NODE_WIDTH, height: NODE_HEIGHT });
      expect(Number.isInteger(p.x) && Number.isInteger(p.y)).toBe(true);
    }
    const order = positions.map((p) => [p.y, p.x] as const);
    expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    expectNoOverlap(positions);
  });

  it('puts sub-domains on a layer below their parent', () => {
    const byId = new Map(layoutGraph(sample).map((p) => [p.id, p]));
    const y = (id: string) => byId.get(id)?.y ?? Number.NaN;
    expect(y('platform')).toBeGreaterThan(y('eng'));
    expect(y('product')).toBeGreaterThan(y('eng'));
    expect(y('ana')).toBeGreaterThan(y('product'));
  });

  it('layers the levels: domains above teams above individuals, whichever way an agreement points', () => {
    const byId = new Map(
      layoutGraph({
        nodes: [node('ops', 'domain'), node('support', 'team'), node('product', 'team'), node('ana', 'individual')],
        edges: [
          edge('ana', 'support', 'agreement'),
          edge('support', 'ops', 'escalation'),
          edge('support', 'product', 'agreement'),
          edge('product', 'support', 'agreement'),
        ],
      }).map((p) => [p.id, p]),
    );
    const y = (id: string) => byId.get(id)?.y ?? Number.NaN;
    expect(y('support')).toBeGreaterThan(y('ops'));
    expect(y('ana')).toBeGreaterThan(y('support'));
    expect(y('product')).toBe(y('support'));
  });

  it("keeps a team without a parent off the domains' layer, and its people below it", () => {
    const byId = new Map(
      layoutGraph({
        nodes: [node('eng', 'domain'), node('loose', 'team'), node('bo', 'individual', 'loose')],
        edges: [edge('loose', 'bo', 'parent')],
      }).map((p) => [p.id, p]),
    );
    const y = (id: string) => byId.get(id)?.y ?? Number.NaN;
    expect(y('loose')).toBeGreaterThan(y('eng'));
    expect(y('bo')).toBeGreaterThan(y('loose'));
  });

  it('is deterministic', () => {
    const first = layoutGraph(sample);
    expect(layoutGraph(structuredClone(sample))).toEqual(first);
    expect(layoutGraph(sample)).toEqual(first);
  });

  it('copes with parallel edges, self-links and edges to unknown nodes', () => {
    const positions = layoutGraph({
      nodes: [node('a'), node('b')],
      edges: [
        edge('a', 'b', 'agreement', 1),
        edge('a', 'b', 'agreement', 2),
        edge('a', 'b', 'escalation'),
        edge('b', 'a', 'agreement'),
        edge('a', 'a', 'agreement'),
        edge('a', 'gone', 'agreement'),
      ],
    });
    expect(positions.map((p) => p.id).sort()).toEqual(['a', 'b']);
    expectNoOverlap(positions);
  });

  it('never overlaps two domains and returns the same layout twice, whatever the graph', () => {
    const kinds = ['agreement', 'escalation', 'parent'] as const;
    const levels = ['domain', 'team', 'individual'] as const;
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...levels), { minLength: 1, maxLength: 24 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...kinds)), { maxLength: 40 }),
        (nodeLevels, links) => {
          const count = nodeLevels.length;
          const nodes = nodeLevels.map((level, i) => node(`d${String(i).padStart(2, '0')}`, level));
          const edges = links.map(([s, t, kind], i) =>
            edge(nodes[s % count]?.id ?? 'd00', nodes[t % count]?.id ?? 'd00', kind, i),
          );
          const positions = layoutGraph({ nodes, edges });
          expect(positions).toHaveLength(count);
          expect(new Set(positions.map((p) => p.id)).size).toBe(count);
          for (const p of positions) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
          expectNoOverlap(positions);
          expect(layoutGraph({ nodes, edges })).toEqual(positions);
        },
      ),
      { numRuns: 150, seed: 20261123 },
    );
  });
});

describe('layoutKey', () => {
  it('ignores names and labels but not which domains are linked how, or their levels', () => {
    const key = layoutKey(sample);
    const renamed = {
      nodes: sample.nodes.map((n) => ({ ...n, name: `${n.name} (renamed)` })),
      edges: sample.edges.map((e) => ({ ...e, label: 'Reworded' })),
    };
    expect(layoutKey(renamed)).toBe(key);
    expect(layoutKey({ ...sample, edges: [...sample.edges, edge('platform', 'ana', 'agreement')] })).not.toBe(key);
    expect(layoutKey({ ...sample, nodes: [...sample.nodes, node('new')] })).not.toBe(key);
    expect(
      layoutKey({ ...sample, nodes: sample.nodes.map((n) => (n.id === 'ana' ? { ...n, level: 'team' as const } : n)) }),
    ).not.toBe(key);
  });

  it('keeps everything the layout reads', () => {
    expect(layoutGraph(layoutInputOf(layoutKey(sample)))).toEqual(layoutGraph(sample));
  });
});
