/**
 * Turns the dependency graph and its layout into React Flow's nodes and edges: one box per
 * domain, coloured by level; agreements as solid arrows, escalation paths dashed, parent
 * links thin and light; an agreement whose escalation path reaches a deleted domain in red.
 * Pure: the colours come in as a palette, so the same graph always gives the same elements.
 */
import { MarkerType, type Edge, type Node } from '@xyflow/react';
import type { DependencyGraph, GraphEdge } from '@shared/domains/dependency-graph';
import type { DomainLevel } from '@shared/domains/hierarchy';
import type { PositionedNode } from './layout';

/** How the map names each level. */
export const levelLabels: Record<DomainLevel, string> = {
  domain: 'Domain',
  team: 'Team',
  individual: 'Individual',
};

/** What a domain's box shows. */
export type DomainNodeData = {
  name: string;
  level: DomainLevel;
  /** How many of its agreements point at a domain that is gone. */
  brokenCount: number;
};

/** A domain's box on the map. */
export type DomainFlowNode = Node<DomainNodeData, 'domain'>;

/** The colours of the lines, as concrete values (SVG markers cannot read CSS variables everywhere). */
export interface MapPalette {
  agreement: string;
  escalation: string;
  parent: string;
  broken: string;
}

/**
 * The handles a line joins: down from the bottom of the upper box to the top of the lower,
 * up from the top of the lower box to the bottom of the upper, and between two boxes of one
 * layer an arc below them, so labels sit between the layers and not over boxes.
 */
export type HandleId = 'top-source' | 'top-target' | 'bottom-source' | 'bottom-target';

function handlesFor(
  source: PositionedNode | undefined,
  target: PositionedNode | undefined,
): { sourceHandle: HandleId; targetHandle: HandleId } {
  if (source === undefined || target === undefined || target.y > source.y) {
    return { sourceHandle: 'bottom-source', targetHandle: 'top-target' };
  }
  if (target.y < source.y) return { sourceHandle: 'top-source', targetHandle: 'bottom-target' };
  return { sourceHandle: 'bottom-source', targetHandle: 'bottom-target' };
}

/** The longest edge label drawn on the map; the list below the map has the full text. */
export const MAX_EDGE_LABEL = 36;

/** A label cut to `max` characters, ending with an ellipsis when cut. */
export function shortLabel(label: string, max = MAX_EDGE_LABEL): string {
  const trimmed = label.trim();
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1).trimEnd()}…`;
}

/**
 * The text on a line: an agreement's label, cut short; on an escalation line only the step
 * ("Escalation step 1"), as the agreement's own line already says which agreement it is.
 */
function edgeLabel(edge: GraphEdge): string {
  if (edge.kind === 'escalation') return `Escalation step ${edge.step ?? ''}`.trim();
  return shortLabel(edge.label);
}

function edgeStyle(edge: GraphEdge, palette: MapPalette): Pick<Edge, 'style' | 'markerEnd' | 'type'> {
  switch (edge.kind) {
    case 'parent':
      return { type: 'straight', style: { stroke: palette.parent, strokeWidth: 1, opacity: 0.8 } };
    case 'agreement': {
      const color = edge.broken ? palette.broken : palette.agreement;
      return {
        type: 'default',
        style: { stroke: color, strokeWidth: 2 },
        markerEnd: { type: MarkerType.ArrowClosed, color, width: 18, height: 18 },
      };
    }
    case 'escalation':
      return {
        type: 'smoothstep',
        style: { stroke: palette.escalation, strokeWidth: 1.5, strokeDasharray: '6 4' },
        markerEnd: { type: MarkerType.Arrow, color: palette.escalation, width: 16, height: 16 },
      };
  }
}

function edgeDescription(edge: GraphEdge, names: ReadonlyMap<string, string>): string {
  const from = names.get(edge.source) ?? edge.source;
  const to = names.get(edge.target) ?? edge.target;
  switch (edge.kind) {
    case 'parent':
      return `${to} is part of ${from}`;
    case 'agreement':
      return `Agreement from ${from} with ${to}: ${edge.label}${edge.broken ? ' (its escalation path reaches a deleted domain)' : ''}`;
    case 'escalation':
      return `${from} escalates to ${to}. ${edge.label}`;
  }
}

/** React Flow's nodes and edges for a graph laid out at `positions`. */
export function flowElements(
  graph: DependencyGraph,
  positions: readonly PositionedNode[],
  palette: MapPalette,
): { nodes: DomainFlowNode[]; edges: Edge[] } {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const placed = new Map(positions.map((position) => [position.id, position]));
  const names = new Map(graph.nodes.map((node) => [node.id, node.name]));
  const brokenCounts = new Map<string, number>();
  for (const broken of graph.brokenAgreements) {
    brokenCounts.set(broken.domainId, (brokenCounts.get(broken.domainId) ?? 0) + 1);
  }

  const nodes = positions.flatMap((position): DomainFlowNode[] => {
    const node = byId.get(position.id);
    if (node === undefined) return [];
    const brokenCount = brokenCounts.get(node.id) ?? 0;
    return [
      {
        id: node.id,
        type: 'domain',
        position: { x: position.x, y: position.y },
        width: position.width,
        height: position.height,
        data: { name: node.name, level: node.level, brokenCount },
        // A link named by what it shows (name, level, warning), so speech and sight agree.
        ariaRole: 'link',
        // Announced as a link, not as React Flow's generic "node".
        domAttributes: { 'aria-roledescription': undefined },
        draggable: false,
        selectable: false,
        connectable: false,
        deletable: false,
      },
    ];
  });

  const edges = graph.edges.map((edge): Edge => ({
    id: edge.id,
    source: edge.source,
    target: edge.target,
    ...handlesFor(placed.get(edge.source), placed.get(edge.target)),
    ...edgeStyle(edge, palette),
    ...(edge.kind === 'parent' ? {} : { label: edgeLabel(edge), labelBgPadding: [4, 2] as [number, number] }),
    className: `dependency-edge dependency-edge--${edge.kind}${edge.broken ? ' dependency-edge--broken' : ''}`,
    ariaLabel: edgeDescription(edge, names),
    zIndex: edge.kind === 'parent' ? 0 : 1,
    selectable: false,
    deletable: false,
    focusable: false,
  }));
  return { nodes, edges };
}
