import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { Entity } from '@shared/model/entities';
import { createTestDoc, createTestRepository } from '../data/test-support';
import { getKindMap, readEntity } from '../data/workspace-document';
import { changePolicy } from '../domains/policy-actions';
import { domainNeedingThresholds, setupInputOf } from './setup-input';

const author = { userId: 'user-1', name: 'Ana' };
const limits = (autonomousCostLimit: number) => ({ autonomousCostLimit, consultativeCostLimit: 10_000 });

function setup() {
  const doc = createTestDoc(1);
  const { repo } = createTestRepository(doc);
  return { doc, repo };
}

/** Every policy record of the document, trashed ones included. */
function policiesOf(doc: Y.Doc): Entity<'policies'>[] {
  const found: Entity<'policies'>[] = [];
  getKindMap(doc, 'policies').forEach((value, id) => {
    const read = readEntity('policies', value, id);
    if (read.ok) found.push(read.entity);
  });
  return found;
}

describe('setupInputOf', () => {
  it('counts only threshold changes made after limits were first set, in live policies', () => {
    const { doc, repo } = setup();
    const domain = repo.create('domains', { name: 'Checkout', level: 'team', parentId: null, purpose: '' });
    const source = { domains: [domain], decisionCount: 2, reviewCount: 1, pulseCheckCount: 0 };
    const live = () => policiesOf(doc).filter((policy) => policy.deletedAt === null);

    changePolicy(repo, live(), { domainId: domain.id, limits: limits(100), reason: 'First' }, author, 1);
    expect(setupInputOf({ ...source, policies: live() })).toMatchObject({
      domains: [domain],
      decisionCount: 2,
      reviewCount: 1,
      pulseCheckCount: 0,
      policyChangeCount: 0,
    });
    changePolicy(repo, live(), { domainId: domain.id, limits: limits(200), reason: 'More room' }, author, 2);
    expect(setupInputOf({ ...source, policies: live() }).policyChangeCount).toBe(1);
    changePolicy(repo, live(), { domainId: domain.id, limits: null, reason: 'Inherit again' }, author, 3);
    expect(setupInputOf({ ...source, policies: live() }).policyChangeCount).toBe(2);

    const [policy] = live();
    if (!policy) throw new Error('No policy.');
    repo.softDelete('policies', policy.id);
    expect(setupInputOf({ ...source, policies: policiesOf(doc) }).policyChangeCount).toBe(0);
  });
});

describe('domainNeedingThresholds', () => {
  it('is the first domain in list order without limits of its own, else the first domain', () => {
    const { doc, repo } = setup();
    expect(domainNeedingThresholds([], [])).toBeNull();
    const beta = repo.create('domains', { name: 'Beta', level: 'domain', parentId: null, purpose: '' });
    const alpha = repo.create('domains', { name: 'Alpha', level: 'domain', parentId: null, purpose: '' });
    const domains = [beta, alpha];
    expect(domainNeedingThresholds(domains, [])?.name).toBe('Alpha');

    changePolicy(repo, [], { domainId: alpha.id, limits: limits(1), reason: 'Set' }, author, 1);
    expect(domainNeedingThresholds(domains, policiesOf(doc))?.name).toBe('Beta');

    changePolicy(repo, [], { domainId: beta.id, limits: limits(1), reason: 'Set' }, author, 1);
    expect(domainNeedingThresholds(domains, policiesOf(doc))?.name).toBe('Alpha');
  });
});
