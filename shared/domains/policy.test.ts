import { describe, expect, it } from 'vitest';
import type { HierarchyDomain } from './hierarchy';
import {
  DEFAULT_LIMITS,
  describeChange,
  effectivePolicy,
  policyFor,
  policyHistory,
  validateLimits,
  type PolicyChange,
  type PolicyRecord,
} from './policy';

function domain(id: string, parentId: string | null, extra: Partial<HierarchyDomain> = {}): HierarchyDomain {
  return { id, parentId, level: 'team', name: id.charAt(0).toUpperCase() + id.slice(1), deletedAt: null, ...extra };
}

function policy(
  id: string,
  domainId: string | null,
  autonomous: number | null,
  consultative: number | null,
  extra: Partial<PolicyRecord> = {},
): PolicyRecord {
  return {
    id,
    domainId,
    autonomousCostLimit: autonomous,
    consultativeCostLimit: consultative,
    updatedAt: 100,
    deletedAt: null,
    ...extra,
  };
}

function change(id: string, changedAt: number, extra: Partial<PolicyChange> = {}): PolicyChange {
  return {
    id,
    changedAt,
    changedBy: 'u1',
    changedByName: 'Ada',
    fromAutonomous: 1_000,
    fromConsultative: 10_000,
    toAutonomous: 2_000,
    toConsultative: 10_000,
    reason: 'More trust after the pilot.',
    ...extra,
  };
}

/** org ⊃ platform ⊃ infra */
const domains = [domain('org', null), domain('platform', 'org'), domain('infra', 'platform')];

describe('policyFor', () => {
  it('finds the live policy of a domain or of the workspace', () => {
    const policies = [policy('p1', 'org', 1, 2), policy('w', null, 3, 4)];
    expect(policyFor(policies, 'org')?.id).toBe('p1');
    expect(policyFor(policies, null)?.id).toBe('w');
    expect(policyFor(policies, 'platform')).toBeNull();
  });

  it('ignores policies in the trash', () => {
    expect(policyFor([policy('p1', 'org', 1, 2, { deletedAt: 5 })], 'org')).toBeNull();
  });

  it('picks the most recently updated of concurrent records, ties by greatest id, in any order', () => {
    const older = policy('z', 'org', 1, 2, { updatedAt: 10 });
    const newer = policy('a', 'org', 1, 2, { updatedAt: 20 });
    const tie = policy('b', 'org', 1, 2, { updatedAt: 20 });
    expect(policyFor([older, newer, tie], 'org')).toBe(tie);
    expect(policyFor([tie, newer, older], 'org')).toBe(tie);
    expect(policyFor([older, newer], 'org')).toBe(newer);
  });
});

describe('effectivePolicy', () => {
  it('uses the built-in defaults when nothing is set anywhere', () => {
    expect(effectivePolicy(domains, [], 'infra')).toEqual({
      limits: DEFAULT_LIMITS,
      source: { kind: 'default' },
      policyId: null,
      problem: null,
    });
    expect(DEFAULT_LIMITS).toEqual({ autonomousCostLimit: 1_000, consultativeCostLimit: 10_000 });
    expect(Object.isFrozen(DEFAULT_LIMITS)).toBe(true);
  });

  it('prefers the domain’s own override', () => {
    const policies = [policy('own', 'infra', 50, 500), policy('up', 'org', 5, 50), policy('w', null, 1, 2)];
    expect(effectivePolicy(domains, policies, 'infra')).toEqual({
      limits: { autonomousCostLimit: 50, consultativeCostLimit: 500 },
      source: { kind: 'own' },
      policyId: 'own',
      problem: null,
    });
  });

  it('inherits from the nearest ancestor with an override, skipping inheriting records', () => {
    const policies = [policy('own', 'infra', null, null), policy('up', 'org', 5, 50), policy('w', null, 1, 2)];
    expect(effectivePolicy(domains, policies, 'infra')).toMatchObject({
      limits: { autonomousCostLimit: 5, consultativeCostLimit: 50 },
      source: { kind: 'inherited', fromDomainId: 'org' },
      policyId: 'up',
      problem: null,
    });
  });

  it('falls back to the workspace default policy', () => {
    const policies = [policy('w', null, 300, 3_000)];
    expect(effectivePolicy(domains, policies, 'infra')).toMatchObject({
      limits: { autonomousCostLimit: 300, consultativeCostLimit: 3_000 },
      source: { kind: 'workspace' },
      policyId: 'w',
    });
    expect(effectivePolicy(domains, policies, null).source).toEqual({ kind: 'workspace' });
  });

  it('for workspace-level decisions looks only at the workspace default', () => {
    expect(effectivePolicy(domains, [policy('own', 'org', 5, 50)], null).source).toEqual({ kind: 'default' });
  });

  it('skips an override whose autonomous limit is above its consultative limit, and says so', () => {
    const policies = [policy('own', 'infra', 5_000, 1_000), policy('up', 'org', 5, 50)];
    expect(effectivePolicy(domains, policies, 'infra')).toEqual({
      limits: { autonomousCostLimit: 5, consultativeCostLimit: 50 },
      source: { kind: 'inherited', fromDomainId: 'org' },
      policyId: 'up',
      problem:
        'The policy of Infra has an autonomous limit (5,000) above its consultative limit (1,000), so it is ignored until someone fixes it.',
    });
  });

  it('skips an override with only one limit set, and a broken workspace default', () => {
    const half = effectivePolicy(domains, [policy('own', 'platform', 10, null)], 'platform');
    expect(half.source).toEqual({ kind: 'default' });
    expect(half.problem).toBe(
      'The policy of Platform has only its autonomous limit set, so it is ignored until someone fixes it.',
    );
    const workspace = effectivePolicy(domains, [policy('w', null, null, -1)], 'org');
    expect(workspace.problem).toBe(
      'The workspace default policy has only its consultative limit set, so it is ignored until someone fixes it.',
    );
    const notNumbers = effectivePolicy(domains, [policy('w', null, Number.NaN, 10)], null);
    expect(notNumbers.problem).toBe(
      'The workspace default policy has a limit that is not a number of 0 or more, so it is ignored until someone fixes it.',
    );
  });

  it('reports the nearest problem when several records are unusable', () => {
    const policies = [policy('own', 'infra', 9, 1), policy('mid', 'platform', 8, 1), policy('w', null, 2, 3)];
    const result = effectivePolicy(domains, policies, 'infra');
    expect(result.source).toEqual({ kind: 'workspace' });
    expect(result.problem).toMatch(/^The policy of Infra /);
  });

  it('uses the record concurrent writes settled on', () => {
    const policies = [policy('a', 'infra', 1, 10, { updatedAt: 1 }), policy('b', 'infra', 2, 20, { updatedAt: 2 })];
    expect(effectivePolicy(domains, policies, 'infra')).toMatchObject({ policyId: 'b', source: { kind: 'own' } });
  });

  it('does not inherit through a parent in the trash', () => {
    const trashed = domains.map((d) => (d.id === 'platform' ? { ...d, deletedAt: 1 } : d));
    const policies = [policy('mid', 'platform', 8, 80), policy('up', 'org', 5, 50), policy('w', null, 1, 2)];
    expect(effectivePolicy(trashed, policies, 'infra').source).toEqual({ kind: 'workspace' });
  });

  it('lets a domain in the trash use its own policy and its live parent’s', () => {
    const trashed = domains.map((d) => (d.id === 'infra' ? { ...d, deletedAt: 1 } : d));
    expect(effectivePolicy(trashed, [policy('own', 'infra', 3, 4)], 'infra').source).toEqual({ kind: 'own' });
    expect(effectivePolicy(trashed, [policy('mid', 'platform', 3, 4)], 'infra').source).toEqual({
      kind: 'inherited',
      fromDomainId: 'platform',
    });
  });

  it('ends on a cycle and inherits from the workspace as the tree shows', () => {
    const cyclic = [domain('a', 'b'), domain('b', 'a'), domain('c', 'a')];
    const policies = [policy('pb', 'b', 7, 70), policy('w', null, 1, 2)];
    expect(effectivePolicy(cyclic, policies, 'a').source).toEqual({ kind: 'workspace' });
    expect(effectivePolicy(cyclic, policies, 'b').source).toEqual({ kind: 'own' });
    expect(effectivePolicy(cyclic, [policy('pa', 'a', 7, 70)], 'c').source).toEqual({
      kind: 'inherited',
      fromDomainId: 'a',
    });
  });

  it('uses an unknown domain’s own policy, then the workspace', () => {
    expect(effectivePolicy(domains, [policy('x', 'ghost', 1, 2)], 'ghost').source).toEqual({ kind: 'own' });
    expect(effectivePolicy(domains, [policy('w', null, 1, 2)], 'ghost').source).toEqual({ kind: 'workspace' });
  });

  it('returns a copy of the defaults, never the shared object', () => {
    const result = effectivePolicy(domains, [], null);
    expect(result.limits).not.toBe(DEFAULT_LIMITS);
  });
});

describe('validateLimits', () => {
  it('accepts two limits with autonomous not above consultative', () => {
    expect(validateLimits({ autonomousCostLimit: 1_000, consultativeCostLimit: 10_000 })).toEqual({
      ok: true,
      limits: { autonomousCostLimit: 1_000, consultativeCostLimit: 10_000 },
    });
    expect(validateLimits({ autonomousCostLimit: 0, consultativeCostLimit: 0 })).toEqual({
      ok: true,
      limits: { autonomousCostLimit: 0, consultativeCostLimit: 0 },
    });
    expect(validateLimits({ autonomousCostLimit: 500.5, consultativeCostLimit: 500.5 }).ok).toBe(true);
  });

  it('accepts plain decimal strings from a text field', () => {
    expect(validateLimits({ autonomousCostLimit: ' 250 ', consultativeCostLimit: '2500.75' })).toEqual({
      ok: true,
      limits: { autonomousCostLimit: 250, consultativeCostLimit: 2500.75 },
    });
  });

  it('turns minus zero into zero', () => {
    const result = validateLimits({ autonomousCostLimit: -0, consultativeCostLimit: 1 });
    expect(result.ok && Object.is(result.limits.autonomousCostLimit, 0)).toBe(true);
  });

  it('requires both limits', () => {
    expect(validateLimits({ autonomousCostLimit: undefined, consultativeCostLimit: '  ' })).toEqual({
      ok: false,
      errors: {
        autonomousCostLimit: 'Enter the autonomous limit.',
        consultativeCostLimit: 'Enter the consultative limit.',
      },
    });
    expect(validateLimits({ autonomousCostLimit: null, consultativeCostLimit: 5 })).toEqual({
      ok: false,
      errors: { autonomousCostLimit: 'Enter the autonomous limit.' },
    });
  });

  it('refuses values that are not finite numbers', () => {
    expect(validateLimits({ autonomousCostLimit: 'lots', consultativeCostLimit: Number.NaN })).toEqual({
      ok: false,
      errors: {
        autonomousCostLimit: 'The autonomous limit must be a number.',
        consultativeCostLimit: 'The consultative limit must be a number.',
      },
    });
    expect(validateLimits({ autonomousCostLimit: 1, consultativeCostLimit: Number.POSITIVE_INFINITY })).toEqual({
      ok: false,
      errors: { consultativeCostLimit: 'The consultative limit must be a finite number.' },
    });
    expect(validateLimits({ autonomousCostLimit: '1,000', consultativeCostLimit: true }).ok).toBe(false);
  });

  it('refuses negative limits', () => {
    expect(validateLimits({ autonomousCostLimit: -1, consultativeCostLimit: '-5' })).toEqual({
      ok: false,
      errors: {
        autonomousCostLimit: 'The autonomous limit must not be negative.',
        consultativeCostLimit: 'The consultative limit must not be negative.',
      },
    });
  });

  it('refuses an autonomous limit above the consultative one, on the autonomous field', () => {
    expect(validateLimits({ autonomousCostLimit: 20_000, consultativeCostLimit: 10_000 })).toEqual({
      ok: false,
      errors: { autonomousCostLimit: 'The autonomous limit must not be above the consultative limit (10,000).' },
    });
  });
});

describe('policyHistory', () => {
  it('collects the changes of all records of the domain, trash included, newest first', () => {
    const policies = [
      policy('a', 'org', 1, 2, { changes: { c1: change('c1', 10), c3: change('c3', 30) } }),
      policy('b', 'org', 1, 2, { deletedAt: 5, changes: { c2: change('c2', 20) } }),
      policy('c', 'platform', 1, 2, { changes: { c4: change('c4', 40) } }),
      policy('d', 'org', null, null),
    ];
    expect(policyHistory(policies, 'org').map((c) => c.id)).toEqual(['c3', 'c2', 'c1']);
    expect(policyHistory(policies, 'ghost')).toEqual([]);
  });

  it('orders changes made at the same time by id', () => {
    const policies = [
      policy('a', null, 1, 2, { changes: { y: change('y', 10), x: change('x', 10), z: change('z', 11) } }),
    ];
    expect(policyHistory(policies, null).map((c) => c.id)).toEqual(['z', 'x', 'y']);
  });
});

describe('describeChange', () => {
  const limits = (fromA: number | null, fromC: number | null, toA: number | null, toC: number | null) =>
    describeChange({ fromAutonomous: fromA, fromConsultative: fromC, toAutonomous: toA, toConsultative: toC });

  it('says which limit changed and which stayed', () => {
    expect(limits(1_000, 10_000, 2_000, 10_000)).toBe(
      'Autonomous limit 1,000 → 2,000; consultative limit unchanged (10,000)',
    );
    expect(limits(1_000, 10_000, 1_000, 8_000)).toBe(
      'Autonomous limit unchanged (1,000); consultative limit 10,000 → 8,000',
    );
    expect(limits(1_000, 10_000, 500, 5_000)).toBe('Autonomous limit 1,000 → 500; consultative limit 10,000 → 5,000');
  });

  it('describes starting and ending an override', () => {
    expect(limits(null, null, 2_000, 20_000)).toBe(
      'Started overriding: autonomous limit 2,000, consultative limit 20,000',
    );
    expect(limits(2_000, 20_000, null, null)).toBe(
      'Back to inheriting (was autonomous limit 2,000, consultative limit 20,000)',
    );
    expect(limits(null, null, null, null)).toBe('Still inheriting');
  });

  it('copes with a half-set limit from a merge', () => {
    expect(limits(1_000, null, 1_000, 5_000)).toBe(
      'Autonomous limit unchanged (1,000); consultative limit not set → 5,000',
    );
  });
});
