import { describe, expect, it } from 'vitest';
import {
  allowedParentLevels,
  ancestorsOf,
  descendantsOf,
  domainLevels,
  domainTree,
  flattenDomainTree,
  levelProblem,
  parentProblem,
  placeDomains,
  wouldCreateCycle,
  type DomainLevel,
  type DomainTreeNode,
  type HierarchyDomain,
} from './hierarchy';

function domain(
  id: string,
  parentId: string | null,
  level: DomainLevel = 'team',
  extra: Partial<HierarchyDomain> = {},
): HierarchyDomain {
  return { id, parentId, level, name: id.toUpperCase(), deletedAt: null, ...extra };
}

/** org ⊃ (platform ⊃ (infra, alice), product ⊃ checkout) */
const org = [
  domain('org', null, 'domain', { name: 'Organisation' }),
  domain('platform', 'org', 'team', { name: 'Platform' }),
  domain('infra', 'platform', 'team', { name: 'Infrastructure' }),
  domain('alice', 'platform', 'individual', { name: 'Alice' }),
  domain('product', 'org', 'team', { name: 'Product' }),
  domain('checkout', 'product', 'team', { name: 'Checkout' }),
];

/** The tree as "name@depth" strings in reading order, for compact assertions. */
function outline(tree: DomainTreeNode[]): string[] {
  return flattenDomainTree(tree).map((node) => `${node.domain.id}@${node.depth}`);
}

describe('ancestorsOf', () => {
  it('lists ids from the parent up to the root', () => {
    expect(ancestorsOf(org, 'infra')).toEqual(['platform', 'org']);
    expect(ancestorsOf(org, 'org')).toEqual([]);
  });

  it('returns nothing for an unknown id', () => {
    expect(ancestorsOf(org, 'nope')).toEqual([]);
  });

  it('stops before a parent that does not exist', () => {
    expect(ancestorsOf([domain('a', 'b'), domain('b', 'ghost')], 'a')).toEqual(['b']);
  });

  it('includes ancestors in the trash', () => {
    const domains = [domain('a', 'b'), domain('b', 'c', 'team', { deletedAt: 5 }), domain('c', null)];
    expect(ancestorsOf(domains, 'a')).toEqual(['b', 'c']);
  });

  it('stops on a cycle through the domain itself', () => {
    const domains = [domain('a', 'b'), domain('b', 'c'), domain('c', 'a')];
    expect(ancestorsOf(domains, 'a')).toEqual(['b', 'c']);
  });

  it('stops on a cycle above the domain without repeating', () => {
    const domains = [domain('a', 'b'), domain('b', 'c'), domain('c', 'b')];
    expect(ancestorsOf(domains, 'a')).toEqual(['b', 'c']);
  });

  it('stops on a domain that is its own parent', () => {
    expect(ancestorsOf([domain('a', 'a')], 'a')).toEqual([]);
  });
});

describe('descendantsOf', () => {
  it('lists every domain below, nearest first', () => {
    expect(descendantsOf(org, 'org')).toEqual(['platform', 'product', 'infra', 'alice', 'checkout']);
    expect(descendantsOf(org, 'platform')).toEqual(['infra', 'alice']);
    expect(descendantsOf(org, 'checkout')).toEqual([]);
  });

  it('includes sub-domains in the trash', () => {
    const domains = [domain('a', null), domain('b', 'a', 'team', { deletedAt: 1 }), domain('c', 'b')];
    expect(descendantsOf(domains, 'a')).toEqual(['b', 'c']);
  });

  it('never lists the domain itself or loops on a cycle', () => {
    const domains = [domain('a', 'c'), domain('b', 'a'), domain('c', 'b'), domain('d', 'b')];
    expect(descendantsOf(domains, 'a')).toEqual(['b', 'c', 'd']);
    expect(descendantsOf([domain('a', 'a')], 'a')).toEqual([]);
  });
});

describe('wouldCreateCycle', () => {
  it('refuses the domain itself and any of its descendants as a parent', () => {
    expect(wouldCreateCycle(org, 'platform', 'platform')).toBe(true);
    expect(wouldCreateCycle(org, 'platform', 'infra')).toBe(true);
    expect(wouldCreateCycle(org, 'org', 'checkout')).toBe(true);
  });

  it('accepts no parent, siblings, cousins and ancestors', () => {
    expect(wouldCreateCycle(org, 'platform', null)).toBe(false);
    expect(wouldCreateCycle(org, 'platform', 'product')).toBe(false);
    expect(wouldCreateCycle(org, 'infra', 'checkout')).toBe(false);
    expect(wouldCreateCycle(org, 'infra', 'org')).toBe(false);
  });

  it('still answers when the data already holds a cycle elsewhere', () => {
    const domains = [domain('x', 'y'), domain('y', 'x'), domain('a', null)];
    expect(wouldCreateCycle(domains, 'a', 'x')).toBe(false);
    expect(wouldCreateCycle(domains, 'x', 'a')).toBe(false);
    expect(wouldCreateCycle(domains, 'x', 'y')).toBe(true);
  });

  it('accepts an unknown parent (parentProblem reports it as gone)', () => {
    expect(wouldCreateCycle(org, 'platform', 'ghost')).toBe(false);
  });
});

describe('parentProblem', () => {
  it('accepts no parent and a suitable live parent', () => {
    expect(parentProblem(org, 'infra', 'team', null)).toBeNull();
    expect(parentProblem(org, 'infra', 'team', 'product')).toBeNull();
    expect(parentProblem(org, null, 'individual', 'checkout')).toBeNull();
  });

  it('reports a parent that is missing or in the trash', () => {
    const domains = [...org, domain('old', null, 'domain', { deletedAt: 9 })];
    expect(parentProblem(domains, null, 'team', 'ghost')).toBe('The chosen parent domain no longer exists.');
    expect(parentProblem(domains, 'platform', 'team', 'old')).toBe('The chosen parent domain no longer exists.');
  });

  it('reports a parent that would create a cycle', () => {
    const message = 'A domain cannot be inside itself or one of its own sub-domains.';
    expect(parentProblem(org, 'platform', 'team', 'platform')).toBe(message);
    expect(parentProblem(org, 'platform', 'team', 'infra')).toBe(message);
  });

  it('does not look for cycles for a new domain', () => {
    expect(parentProblem(org, null, 'team', 'infra')).toBeNull();
  });

  it('reports levels that cannot nest, naming both', () => {
    expect(parentProblem(org, null, 'team', 'alice')).toBe(
      'A team cannot sit inside an individual area; its parent can be a team or a domain.',
    );
    expect(parentProblem(org, null, 'domain', 'platform')).toBe(
      'A domain cannot sit inside a team; its parent can be a domain.',
    );
    expect(parentProblem(org, null, 'individual', 'alice')).toBe(
      'An individual area cannot sit inside another individual area; its parent can be a team or a domain.',
    );
    expect(parentProblem(org, null, 'domain', 'alice')).toBe(
      'A domain cannot sit inside an individual area; its parent can be a domain.',
    );
  });

  it('allows every level inside a level listed for it, and only those', () => {
    for (const level of domainLevels) {
      for (const parentLevel of domainLevels) {
        const domains = [domain('p', null, parentLevel)];
        const problem = parentProblem(domains, null, level, 'p');
        expect(problem === null).toBe(allowedParentLevels[level].includes(parentLevel));
      }
    }
  });

  it('reports a gone parent before a level mismatch', () => {
    const domains = [domain('p', null, 'individual', { deletedAt: 1 })];
    expect(parentProblem(domains, null, 'domain', 'p')).toBe('The chosen parent domain no longer exists.');
  });
});

describe('levelProblem', () => {
  it('accepts a level that can hold every live sub-domain', () => {
    expect(levelProblem(org, 'platform', 'domain')).toBeNull();
    expect(levelProblem(org, 'checkout', 'individual')).toBeNull();
  });

  it('reports a sub-domain the new level cannot hold', () => {
    expect(levelProblem(org, 'product', 'individual')).toBe(
      'An individual area cannot contain a team ("Checkout"); move those sub-domains elsewhere first or choose another level.',
    );
  });

  it('counts further misfits and ignores sub-domains in the trash', () => {
    const domains = [
      domain('p', null, 'domain'),
      domain('b', 'p', 'domain', { name: 'Beta' }),
      domain('a', 'p', 'domain', { name: 'Alpha' }),
      domain('c', 'p', 'domain', { name: 'Gamma' }),
      domain('d', 'p', 'domain', { name: 'Delta', deletedAt: 3 }),
    ];
    expect(levelProblem(domains, 'p', 'team')).toBe(
      'A team cannot contain a domain ("Alpha") and 2 more sub-domains; move those sub-domains elsewhere first or choose another level.',
    );
    expect(levelProblem(domains.slice(0, 3), 'p', 'team')).toMatch(/\("Alpha"\) and 1 more sub-domain;/);
  });
});

describe('placeDomains', () => {
  it('places live domains under live parents and leaves the trash out', () => {
    const domains = [domain('a', null), domain('b', 'a'), domain('gone', 'a', 'team', { deletedAt: 1 })];
    expect(Object.fromEntries(placeDomains(domains))).toEqual({
      a: { parentId: null, detached: null },
      b: { parentId: 'a', detached: null },
    });
  });

  it('puts a domain with a missing or deleted parent at the root, saying why', () => {
    const domains = [domain('a', 'ghost'), domain('b', 'gone'), domain('gone', null, 'team', { deletedAt: 1 })];
    const placements = placeDomains(domains);
    expect(placements.get('a')).toEqual({ parentId: null, detached: 'parent-missing' });
    expect(placements.get('b')).toEqual({ parentId: null, detached: 'parent-deleted' });
  });

  it('puts every member of a cycle at the root and keeps what hangs below it', () => {
    const domains = [domain('a', 'c'), domain('b', 'a'), domain('c', 'b'), domain('d', 'b'), domain('e', 'e')];
    const placements = placeDomains(domains);
    for (const id of ['a', 'b', 'c', 'e']) expect(placements.get(id)).toEqual({ parentId: null, detached: 'cycle' });
    expect(placements.get('d')).toEqual({ parentId: 'b', detached: null });
  });

  it('does not treat a cycle closed only through the trash as a cycle', () => {
    const domains = [domain('a', 'b'), domain('b', 'a', 'team', { deletedAt: 1 })];
    expect(placeDomains(domains).get('a')).toEqual({ parentId: null, detached: 'parent-deleted' });
  });
});

describe('domainTree', () => {
  it('nests live domains sorted by name at every level', () => {
    expect(outline(domainTree(org))).toEqual(['org@0', 'platform@1', 'alice@2', 'infra@2', 'product@1', 'checkout@2']);
  });

  it('returns the caller’s own objects', () => {
    const domains = org.map((d) => ({ ...d, purpose: `Purpose of ${d.name}` }));
    const [root] = domainTree(domains);
    expect(root?.domain).toBe(domains[0]);
    expect(root?.domain.purpose).toBe('Purpose of Organisation');
  });

  it('sorts names as people read them, then by id', () => {
    const domains = [
      domain('3', null, 'team', { name: 'team 10' }),
      domain('2', null, 'team', { name: 'Team 2' }),
      domain('1', null, 'team', { name: 'Ärzte' }),
      domain('5', null, 'team', { name: 'Zoo' }),
      domain('4', null, 'team', { name: 'Zoo' }),
    ];
    expect(domainTree(domains).map((node) => node.domain.id)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('leaves out domains in the trash but keeps their live sub-domains at the root', () => {
    const domains = org.map((d) => (d.id === 'platform' ? { ...d, deletedAt: 10 } : d));
    const tree = domainTree(domains);
    expect(outline(tree)).toEqual(['alice@0', 'infra@0', 'org@0', 'product@1', 'checkout@2']);
    expect(tree.find((node) => node.domain.id === 'infra')?.detached).toBe('parent-deleted');
  });

  it('never loses a domain: cycles and missing parents end up at the root', () => {
    const domains = [
      domain('a', 'b', 'team', { name: 'A' }),
      domain('b', 'a', 'team', { name: 'B' }),
      domain('c', 'a', 'team', { name: 'C' }),
      domain('d', 'ghost', 'team', { name: 'D' }),
    ];
    const flat = flattenDomainTree(domainTree(domains));
    expect(flat.map((node) => `${node.domain.id}@${node.depth}:${node.detached ?? '-'}`)).toEqual([
      'a@0:cycle',
      'c@1:-',
      'b@0:cycle',
      'd@0:parent-missing',
    ]);
  });

  it('shows each live domain exactly once whatever the parent links', () => {
    // Every possible parent assignment among four domains, including self-parents and unknown ids.
    const ids = ['a', 'b', 'c', 'd'];
    const choices = [null, 'a', 'b', 'c', 'd', 'ghost'];
    for (let code = 0; code < choices.length ** ids.length; code++) {
      const domains = ids.map((id, index) =>
        domain(id, choices[Math.floor(code / choices.length ** index) % choices.length] ?? null),
      );
      const flat = flattenDomainTree(domainTree(domains));
      expect(flat.map((node) => node.domain.id).sort()).toEqual(ids);
      for (const node of flat) {
        for (const child of node.children) expect(child.depth).toBe(node.depth + 1);
      }
    }
  });

  it('is empty without live domains', () => {
    expect(domainTree([])).toEqual([]);
    expect(domainTree([domain('a', null, 'team', { deletedAt: 1 })])).toEqual([]);
  });
});
