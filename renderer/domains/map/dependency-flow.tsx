/**
 * The interactive map (React Flow): zoom, pan, fit view, a minimap and controls. Clicking a
 * domain, or pressing Enter on a focused one, opens its page. Positions come from the
 * layered layout and are recomputed only when the graph's shape changes (which domains,
 * which links), not when a name or an agreement's wording changes. Light and dark follow
 * Mantine's colour scheme.
 */
import { useComputedColorScheme, useMantineTheme, type MantineTheme } from '@mantine/core';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  type AriaLabelConfig,
  type ColorMode,
  type NodeMouseHandler,
  type NodeTypes,
} from '@xyflow/react';
import type { DependencyGraph } from '@shared/domains/dependency-graph';
import type { DomainLevel } from '@shared/domains/hierarchy';
import { useCallback, useMemo, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { DomainNode } from './domain-node';
import { flowElements, type DomainFlowNode, type MapPalette } from './flow-elements';
import { layoutGraph, layoutInputOf, layoutKey } from './layout';

// Defined once: React Flow warns when nodeTypes is a new object on every render.
const nodeTypes: NodeTypes = { domain: DomainNode };

const ariaLabels: Partial<AriaLabelConfig> = {
  'node.a11yDescription.default': "Press Enter to open the domain's page.",
  'node.a11yDescription.keyboardDisabled': "Press Enter to open the domain's page.",
  'controls.ariaLabel': 'Map controls',
  'controls.zoomIn.ariaLabel': 'Zoom in',
  'controls.zoomOut.ariaLabel': 'Zoom out',
  'controls.fitView.ariaLabel': 'Fit the whole map',
  'minimap.ariaLabel': 'Overview of the map',
};

const levelColors: Record<DomainLevel, 'violet' | 'blue' | 'teal'> = {
  domain: 'violet',
  team: 'blue',
  individual: 'teal',
};

/** The map's line colours for a theme and colour scheme. */
export function mapPalette(theme: MantineTheme, scheme: ColorMode): MapPalette {
  const dark = scheme === 'dark';
  return {
    agreement: theme.colors.blue[dark ? 4 : 7],
    escalation: theme.colors.orange[dark ? 4 : 8],
    parent: dark ? theme.colors.dark[2] : theme.colors.gray[5],
    broken: theme.colors.red[dark ? 5 : 7],
  };
}

export interface DependencyFlowProps {
  graph: DependencyGraph;
  /** The map region's accessible name. */
  label: string;
}

/** The dependency map itself. */
export function DependencyFlow({ graph, label }: DependencyFlowProps) {
  const navigate = useNavigate();
  const theme = useMantineTheme();
  const scheme = useComputedColorScheme('light', { getInitialValueInEffect: false });

  const shape = useMemo(() => layoutKey(graph), [graph]);
  const positions = useMemo(() => layoutGraph(layoutInputOf(shape)), [shape]);
  const palette = useMemo(() => mapPalette(theme, scheme), [theme, scheme]);
  const { nodes, edges } = useMemo(() => flowElements(graph, positions, palette), [graph, positions, palette]);

  const open = useCallback((id: string) => void navigate(`/domains/${encodeURIComponent(id)}`), [navigate]);
  const onNodeClick: NodeMouseHandler<DomainFlowNode> = useCallback((_event, node) => open(node.id), [open]);
  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      // React Flow makes each domain's box focusable; Enter on it opens the domain.
      if (event.key !== 'Enter' || !(event.target instanceof HTMLElement)) return;
      if (!event.target.classList.contains('react-flow__node')) return;
      const id = event.target.dataset['id'];
      if (id === undefined) return;
      event.preventDefault();
      open(id);
    },
    [open],
  );
  const minimapColor = useCallback(
    (node: DomainFlowNode) => theme.colors[levelColors[node.data.level]][scheme === 'dark' ? 5 : 6],
    [theme, scheme],
  );

  return (
    <div className="dependency-map" role="region" aria-label={label}>
      <ReactFlow<DomainFlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        colorMode={scheme}
        fitView
        fitViewOptions={{ padding: 0.15, maxZoom: 1.25 }}
        minZoom={0.2}
        maxZoom={2}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        edgesFocusable={false}
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        onNodeClick={onNodeClick}
        onKeyDown={onKeyDown}
        ariaLabelConfig={ariaLabels}
        attributionPosition="top-right"
      >
        <Background gap={24} size={1} />
        <Controls showInteractive={false} />
        <MiniMap<DomainFlowNode> pannable zoomable nodeColor={minimapColor} nodeStrokeWidth={0} />
      </ReactFlow>
    </div>
  );
}
