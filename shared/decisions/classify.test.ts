import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../domains/format';
import {
  checkThresholdPolicy,
  classificationCriteria,
  classifyDecision,
  compareTiers,
  crossDomainEffects,
  horizons,
  mostDemanding,
  reversibilities,
  tierRank,
  tiers,
  type ImpactAssessment,
  type ThresholdPolicy,
  type Tier,
} from './classify';

const policy: ThresholdPolicy = { autonomousCostLimit: 1_000, consultativeCostLimit: 10_000 };

/** An impact that points to "autonomous" on every criterion, with changes. */
function impact(changes: Partial<ImpactAssessment> = {}): ImpactAssessment {
  return {
    cost: 0,
    crossDomain: 'none',
    horizon: 'short',
    reversibility: 'reversible',
    followsGuidelines: true,
    ...changes,
  };
}

function reasonOf(classified: ReturnType<typeof classifyDecision>, criterion: string) {
  return classified.reasons.find((reason) => reason.criterion === criterion);
}

/** Calls with anything, as forms and peers may. */
const classifyAny = (value: unknown, ...limits: unknown[]) =>
  classifyDecision(value as ImpactAssessment, (limits.length === 0 ? policy : limits[0]) as ThresholdPolicy);

describe('classifyDecision: cost', () => {
  it.each([
    [0, 'autonomous', 'Cost 0 is within the autonomous limit of 1,000'],
    [500, 'autonomous', 'Cost 500 is within the autonomous limit of 1,000'],
    [1_000, 'autonomous', 'Cost 1,000 is within the autonomous limit of 1,000'],
    [
      1_000.5,
      'consultative',
      'Cost 1,000.5 is above the autonomous limit of 1,000 and within the consultative limit of 10,000',
    ],
    [
      1_001,
      'consultative',
      'Cost 1,001 is above the autonomous limit of 1,000 and within the consultative limit of 10,000',
    ],
    [
      10_000,
      'consultative',
      'Cost 10,000 is above the autonomous limit of 1,000 and within the consultative limit of 10,000',
    ],
    [10_001, 'collaborative', 'Cost 10,001 is above the consultative limit of 10,000'],
    [14_000, 'collaborative', 'Cost 14,000 is above the consultative limit of 10,000'],
  ] as const)('cost %d points to %s', (cost, tier, message) => {
    const classified = classifyDecision(impact({ cost }), policy);
    expect(classified.reasons[0]).toEqual({ criterion: 'cost', tier, message });
    expect(classified.tier).toBe(tier);
  });

  it('takes both limits as inclusive when they are equal, and when they are 0', () => {
    const equal = { autonomousCostLimit: 5_000, consultativeCostLimit: 5_000 };
    expect(classifyDecision(impact({ cost: 5_000 }), equal).tier).toBe('autonomous');
    expect(classifyDecision(impact({ cost: 5_001 }), equal).tier).toBe('collaborative');
    const zero = { autonomousCostLimit: 0, consultativeCostLimit: 0 };
    expect(classifyDecision(impact({ cost: 0 }), zero).tier).toBe('autonomous');
    expect(classifyDecision(impact({ cost: 0.01 }), zero).reasons[0]?.message).toBe(
      'Cost 0.01 is above the consultative limit of 0',
    );
  });

  it('writes every cost and limit as formatNumber does', () => {
    expect(reasonOf(classifyDecision(impact({ cost: 1_234_567.891 }), policy), 'cost')?.message).toBe(
      'Cost 1,234,567.891 is above the consultative limit of 10,000',
    );
    expect(reasonOf(classifyDecision(impact({ cost: 1e21 }), policy), 'cost')?.message).toBe(
      `Cost ${formatNumber(1e21)} is above the consultative limit of 10,000`,
    );
    expect(reasonOf(classifyDecision(impact({ cost: -0 }), policy), 'cost')?.message).toBe(
      'Cost 0 is within the autonomous limit of 1,000',
    );
    const fractional = { autonomousCostLimit: 0.5, consultativeCostLimit: 2_500.25 };
    expect(reasonOf(classifyDecision(impact({ cost: 1 }), fractional), 'cost')?.message).toBe(
      'Cost 1 is above the autonomous limit of 0.5 and within the consultative limit of 2,500.25',
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.nat(), fc.maxSafeNat(), fc.double({ min: 0, max: 1e25, noNaN: true })),
        fc.oneof(fc.nat(), fc.double({ min: 0, max: 1e12, noNaN: true })),
        (cost, limit) => {
          const limits = { autonomousCostLimit: limit, consultativeCostLimit: limit };
          const message = classifyDecision(impact({ cost }), limits).reasons[0]?.message ?? '';
          expect(message.startsWith(`Cost ${formatNumber(cost)} is `)).toBe(true);
          expect(message.endsWith(` limit of ${formatNumber(limit)}`)).toBe(true);
        },
      ),
    );
  });

  it('follows a change of policy between calls', () => {
    classifyDecision(impact({ cost: 2_000 }), policy);
    const other = { autonomousCostLimit: 3_000, consultativeCostLimit: 30_000 };
    expect(classifyDecision(impact({ cost: 2_000 }), other).reasons[0]?.message).toBe(
      'Cost 2,000 is within the autonomous limit of 3,000',
    );
    expect(classifyDecision(impact({ cost: 40_000 }), other).reasons[0]?.message).toBe(
      'Cost 40,000 is above the consultative limit of 30,000',
    );
  });
});

describe('classifyDecision: the other criteria', () => {
  it.each([
    ['crossDomain', 'none', 'autonomous', 'No effect on other domains'],
    ['crossDomain', 'limited', 'consultative', 'Limited effect on other domains'],
    ['crossDomain', 'major', 'collaborative', 'Major effect on other domains'],
    ['horizon', 'short', 'autonomous', 'Short-term implications'],
    ['horizon', 'medium', 'consultative', 'Medium-term implications'],
    ['horizon', 'long', 'collaborative', 'Long-term implications'],
    ['reversibility', 'reversible', 'autonomous', 'Reversible'],
    ['reversibility', 'partial', 'consultative', 'Partially reversible'],
    ['reversibility', 'hard', 'collaborative', 'Hard to reverse'],
  ] as const)('%s %s points to %s', (criterion, value, tier, message) => {
    const classified = classifyDecision(impact({ [criterion]: value }), policy);
    expect(reasonOf(classified, criterion)).toEqual({ criterion, tier, message });
    expect(classified.tier).toBe(tier);
  });

  it('points to autonomous within the guidelines and to consultative beyond them', () => {
    const within = classifyDecision(impact({ followsGuidelines: true }), policy);
    expect(reasonOf(within, 'guidelines')).toEqual({
      criterion: 'guidelines',
      tier: 'autonomous',
      message: "Within the domain's established guidelines",
    });
    const beyond = classifyDecision(impact({ followsGuidelines: false }), policy);
    expect(reasonOf(beyond, 'guidelines')).toEqual({
      criterion: 'guidelines',
      tier: 'consultative',
      message: "Beyond the domain's established guidelines",
    });
    expect(beyond.tier).toBe('consultative');
  });
});

describe('classifyDecision: the tier and the reasons', () => {
  it('is autonomous only when every criterion is', () => {
    const classified = classifyDecision(impact({ cost: 800 }), policy);
    expect(classified.tier).toBe('autonomous');
    expect(classified.reasons.map((reason) => reason.tier)).toEqual(Array(5).fill('autonomous'));
  });

  it('takes the most demanding criterion', () => {
    expect(classifyDecision(impact({ cost: 14_000 }), policy).tier).toBe('collaborative');
    expect(classifyDecision(impact({ cost: 5_000, reversibility: 'hard' }), policy).tier).toBe('collaborative');
    expect(classifyDecision(impact({ crossDomain: 'limited', followsGuidelines: false }), policy).tier).toBe(
      'consultative',
    );
    expect(classifyDecision(impact({ horizon: 'medium', crossDomain: 'major' }), policy).tier).toBe('collaborative');
  });

  it('gives a full example in the contract', () => {
    expect(
      classifyDecision(
        { cost: 14_000, crossDomain: 'limited', horizon: 'short', reversibility: 'partial', followsGuidelines: true },
        policy,
      ),
    ).toEqual({
      tier: 'collaborative',
      reasons: [
        { criterion: 'cost', tier: 'collaborative', message: 'Cost 14,000 is above the consultative limit of 10,000' },
        { criterion: 'crossDomain', tier: 'consultative', message: 'Limited effect on other domains' },
        { criterion: 'horizon', tier: 'autonomous', message: 'Short-term implications' },
        { criterion: 'reversibility', tier: 'consultative', message: 'Partially reversible' },
        { criterion: 'guidelines', tier: 'autonomous', message: "Within the domain's established guidelines" },
      ],
    });
  });

  it('ignores fields outside the contract and shares frozen reasons', () => {
    const withExtra = { ...impact({ horizon: 'long' }), note: 'x' } as ImpactAssessment;
    const classified = classifyDecision(withExtra, policy);
    expect(classified.tier).toBe('collaborative');
    expect(Object.isFrozen(classified.reasons[2])).toBe(true);
    expect(classifyDecision(impact({ horizon: 'long' }), policy).reasons[2]).toBe(classified.reasons[2]);
  });
});

describe('classifyDecision: invalid input', () => {
  it.each([
    [undefined, 'impact is required'],
    [null, 'impact is required'],
    [5, 'impact must be an object (got 5)'],
    [[], 'impact must be an object (got an array)'],
  ])('refuses the impact %j', (value, message) => {
    expect(() => classifyAny(value)).toThrow(new Error(message));
  });

  it.each([
    [undefined, 'policy is required'],
    [null, 'policy is required'],
    ['x', 'policy must be an object (got "x")'],
  ])('refuses the policy %j', (value, message) => {
    expect(() => classifyAny(impact(), value)).toThrow(new Error(message));
  });

  it.each([
    [-1, 'impact.cost must be a finite number of 0 or more (got -1)'],
    [-0.01, 'impact.cost must be a finite number of 0 or more (got -0.01)'],
    [NaN, 'impact.cost must be a finite number of 0 or more (got NaN)'],
    [Infinity, 'impact.cost must be a finite number of 0 or more (got Infinity)'],
    [-Infinity, 'impact.cost must be a finite number of 0 or more (got -Infinity)'],
    ['12', 'impact.cost must be a finite number of 0 or more (got "12")'],
    [null, 'impact.cost must be a finite number of 0 or more (got null)'],
    [12n, 'impact.cost must be a finite number of 0 or more (got 12)'],
    [{}, 'impact.cost must be a finite number of 0 or more (got an object)'],
    [undefined, 'impact.cost is required'],
  ])('refuses the cost %s', (cost, message) => {
    expect(() => classifyAny({ ...impact(), cost })).toThrow(new Error(message));
  });

  it.each([
    ['crossDomain', 'some', 'impact.crossDomain must be one of none, limited, major (got "some")'],
    ['crossDomain', 'None', 'impact.crossDomain must be one of none, limited, major (got "None")'],
    ['crossDomain', 'toString', 'impact.crossDomain must be one of none, limited, major (got "toString")'],
    ['horizon', 'forever', 'impact.horizon must be one of short, medium, long (got "forever")'],
    ['horizon', 2, 'impact.horizon must be one of short, medium, long (got 2)'],
    ['reversibility', 'never', 'impact.reversibility must be one of reversible, partial, hard (got "never")'],
    ['reversibility', null, 'impact.reversibility must be one of reversible, partial, hard (got null)'],
    ['followsGuidelines', 'yes', 'impact.followsGuidelines must be true or false (got "yes")'],
    ['followsGuidelines', 1, 'impact.followsGuidelines must be true or false (got 1)'],
  ])('refuses %s %j', (field, value, message) => {
    expect(() => classifyAny({ ...impact(), [field]: value })).toThrow(new Error(message));
  });

  it.each(['cost', 'crossDomain', 'horizon', 'reversibility', 'followsGuidelines'])(
    'names the missing field %s',
    (field) => {
      const partial: Record<string, unknown> = { ...impact() };
      delete partial[field];
      expect(() => classifyAny(partial)).toThrow(new Error(`impact.${field} is required`));
    },
  );

  it.each([
    [
      { autonomousCostLimit: -5, consultativeCostLimit: 10 },
      'policy.autonomousCostLimit must be a finite number of 0 or more (got -5)',
    ],
    [
      { autonomousCostLimit: NaN, consultativeCostLimit: 10 },
      'policy.autonomousCostLimit must be a finite number of 0 or more (got NaN)',
    ],
    [
      { autonomousCostLimit: 1, consultativeCostLimit: -1 },
      'policy.consultativeCostLimit must be a finite number of 0 or more (got -1)',
    ],
    [
      { autonomousCostLimit: 1, consultativeCostLimit: Infinity },
      'policy.consultativeCostLimit must be a finite number of 0 or more (got Infinity)',
    ],
    [
      { autonomousCostLimit: '1', consultativeCostLimit: 10 },
      'policy.autonomousCostLimit must be a finite number of 0 or more (got "1")',
    ],
    [{ consultativeCostLimit: 10 }, 'policy.autonomousCostLimit is required'],
    [{ autonomousCostLimit: 1 }, 'policy.consultativeCostLimit is required'],
    [
      { autonomousCostLimit: 20_000, consultativeCostLimit: 10_000 },
      'policy.autonomousCostLimit (20,000) must not be above policy.consultativeCostLimit (10,000)',
    ],
  ])('refuses the policy %j', (limits, message) => {
    expect(() => classifyAny(impact(), limits)).toThrow(new Error(message));
  });

  it('checks the impact before the policy, field by field in the contract order', () => {
    expect(() => classifyAny({ ...impact(), cost: -1, horizon: 'x' }, {})).toThrow('impact.cost');
    expect(() => classifyAny({ ...impact(), horizon: 'x' }, {})).toThrow('impact.horizon');
    expect(() => classifyAny(impact(), {})).toThrow('policy.autonomousCostLimit is required');
  });
});

describe('checkThresholdPolicy', () => {
  it('returns the limits alone, or names the field with the given prefix', () => {
    expect(checkThresholdPolicy({ autonomousCostLimit: 1, consultativeCostLimit: 2, extra: 3 })).toEqual({
      autonomousCostLimit: 1,
      consultativeCostLimit: 2,
    });
    expect(() => checkThresholdPolicy({ autonomousCostLimit: 3, consultativeCostLimit: 2 }, 'limits')).toThrow(
      'limits.autonomousCostLimit (3) must not be above limits.consultativeCostLimit (2)',
    );
  });
});

describe('tiers', () => {
  it('ranks and compares tiers from the least to the most demanding', () => {
    expect(tiers.map(tierRank)).toEqual([0, 1, 2]);
    expect([...tiers].reverse().sort(compareTiers)).toEqual(['autonomous', 'consultative', 'collaborative']);
    expect(compareTiers('consultative', 'consultative')).toBe(0);
    expect(compareTiers('autonomous', 'collaborative')).toBeLessThan(0);
  });

  it('finds the most demanding tier', () => {
    expect(mostDemanding([])).toBe('autonomous');
    expect(mostDemanding(['consultative', 'autonomous'])).toBe('consultative');
    expect(mostDemanding(new Set<Tier>(['autonomous', 'collaborative', 'consultative']))).toBe('collaborative');
  });
});

const impacts = fc.record({
  cost: fc.oneof(fc.nat({ max: 100_000 }), fc.double({ min: 0, max: 1e9, noNaN: true })),
  crossDomain: fc.constantFrom(...crossDomainEffects),
  horizon: fc.constantFrom(...horizons),
  reversibility: fc.constantFrom(...reversibilities),
  followsGuidelines: fc.boolean(),
});
const policies = fc
  .tuple(fc.nat({ max: 50_000 }), fc.nat({ max: 50_000 }))
  .map(([a, b]) => ({ autonomousCostLimit: Math.min(a, b), consultativeCostLimit: Math.max(a, b) }));
const increase = fc.oneof(fc.nat({ max: 100_000 }), fc.double({ min: 0, max: 1e6, noNaN: true }));

/** The next value up of an ordered criterion (the same when it is at the top). */
function raise<T>(values: readonly T[], value: T, steps: number): T {
  return values[Math.min(values.indexOf(value) + steps, values.length - 1)] ?? value;
}

describe('classifyDecision: properties', () => {
  it('never lowers the tier when a criterion is raised', () => {
    fc.assert(
      fc.property(
        impacts,
        policies,
        fc.constantFrom(...classificationCriteria),
        increase,
        fc.integer({ min: 1, max: 2 }),
        (before, limits, criterion, amount, steps) => {
          const after: ImpactAssessment = { ...before };
          if (criterion === 'cost') after.cost = before.cost + amount;
          if (criterion === 'crossDomain') after.crossDomain = raise(crossDomainEffects, before.crossDomain, steps);
          if (criterion === 'horizon') after.horizon = raise(horizons, before.horizon, steps);
          if (criterion === 'reversibility') after.reversibility = raise(reversibilities, before.reversibility, steps);
          if (criterion === 'guidelines') after.followsGuidelines = false;
          const tierBefore = classifyDecision(before, limits).tier;
          const tierAfter = classifyDecision(after, limits).tier;
          expect(tierRank(tierAfter)).toBeGreaterThanOrEqual(tierRank(tierBefore));
        },
      ),
    );
  });

  it('never raises the tier when a limit is raised', () => {
    fc.assert(
      fc.property(impacts, policies, increase, fc.boolean(), (decision, before, amount, raiseAutonomous) => {
        const after = raiseAutonomous
          ? {
              ...before,
              autonomousCostLimit: Math.min(before.autonomousCostLimit + amount, before.consultativeCostLimit),
            }
          : { ...before, consultativeCostLimit: before.consultativeCostLimit + amount };
        const tierBefore = classifyDecision(decision, before).tier;
        const tierAfter = classifyDecision(decision, after).tier;
        expect(tierRank(tierAfter)).toBeLessThanOrEqual(tierRank(tierBefore));
      }),
    );
  });

  it('gives the most demanding reason as the tier, with five reasons in order', () => {
    fc.assert(
      fc.property(impacts, policies, (decision, limits) => {
        const classified = classifyDecision(decision, limits);
        expect(classified.reasons.map((reason) => reason.criterion)).toEqual([...classificationCriteria]);
        expect(classified.tier).toBe(mostDemanding(classified.reasons.map((reason) => reason.tier)));
        for (const reason of classified.reasons) expect(reason.message).not.toBe('');
      }),
    );
  });

  it('depends only on the impact and the policy, not on earlier calls', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(impacts, policies), { minLength: 2, maxLength: 8 }), (calls) => {
        const first = calls.map(([decision, limits]) => classifyDecision(decision, limits));
        const again = [...calls].reverse().map(([decision, limits]) => classifyDecision(decision, limits));
        expect(again.reverse()).toEqual(first);
      }),
    );
  });
});
