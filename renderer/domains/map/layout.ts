/**
 * Where each domain sits on the dependency map: a layered layout (dagre) computed from the
 * graph every time it changes, never stored. The layers follow the levels of autonomy:
 * broad domains above teams, teams above individuals, and a sub-domain below its parent.
 * Agreements and escalations between two levels pull the partners close; those between
 * two domains of one level keep them on the same layer.
 *
 * The layout is a pure function of the graph. Given the same graph (the engine sorts its
 * nodes and edges) it returns the same positions on every laptop, and nodes never overlap.
 */
import { Graph, layout } from '@dagrejs/dagre';
import type { GraphEdge, GraphNode } from '@shared/domains/dependency-graph';
import type { DomainLevel } from '@shared/domains/hierarchy';

/** The size of a domain's box on the map, in flow units. */
export const NODE_WIDTH = 208;
export const NODE_HEIGHT = 64;

/** A domain's box: top-left corner and size. */
export interface PositionedNode {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the layout reads of the graph: the nodes' levels and which kinds of edge join them. */
export interface LayoutInput {
  nodes: readonly Pick<GraphNode, 'id' | 'level'>[];
  edges: readonly Pick<GraphEdge, 'source' | 'target' | 'kind'>[];
}

// Broad to narrow: a link between two levels runs down from the broader one.
const breadth: Record<DomainLevel, number> = { domain: 2, team: 1, individual: 0 };

// Parent links weigh most, so the nesting reads top to bottom; escalations least.
const edgeWeight: Record<GraphEdge['kind'], number> = { parent: 4, agreement: 2, escalation: 1 };

/** Space between boxes on one layer and between layers. */
const NODE_GAP = 80;
const LAYER_GAP = 112;
const MARGIN = 24;

interface LayoutEdge {
  from: string;
  to: string;
  weight: number;
}

/**
 * The edges dagre orders the layers with, all pointing down: a parent above its sub-domain;
 * between two levels, the broader one above. A link between two domains of one level would
 * need a flat edge, which dagre cannot lay out, so it is left to the drawing. Parallel edges
 * are merged (their weights added); self-links and links to unknown nodes move nothing.
 */
function layoutEdges(graph: LayoutInput): LayoutEdge[] {
  const levels = new Map(graph.nodes.map((node) => [node.id, node.level]));
  const merged = new Map<string, LayoutEdge>();
  for (const edge of graph.edges) {
    const sourceLevel = levels.get(edge.source);
    const targetLevel = levels.get(edge.target);
    if (edge.source === edge.target || sourceLevel === undefined || targetLevel === undefined) continue;
    let from = edge.source;
    let to = edge.target;
    if (edge.kind !== 'parent') {
      if (breadth[sourceLevel] === breadth[targetLevel]) continue;
      if (breadth[sourceLevel] < breadth[targetLevel]) [from, to] = [edge.target, edge.source];
    }
    const key = `${from}\u0000${to}`;
    const existing = merged.get(key);
    if (existing === undefined) merged.set(key, { from, to, weight: edgeWeight[edge.kind] });
    else existing.weight += edgeWeight[edge.kind];
  }
  return [...merged.values()];
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Positions every node of the graph, in reading order (top to bottom, then left to right),
 * which is also the order keyboard focus moves through them on the map.
 *
 * dagre ranks the nodes and orders each layer to reduce crossings. Then each node's layer is
 * raised to its level's floor (teams never on the domains' layer, individuals never above
 * the teams'), pushing what hangs below it down with it, and each layer is swept left to
 * right so that no two boxes overlap.
 */
export function layoutGraph(graph: LayoutInput): PositionedNode[] {
  if (graph.nodes.length === 0) return [];
  const edges = layoutEdges(graph);
  const g = new Graph<object, { width: number; height: number; x?: number; y?: number }, object>();
  g.setGraph({ rankdir: 'TB', nodesep: NODE_GAP, ranksep: LAYER_GAP, edgesep: 24, marginx: MARGIN, marginy: MARGIN });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) g.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const { from, to, weight } of edges) g.setEdge(from, to, { minlen: 1, weight });
  layout(g);

  const placed = graph.nodes.map((node) => {
    const { x = 0, y = 0 } = g.node(node.id);
    return { id: node.id, level: node.level, x, y };
  });

  // dagre's layers, numbered from the top; every layout edge runs to a later layer.
  const ys = [...new Set(placed.map((node) => node.y))].sort((a, b) => a - b);
  const dagreLayer = new Map(placed.map((node) => [node.id, ys.indexOf(node.y)]));
  const present = new Set(graph.nodes.map((node) => node.level));
  const floor: Record<DomainLevel, number> = {
    domain: 0,
    team: present.has('domain') ? 1 : 0,
    individual: (present.has('domain') ? 1 : 0) + (present.has('team') ? 1 : 0),
  };
  const incoming = new Map<string, string[]>();
  for (const { from, to } of edges) incoming.set(to, [...(incoming.get(to) ?? []), from]);
  const layer = new Map<string, number>();
  const byDagreLayer = [...placed].sort(
    (a, b) => (dagreLayer.get(a.id) ?? 0) - (dagreLayer.get(b.id) ?? 0) || compareIds(a.id, b.id),
  );
  for (const node of byDagreLayer) {
    const fromAbove = (incoming.get(node.id) ?? []).map((id) => (layer.get(id) ?? 0) + 1);
    layer.set(node.id, Math.max(dagreLayer.get(node.id) ?? 0, floor[node.level], ...fromAbove));
  }

  // Each layer keeps dagre's left-to-right order; a box never starts before the previous one ends.
  const positioned: PositionedNode[] = [];
  const layers = new Map<number, typeof placed>();
  for (const node of placed) {
    const index = layer.get(node.id) ?? 0;
    layers.set(index, [...(layers.get(index) ?? []), node]);
  }
  for (const [index, nodes] of layers) {
    let next = -Infinity;
    for (const node of nodes.sort((a, b) => a.x - b.x || compareIds(a.id, b.id))) {
      const x = Math.max(Math.round(node.x - NODE_WIDTH / 2), next);
      next = x + NODE_WIDTH + NODE_GAP;
      positioned.push({
        id: node.id,
        x,
        y: MARGIN + index * (NODE_HEIGHT + LAYER_GAP),
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
      });
    }
  }
  return positioned.sort((a, b) => a.y - b.y || a.x - b.x || compareIds(a.id, b.id));
}

/**
 * The part of a graph the layout depends on, as a string: equal keys give equal layouts.
 * Renaming a domain or editing an agreement's wording keeps the key, so the map does not
 * recompute positions for them.
 */
export function layoutKey(graph: LayoutInput): string {
  return JSON.stringify({
    nodes: graph.nodes.map((node) => ({ id: node.id, level: node.level })),
    edges: graph.edges.map((edge) => ({ source: edge.source, target: edge.target, kind: edge.kind })),
  });
}

/** The layout input a key was made from. */
export function layoutInputOf(key: string): LayoutInput {
  return JSON.parse(key) as LayoutInput;
}
