import { describe, expect, it } from 'vitest';
import { decisionCategories, type Entity } from '@shared/model/entities';
import {
  categoryFit,
  categoryLabels,
  categoryLevels,
  classifyRecord,
  isOverride,
  type ClassifiedFields,
} from './classification';

function domain(id: string, fields: Partial<Entity<'domains'>> = {}): Entity<'domains'> {
  return {
    id,
    createdAt: 1,
    updatedAt: 1,
    createdBy: 'u',
    deletedAt: null,
    name: id,
    level: 'team',
    parentId: null,
    purpose: '',
    responsibility: '',
    objectives: '',
    budgetAmount: null,
    budgetUnit: '',
    budgetPeriod: 'month',
    capacityAmount: null,
    capacityUnit: '',
    principles: '',
    qualityStandards: '',
    riskParameters: '',
    ethics: '',
    pilot: false,
    roles: {},
    metrics: {},
    metricValues: {},
    agreements: {},
    resources: {},
    ...fields,
  };
}

function policy(
  id: string,
  domainId: string | null,
  autonomousCostLimit: number | null,
  consultativeCostLimit: number | null,
): Entity<'policies'> {
  return {
    id,
    createdAt: 1,
    updatedAt: 1,
    createdBy: 'u',
    deletedAt: null,
    domainId,
    autonomousCostLimit,
    consultativeCostLimit,
    changes: {},
  };
}

const calm: ClassifiedFields = {
  domainId: null,
  cost: null,
  crossDomain: 'none',
  horizon: 'short',
  reversibility: 'reversible',
  followsGuidelines: true,
  chosenTier: null,
  category: null,
};

describe('classifyRecord', () => {
  it('counts a decision without a cost as costing 0 and uses the built-in limits without policies', () => {
    const result = classifyRecord(calm, [], []);
    expect(result.classification.tier).toBe('autonomous');
    expect(result.classification.reasons).toHaveLength(5);
    expect(result.classification.reasons[0]?.message).toBe('Cost 0 is within the autonomous limit of 1,000');
    expect(result.policy.source).toEqual({ kind: 'default' });
    expect(result).toMatchObject({ tier: 'autonomous', override: false, suggestedLevel: null, belowLevel: false });
  });

  it("uses the domain's effective limits, inherited from its parent, and names their source", () => {
    const domains = [domain('parent', { level: 'domain' }), domain('child', { parentId: 'parent' })];
    const policies = [policy('p1', 'parent', 100, 500), policy('p2', null, 5_000, 50_000)];
    const result = classifyRecord({ ...calm, domainId: 'child', cost: 600 }, domains, policies);
    expect(result.policy.source).toEqual({ kind: 'inherited', fromDomainId: 'parent' });
    expect(result.policy.limits).toEqual({ autonomousCostLimit: 100, consultativeCostLimit: 500 });
    expect(result.classification.tier).toBe('collaborative');
    expect(result.classification.reasons[0]?.message).toBe('Cost 600 is above the consultative limit of 500');
    expect(result.tier).toBe('collaborative');
  });

  it('takes the most demanding criterion', () => {
    const result = classifyRecord({ ...calm, cost: 10, horizon: 'medium', followsGuidelines: false }, [], []);
    expect(result.classification.tier).toBe('consultative');
    expect(result.classification.reasons.map((reason) => [reason.criterion, reason.tier])).toEqual([
      ['cost', 'autonomous'],
      ['crossDomain', 'autonomous'],
      ['horizon', 'consultative'],
      ['reversibility', 'autonomous'],
      ['guidelines', 'consultative'],
    ]);
  });

  it('follows a chosen tier; a less demanding one is an override, a more demanding one is not', () => {
    const consultative = { ...calm, reversibility: 'partial' } as const;
    expect(classifyRecord({ ...consultative, chosenTier: 'collaborative' }, [], [])).toMatchObject({
      tier: 'collaborative',
      override: false,
    });
    expect(classifyRecord({ ...consultative, chosenTier: 'autonomous' }, [], [])).toMatchObject({
      tier: 'autonomous',
      override: true,
    });
    expect(classifyRecord({ ...consultative, chosenTier: 'consultative' }, [], [])).toMatchObject({
      tier: 'consultative',
      override: false,
    });
  });

  it('flags a decision whose domain sits below the level its category suggests', () => {
    const domains = [domain('me', { level: 'individual' }), domain('team', { level: 'team' })];
    expect(classifyRecord({ ...calm, domainId: 'me', category: 'technical-decisions' }, domains, [])).toMatchObject({
      suggestedLevel: 'team',
      domainLevel: 'individual',
      belowLevel: true,
    });
    expect(classifyRecord({ ...calm, domainId: 'team', category: 'technical-decisions' }, domains, [])).toMatchObject({
      belowLevel: false,
    });
    expect(classifyRecord({ ...calm, domainId: 'team', category: 'task-prioritisation' }, domains, [])).toMatchObject({
      suggestedLevel: 'individual',
      belowLevel: false,
    });
    // Workspace-level decisions (no domain) are never flagged.
    expect(classifyRecord({ ...calm, category: 'major-experiments' }, domains, [])).toMatchObject({
      suggestedLevel: 'domain',
      belowLevel: false,
    });
  });

  it('throws a clear error for impact outside the contract', () => {
    expect(() => classifyRecord({ ...calm, cost: -1 }, [], [])).toThrow(/impact\.cost/);
  });
});

describe('categories', () => {
  it('map four each to individual, team and domain, in the order of decisionCategories, with labels', () => {
    expect(decisionCategories.map((category) => categoryLevels[category])).toEqual([
      ...Array<string>(4).fill('individual'),
      ...Array<string>(4).fill('team'),
      ...Array<string>(4).fill('domain'),
    ]);
    for (const category of decisionCategories) expect(categoryLabels[category]).toMatch(/^[A-Z][a-z -]+$/);
  });

  it('categoryFit compares levels', () => {
    expect(categoryFit('strategic-initiatives', 'team')).toEqual({ suggestedLevel: 'domain', belowLevel: true });
    expect(categoryFit('strategic-initiatives', 'domain')).toEqual({ suggestedLevel: 'domain', belowLevel: false });
    expect(categoryFit(null, 'individual')).toEqual({ suggestedLevel: null, belowLevel: false });
  });

  it('isOverride only for a chosen tier below the classified one', () => {
    expect(isOverride(null, 'collaborative')).toBe(false);
    expect(isOverride('consultative', 'collaborative')).toBe(true);
    expect(isOverride('collaborative', 'autonomous')).toBe(false);
  });
});
