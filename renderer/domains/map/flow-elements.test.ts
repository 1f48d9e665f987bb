import { describe, expect, it } from 'vitest';
import { dependencyGraph, type GraphDomain } from '@shared/domains/dependency-graph';
import { flowElements, shortLabel, type MapPalette } from './flow-elements';
import { layoutGraph } from './layout';

const palette: MapPalette = { agreement: '#0000ff', escalation: '#ff8800', parent: '#999999', broken: '#ff0000' };

function domain(id: string, level: GraphDomain['level'], parentId: string | null, extra: Partial<GraphDomain> = {}) {
  return { id, name: id.toUpperCase(), level, parentId, deletedAt: null, ...extra } satisfies GraphDomain;
}

const agreement = (id: string, otherDomainId: string, escalationPath: string[] = [], serviceAgreement = '') => ({
  id,
  otherDomainId,
  provides: `provides ${id}`,
  expects: '',
  serviceAgreement,
  communication: '',
  escalationPath,
});

const domains: GraphDomain[] = [
  domain('eng', 'domain', null),
  domain('platform', 'team', 'eng', { agreements: { a2: agreement('a2', 'old') } }),
  domain('product', 'team', 'eng', {
    agreements: { a1: agreement('a1', 'platform', ['eng', 'old'], 'A very long service agreement that will not fit') },
  }),
  domain('old', 'team', null, { deletedAt: 5 }),
];

describe('flowElements', () => {
  const graph = dependencyGraph(domains);
  const { nodes, edges } = flowElements(graph, layoutGraph(graph), palette);
  const byId = new Map(edges.map((edge) => [edge.id, edge]));

  it('makes one focusable link per live domain, in reading order, counting its broken agreements', () => {
    expect(nodes.map((node) => node.id)).toEqual(layoutGraph(graph).map((p) => p.id));
    expect(nodes.map((node) => node.data.name).sort()).toEqual(['ENG', 'PLATFORM', 'PRODUCT']);
    const platform = nodes.find((node) => node.id === 'platform');
    expect(platform).toMatchObject({ type: 'domain', ariaRole: 'link', draggable: false, selectable: false });
    expect(platform?.data.brokenCount).toBe(1);
  });

  it('draws agreements solid with a cut label, escalations dashed with their step, parents unlabelled', () => {
    const agreementEdge = byId.get('agreement:product:a1');
    expect(agreementEdge?.label).toBe('A very long service agreement that…');
    expect(shortLabel('A very long service agreement that will not fit')).toBe('A very long service agreement that…');
    expect(shortLabel('  Short  ')).toBe('Short');
    // Its escalation path reaches a deleted domain: drawn red.
    expect(agreementEdge?.style?.stroke).toBe(palette.broken);
    const escalation = byId.get('escalation:product:a1:0');
    expect(escalation).toMatchObject({ label: 'Escalation step 1', type: 'smoothstep' });
    expect(escalation?.style?.strokeDasharray).toBe('6 4');
    const parent = byId.get('parent:platform');
    expect(parent?.label).toBeUndefined();
    expect(parent?.style?.stroke).toBe(palette.parent);
  });

  it('joins lines so they run between layers: down, up, or in an arc below one layer', () => {
    // product (team) escalates up to eng (domain); eng contains platform (down); product and
    // platform are teams on one layer.
    expect(byId.get('escalation:product:a1:0')).toMatchObject({
      sourceHandle: 'top-source',
      targetHandle: 'bottom-target',
    });
    expect(byId.get('parent:platform')).toMatchObject({ sourceHandle: 'bottom-source', targetHandle: 'top-target' });
    expect(byId.get('agreement:product:a1')).toMatchObject({
      sourceHandle: 'bottom-source',
      targetHandle: 'bottom-target',
    });
  });

  it('names each line for assistive technology', () => {
    expect(byId.get('agreement:product:a1')?.ariaLabel).toBe(
      'Agreement from PRODUCT with PLATFORM: A very long service agreement that will not fit (its escalation path reaches a deleted domain)',
    );
    expect(byId.get('parent:platform')?.ariaLabel).toBe('PLATFORM is part of ENG');
  });
});
