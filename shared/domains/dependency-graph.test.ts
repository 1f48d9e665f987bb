import { describe, expect, it } from 'vitest';
import { dependenciesOf, dependencyGraph, type GraphDomain, type InterfaceAgreement } from './dependency-graph';

function agreement(id: string, otherDomainId: string, extra: Partial<InterfaceAgreement> = {}): InterfaceAgreement {
  return {
    id,
    otherDomainId,
    provides: 'Deployment pipeline',
    expects: 'Requests two weeks ahead',
    serviceAgreement: '99.9 % availability',
    communication: '#platform channel',
    escalationPath: [],
    ...extra,
  };
}

function domain(
  id: string,
  name: string,
  agreements: InterfaceAgreement[] = [],
  extra: Partial<GraphDomain> = {},
): GraphDomain {
  return {
    id,
    name,
    parentId: null,
    level: 'team',
    deletedAt: null,
    agreements: Object.fromEntries(agreements.map((a) => [a.id, a])),
    ...extra,
  };
}

describe('dependencyGraph', () => {
  it('has live domains as nodes, sorted by name, with the parent they are shown under', () => {
    const graph = dependencyGraph([
      domain('p', 'Product', [], { parentId: 'org' }),
      domain('org', 'Organisation', [], { level: 'domain' }),
      domain('old', 'Old team', [], { deletedAt: 1 }),
      domain('orphan', 'Ops', [], { parentId: 'old' }),
    ]);
    expect(graph.nodes).toEqual([
      { id: 'orphan', name: 'Ops', level: 'team', parentId: null },
      { id: 'org', name: 'Organisation', level: 'domain', parentId: null },
      { id: 'p', name: 'Product', level: 'team', parentId: 'org' },
    ]);
    expect(graph.edges).toEqual([
      { id: 'parent:p', source: 'org', target: 'p', kind: 'parent', label: 'contains', step: null, broken: false },
    ]);
    expect(graph.brokenAgreements).toEqual([]);
  });

  it('draws an agreement from its holder to the other domain, labelled with the service agreement', () => {
    const graph = dependencyGraph([domain('a', 'Platform', [agreement('x', 'b')]), domain('b', 'Product')]);
    expect(graph.edges).toEqual([
      {
        id: 'agreement:a:x',
        source: 'a',
        target: 'b',
        kind: 'agreement',
        label: '99.9 % availability',
        step: null,
        broken: false,
      },
    ]);
  });

  it('labels with what is provided when the service agreement is empty, else a plain word', () => {
    const graph = dependencyGraph([
      domain('a', 'A', [
        agreement('x', 'b', { serviceAgreement: '  ' }),
        agreement('y', 'b', { serviceAgreement: '', provides: '' }),
      ]),
      domain('b', 'B'),
    ]);
    expect(graph.edges.map((edge) => edge.label)).toEqual(['Deployment pipeline', 'Agreement']);
  });

  it('lists agreements with a deleted or unknown domain instead of drawing them', () => {
    const graph = dependencyGraph([
      domain('a', 'A', [agreement('x', 'gone'), agreement('y', 'ghost'), agreement('z', 'b')]),
      domain('b', 'B'),
      domain('gone', 'Gone', [], { deletedAt: 1 }),
    ]);
    expect(graph.edges.map((edge) => edge.id)).toEqual(['agreement:a:z']);
    expect(graph.brokenAgreements).toEqual([
      {
        domainId: 'a',
        agreementId: 'x',
        otherDomainId: 'gone',
        reason: 'deleted',
        field: 'otherDomainId',
        brokenDomainId: 'gone',
      },
      {
        domainId: 'a',
        agreementId: 'y',
        otherDomainId: 'ghost',
        reason: 'missing',
        field: 'otherDomainId',
        brokenDomainId: 'ghost',
      },
    ]);
  });

  it('draws escalation steps and flags an agreement whose path reaches a gone domain', () => {
    const graph = dependencyGraph([
      domain('a', 'A', [agreement('x', 'b', { escalationPath: ['c', 'gone', 'd'] })]),
      domain('b', 'B'),
      domain('c', 'C'),
      domain('d', 'D'),
      domain('gone', 'Gone', [], { deletedAt: 1 }),
    ]);
    expect(graph.edges).toEqual([
      {
        id: 'agreement:a:x',
        source: 'a',
        target: 'b',
        kind: 'agreement',
        label: '99.9 % availability',
        step: null,
        broken: true,
      },
      {
        id: 'escalation:a:x:0',
        source: 'a',
        target: 'c',
        kind: 'escalation',
        label: 'Escalation step 1: 99.9 % availability',
        step: 1,
        broken: false,
      },
      {
        id: 'escalation:a:x:2',
        source: 'a',
        target: 'd',
        kind: 'escalation',
        label: 'Escalation step 3: 99.9 % availability',
        step: 3,
        broken: false,
      },
    ]);
    expect(graph.brokenAgreements).toEqual([
      {
        domainId: 'a',
        agreementId: 'x',
        otherDomainId: 'b',
        reason: 'deleted',
        field: 'escalationPath',
        brokenDomainId: 'gone',
      },
    ]);
  });

  it('ignores the agreements of domains in the trash', () => {
    const graph = dependencyGraph([domain('a', 'A', [agreement('x', 'b')], { deletedAt: 1 }), domain('b', 'B')]);
    expect(graph.edges).toEqual([]);
    expect(graph.brokenAgreements).toEqual([]);
  });

  it('only ever connects nodes, whatever the data', () => {
    const graph = dependencyGraph([
      domain('a', 'A', [agreement('x', 'b', { escalationPath: ['a', 'ghost'] }), agreement('y', 'c')], {
        parentId: 'b',
      }),
      domain('b', 'B', [agreement('z', 'a')], { parentId: 'a' }),
      domain('c', 'C', [], { deletedAt: 1, parentId: 'a' }),
    ]);
    const nodeIds = new Set(graph.nodes.map((node) => node.id));
    for (const edge of graph.edges) {
      expect(nodeIds.has(edge.source)).toBe(true);
      expect(nodeIds.has(edge.target)).toBe(true);
    }
    expect(new Set(graph.edges.map((edge) => edge.id)).size).toBe(graph.edges.length);
    // a and b form a cycle, so neither is drawn inside the other.
    expect(graph.edges.some((edge) => edge.kind === 'parent')).toBe(false);
    expect(graph.brokenAgreements.map((b) => `${b.agreementId}:${b.reason}`)).toEqual(['x:missing', 'y:deleted']);
  });

  it('is empty for an empty workspace', () => {
    expect(dependencyGraph([])).toEqual({ nodes: [], edges: [], brokenAgreements: [] });
  });
});

describe('dependenciesOf', () => {
  const domains = [
    domain('platform', 'Platform', [
      agreement('p1', 'product', { escalationPath: ['org', 'ghost'] }),
      agreement('p2', 'gone'),
      agreement('p3', 'ghost'),
    ]),
    domain('product', 'Product', [agreement('q1', 'platform')]),
    domain('analytics', 'Analytics', [agreement('r1', 'platform'), agreement('r2', 'product')]),
    domain('gone', 'Gone', [agreement('g1', 'platform')], { deletedAt: 1 }),
    domain('org', 'Organisation', [], { level: 'domain' }),
  ];

  it('lists the agreements the domain holds, naming the other domain and flagging broken ones', () => {
    const { outgoing } = dependenciesOf(domains, 'platform');
    expect(outgoing.map((link) => [link.agreement.id, link.domainId, link.domainName, link.broken])).toEqual([
      ['p3', 'ghost', null, true],
      ['p2', 'gone', 'Gone', true],
      ['p1', 'product', 'Product', false],
    ]);
    expect(outgoing.every((link) => link.holderId === 'platform')).toBe(true);
    expect(outgoing[2]?.escalation).toEqual([
      { domainId: 'org', name: 'Organisation', live: true },
      { domainId: 'ghost', name: null, live: false },
    ]);
  });

  it('lists the agreements live domains hold with it, sorted by their name', () => {
    const { incoming } = dependenciesOf(domains, 'platform');
    expect(incoming.map((link) => [link.agreement.id, link.holderId, link.domainName, link.broken])).toEqual([
      ['r1', 'analytics', 'Analytics', false],
      ['q1', 'product', 'Product', false],
    ]);
  });

  it('marks every link broken on the page of a domain in the trash', () => {
    const { outgoing, incoming } = dependenciesOf(domains, 'gone');
    expect(outgoing.map((link) => [link.agreement.id, link.broken])).toEqual([['g1', true]]);
    expect(incoming.map((link) => [link.agreement.id, link.broken])).toEqual([['p2', true]]);
  });

  it('returns the caller’s agreement objects and nothing for an unknown domain', () => {
    const own = dependenciesOf(domains, 'product').outgoing[0]?.agreement;
    expect(own).toBe(domains[1]?.agreements?.q1);
    expect(dependenciesOf(domains, 'nobody')).toEqual({ outgoing: [], incoming: [] });
  });
});
