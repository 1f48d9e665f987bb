import { describe, expect, it } from 'vitest';
import { createTestDoc, createTestRepository } from '../data/test-support';
import { entityName } from './entity-labels';

describe('entityName', () => {
  it('names entities by name or title, and a threshold policy after its domain', () => {
    const { repo } = createTestRepository(createTestDoc(1));
    const domain = repo.create('domains', { name: 'Platform', level: 'team', parentId: null });
    const decision = repo.create('decisions', { title: 'Ship it', domainId: domain.id, status: 'draft' });
    const own = repo.create('policies', { domainId: domain.id, autonomousCostLimit: 1, consultativeCostLimit: 2 });
    const workspace = repo.create('policies', { domainId: null, autonomousCostLimit: 1, consultativeCostLimit: 2 });
    const names = new Map([[domain.id, domain.name]]);
    expect(entityName(domain)).toBe('Platform');
    expect(entityName(decision)).toBe('Ship it');
    expect(entityName(own, (id) => names.get(id))).toBe('Thresholds of Platform');
    expect(entityName(own)).toBe(`Thresholds of ${domain.id}`);
    expect(entityName(workspace)).toBe('Workspace thresholds');
  });
});
