import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ThresholdPolicy } from './classify';
import {
  progressionDefaults,
  reviewOutcomes,
  roundLimit,
  suggestThresholds,
  type ProgressionOptions,
  type ReviewedDecision,
} from './progression';

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 23, 12);
const policy: ThresholdPolicy = { autonomousCostLimit: 1_000, consultativeCostLimit: 10_000 };
const options: ProgressionOptions = { now };

let nextId = 0;
function reviewed(changes: Partial<ReviewedDecision> = {}): ReviewedDecision {
  nextId += 1;
  return {
    id: `d${nextId}`,
    tier: 'autonomous',
    cost: 400,
    outcome: 'worked',
    rolledBack: false,
    overridden: false,
    escalated: false,
    reviewedAt: now - 10 * DAY,
    ...changes,
  };
}

function many(count: number, changes: Partial<ReviewedDecision> = {}): ReviewedDecision[] {
  return Array.from({ length: count }, () => reviewed(changes));
}

describe('suggestThresholds: not enough data', () => {
  it('keeps the limits when nothing was reviewed', () => {
    expect(suggestThresholds([], policy, options)).toEqual({
      direction: 'keep',
      limits: policy,
      evidence: {
        count: 0,
        worked: 0,
        partly: 0,
        failed: 0,
        rollbacks: 0,
        overrides: 0,
        escalations: 0,
        setbacks: 0,
        successRate: 0,
      },
      reasons: [
        'No autonomous or consultative decision reviewed in the last 90 days',
        'Keep the limits: at least 5 reviewed decisions are needed to suggest a change',
      ],
    });
  });

  it('keeps the limits below the minimum sample, however good the record', () => {
    const suggestion = suggestThresholds(many(4), policy, options);
    expect(suggestion.direction).toBe('keep');
    expect(suggestion.evidence.successRate).toBe(1);
    expect(suggestion.reasons).toEqual([
      '4 autonomous and consultative decisions reviewed in the last 90 days',
      'Keep the limits: at least 5 reviewed decisions are needed to suggest a change',
    ]);
  });

  it('says one decision in the singular, and follows a custom minimum sample', () => {
    const suggestion = suggestThresholds(many(1), policy, { now, minimumSample: 1 });
    expect(suggestion.direction).toBe('raise');
    expect(suggestion.reasons[0]).toBe('1 autonomous or consultative decision reviewed in the last 90 days');
    expect(suggestThresholds(many(5), policy, { now, minimumSample: 6 }).reasons.at(-1)).toBe(
      'Keep the limits: at least 6 reviewed decisions are needed to suggest a change',
    );
  });

  it('keeps a single setback in a small record: one failure is not yet a pattern', () => {
    const suggestion = suggestThresholds([reviewed({ outcome: 'failed' }), reviewed()], policy, options);
    expect(suggestion.direction).toBe('keep');
    expect(suggestion.evidence).toMatchObject({ count: 2, failed: 1, setbacks: 1 });
  });
});

describe('suggestThresholds: raise', () => {
  it('raises both limits by 25 % when the record is good', () => {
    const suggestion = suggestThresholds(many(5), policy, options);
    expect(suggestion).toEqual({
      direction: 'raise',
      limits: { autonomousCostLimit: 1_250, consultativeCostLimit: 12_500 },
      evidence: {
        count: 5,
        worked: 5,
        partly: 0,
        failed: 0,
        rollbacks: 0,
        overrides: 0,
        escalations: 0,
        setbacks: 0,
        successRate: 1,
      },
      reasons: [
        '5 autonomous and consultative decisions reviewed in the last 90 days',
        '5 of 5 worked (100%), at least the 80% needed to raise the limits',
        'No rollbacks in the last 90 days',
        '0 of 5 escalated (0%), within the 20% that allows raising',
        'Raise the autonomous limit from 1,000 to 1,250 and the consultative limit from 10,000 to 12,500 (+25%)',
      ],
    });
  });

  it('raises at exactly the success rate and the escalation rate allowed', () => {
    const decisions = [...many(8), ...many(2, { outcome: 'partly', escalated: true })];
    const suggestion = suggestThresholds(decisions, policy, options);
    expect(suggestion.direction).toBe('raise');
    expect(suggestion.evidence).toMatchObject({ count: 10, worked: 8, partly: 2, escalations: 2, successRate: 0.8 });
  });

  it('counts consultative decisions and reports overrides as evidence', () => {
    const decisions = [...many(3, { tier: 'consultative' }), ...many(3, { overridden: true })];
    const suggestion = suggestThresholds(decisions, policy, options);
    expect(suggestion.direction).toBe('raise');
    expect(suggestion.evidence.overrides).toBe(3);
    expect(suggestion.reasons[1]).toBe('3 of 6 decided in a less demanding tier than classified');
  });

  it('rounds raised limits to nice numbers and raises by a custom step', () => {
    const odd = { autonomousCostLimit: 1_250, consultativeCostLimit: 12_500 };
    expect(suggestThresholds(many(5), odd, options).limits).toEqual({
      autonomousCostLimit: 1_550,
      consultativeCostLimit: 15_500,
    });
    const halfMore = suggestThresholds(many(5), policy, { now, step: 0.5 });
    expect(halfMore.limits).toEqual({ autonomousCostLimit: 1_500, consultativeCostLimit: 15_000 });
    expect(halfMore.reasons.at(-1)).toBe(
      'Raise the autonomous limit from 1,000 to 1,500 and the consultative limit from 10,000 to 15,000 (+50%)',
    );
  });

  it('keeps an autonomous limit of 0 at 0 and raises the consultative one', () => {
    const suggestion = suggestThresholds(many(5), { autonomousCostLimit: 0, consultativeCostLimit: 10_000 }, options);
    expect(suggestion.direction).toBe('raise');
    expect(suggestion.limits).toEqual({ autonomousCostLimit: 0, consultativeCostLimit: 12_500 });
    expect(suggestion.reasons.at(-1)).toBe(
      'Raise the consultative limit from 10,000 to 12,500 (+25%); keep the autonomous limit at 0',
    );
  });

  it('keeps limits of 0, which a percentage cannot raise', () => {
    const zero = { autonomousCostLimit: 0, consultativeCostLimit: 0 };
    const suggestion = suggestThresholds(many(5), zero, options);
    expect(suggestion.direction).toBe('keep');
    expect(suggestion.limits).toEqual(zero);
    expect(suggestion.reasons.at(-1)).toBe(
      'Keep the limits: they are 0, which a percentage cannot raise; set them by hand',
    );
  });
});

describe('suggestThresholds: keep', () => {
  it('keeps when too few worked', () => {
    const suggestion = suggestThresholds([...many(7), ...many(3, { outcome: 'partly' })], policy, options);
    expect(suggestion.direction).toBe('keep');
    expect(suggestion.limits).toEqual(policy);
    expect(suggestion.reasons).toEqual([
      '10 autonomous and consultative decisions reviewed in the last 90 days',
      '7 of 10 worked (70%), below the 80% needed to raise the limits',
      'Keep the limits: the record is not strong enough to raise them nor weak enough to lower them',
    ]);
  });

  it('keeps after a single rollback in a good record', () => {
    const suggestion = suggestThresholds(
      [...many(9), reviewed({ outcome: 'partly', rolledBack: true })],
      policy,
      options,
    );
    expect(suggestion.direction).toBe('keep');
    expect(suggestion.evidence).toMatchObject({ rollbacks: 1, setbacks: 1, successRate: 0.9 });
    expect(suggestion.reasons).toContain('1 rollback in the last 90 days; raising needs none');
  });

  it('keeps when many decisions were escalated', () => {
    const suggestion = suggestThresholds([...many(7), ...many(3, { escalated: true })], policy, options);
    expect(suggestion.direction).toBe('keep');
    expect(suggestion.reasons).toEqual([
      '10 autonomous and consultative decisions reviewed in the last 90 days',
      '3 of 10 escalated (30%), above the 20% that allows raising',
      'Keep the limits: the record is not strong enough to raise them nor weak enough to lower them',
    ]);
  });

  it('lists every condition for raising that is not met', () => {
    const decisions = [
      ...many(5),
      ...many(3, { outcome: 'partly', escalated: true }),
      ...many(2, { outcome: 'partly', rolledBack: true, escalated: true }),
    ];
    const suggestion = suggestThresholds(decisions, policy, { ...options, minimumSetbacks: 3 });
    expect(suggestion.direction).toBe('keep');
    expect(suggestion.reasons.slice(1)).toEqual([
      '5 of 10 worked (50%), below the 80% needed to raise the limits',
      '2 rollbacks in the last 90 days; raising needs none',
      '5 of 10 escalated (50%), above the 20% that allows raising',
      'Keep the limits: the record is not strong enough to raise them nor weak enough to lower them',
    ]);
  });
});

describe('suggestThresholds: lower', () => {
  it('lowers both limits by 25 % after failures', () => {
    const suggestion = suggestThresholds([...many(6), ...many(2, { outcome: 'failed' })], policy, options);
    expect(suggestion.direction).toBe('lower');
    expect(suggestion.limits).toEqual({ autonomousCostLimit: 750, consultativeCostLimit: 7_500 });
    expect(suggestion.reasons).toEqual([
      '8 autonomous and consultative decisions reviewed in the last 90 days',
      '2 of 8 failed or were rolled back (25%), at or above the 25% that calls for lower limits',
      'Lower the autonomous limit from 1,000 to 750 and the consultative limit from 10,000 to 7,500 (−25%)',
    ]);
  });

  it('does not lower just below the setback rate', () => {
    const suggestion = suggestThresholds([...many(7), ...many(2, { outcome: 'failed' })], policy, options);
    expect(suggestion.direction).toBe('keep');
    expect(suggestion.evidence.setbacks).toBe(2);
  });

  it('lowers after repeated setbacks even in a small record', () => {
    const suggestion = suggestThresholds([reviewed(), ...many(2, { outcome: 'failed' })], policy, options);
    expect(suggestion.direction).toBe('lower');
    expect(suggestion.evidence).toMatchObject({ count: 3, failed: 2, setbacks: 2 });
  });

  it('counts a decision that failed and was rolled back as one setback', () => {
    const decisions = [
      ...many(6),
      reviewed({ outcome: 'failed', rolledBack: true }),
      reviewed({ outcome: 'partly', rolledBack: true }),
    ];
    const suggestion = suggestThresholds(decisions, policy, options);
    expect(suggestion.direction).toBe('lower');
    expect(suggestion.evidence).toMatchObject({ count: 8, failed: 1, rollbacks: 2, setbacks: 2 });
    expect(suggestThresholds([...decisions, ...many(10)], policy, options).evidence.setbacks).toBe(2);
  });

  it('lowers before it would raise when custom thresholds overlap', () => {
    const decisions = [...many(9), reviewed({ outcome: 'failed' }), reviewed({ outcome: 'failed' })];
    const suggestion = suggestThresholds(decisions, policy, { now, lowerAtSetbackRate: 0.1 });
    expect(suggestion.direction).toBe('lower');
  });

  it('keeps limits of 0, which cannot go lower', () => {
    const zero = { autonomousCostLimit: 0, consultativeCostLimit: 0 };
    const suggestion = suggestThresholds(many(3, { outcome: 'failed' }), zero, options);
    expect(suggestion.direction).toBe('keep');
    expect(suggestion.reasons.at(-1)).toBe('Keep the limits: they are 0 already and cannot go lower');
  });
});

describe('suggestThresholds: the record', () => {
  it('reads only the window, from its first millisecond, and leaves collaborative decisions out', () => {
    const decisions = [
      ...many(5),
      reviewed({ reviewedAt: now - 90 * DAY }),
      ...many(3, { outcome: 'failed', reviewedAt: now - 90 * DAY - 1 }),
      ...many(3, { outcome: 'failed', tier: 'collaborative' }),
    ];
    const suggestion = suggestThresholds(decisions, policy, options);
    expect(suggestion.evidence.count).toBe(6);
    expect(suggestion.direction).toBe('raise');
    const longer = suggestThresholds(decisions, policy, { now, windowDays: 120 });
    expect(longer.direction).toBe('lower');
    expect(longer.reasons[0]).toBe('9 autonomous and consultative decisions reviewed in the last 120 days');
  });

  it('suggests the same whatever the order of the decisions', () => {
    const decision = fc.record({
      id: fc.string(),
      tier: fc.constantFrom('autonomous', 'consultative', 'collaborative' as const),
      cost: fc.option(fc.nat()),
      outcome: fc.constantFrom(...reviewOutcomes),
      rolledBack: fc.boolean(),
      overridden: fc.boolean(),
      escalated: fc.boolean(),
      reviewedAt: fc.integer({ min: now - 200 * DAY, max: now }),
    });
    fc.assert(
      fc.property(fc.array(decision, { maxLength: 30 }), (decisions) => {
        const reversed = [...decisions].reverse();
        expect(suggestThresholds(reversed, policy, options)).toEqual(suggestThresholds(decisions, policy, options));
      }),
    );
  });

  it('moves the limits in the suggested direction and keeps them in order', () => {
    const outcomes = fc.record({
      outcome: fc.constantFrom(...reviewOutcomes),
      rolledBack: fc.boolean(),
      escalated: fc.boolean(),
    });
    const limits = fc
      .tuple(fc.double({ min: 0, max: 1e9, noNaN: true }), fc.double({ min: 0, max: 1e9, noNaN: true }))
      .map(([a, b]) => ({ autonomousCostLimit: Math.min(a, b), consultativeCostLimit: Math.max(a, b) }));
    fc.assert(
      fc.property(fc.array(outcomes, { maxLength: 20 }), limits, (records, current) => {
        const suggestion = suggestThresholds(
          records.map((record) => reviewed(record)),
          current,
          options,
        );
        const { autonomousCostLimit: autonomous, consultativeCostLimit: consultative } = suggestion.limits;
        expect(autonomous).toBeLessThanOrEqual(consultative);
        if (suggestion.direction === 'raise') {
          expect(autonomous).toBeGreaterThanOrEqual(current.autonomousCostLimit);
          expect(consultative).toBeGreaterThan(current.consultativeCostLimit);
        } else if (suggestion.direction === 'lower') {
          expect(autonomous).toBeLessThanOrEqual(current.autonomousCostLimit);
          expect(consultative).toBeLessThan(current.consultativeCostLimit);
        } else {
          expect(suggestion.limits).toEqual(current);
        }
      }),
    );
  });
});

describe('suggestThresholds: invalid input', () => {
  const call = (decisions: unknown, limits: unknown, settings: unknown) => () =>
    suggestThresholds(decisions as ReviewedDecision[], limits as ThresholdPolicy, settings as ProgressionOptions);

  it('names the field that is wrong', () => {
    expect(call('x', policy, options)).toThrow('decisions must be a list');
    expect(call([], undefined, options)).toThrow('policy is required');
    expect(call([], { autonomousCostLimit: 20_000, consultativeCostLimit: 10_000 }, options)).toThrow(
      'policy.autonomousCostLimit (20,000) must not be above policy.consultativeCostLimit (10,000)',
    );
    expect(call([], policy, undefined)).toThrow('options is required');
    expect(call([], policy, { now: NaN })).toThrow('options.now must be a time in milliseconds (got NaN)');
    expect(call([], policy, { now, windowDays: 0 })).toThrow('options.windowDays must be a number of days above 0');
    expect(call([], policy, { now, minimumSample: 0 })).toThrow('options.minimumSample must be a whole number of 1');
    expect(call([], policy, { now, minimumSetbacks: 1.5 })).toThrow('options.minimumSetbacks must be a whole number');
    expect(call([], policy, { now, step: 0.01 })).toThrow('options.step must be a number from 0.05 to 0.9 (got 0.01)');
    expect(call([], policy, { now, raiseAtSuccessRate: 2 })).toThrow('options.raiseAtSuccessRate must be a number');
    expect(call([reviewed(), { ...reviewed(), outcome: 'great' }], policy, options)).toThrow(
      'decisions[1].outcome must be one of worked, partly, failed (got "great")',
    );
    expect(call([{ ...reviewed(), tier: 'solo' }], policy, options)).toThrow(
      'decisions[0].tier must be one of autonomous, consultative, collaborative (got "solo")',
    );
    expect(call([{ ...reviewed(), rolledBack: 'no' }], policy, options)).toThrow(
      'decisions[0].rolledBack must be true or false',
    );
    expect(call([{ ...reviewed(), reviewedAt: undefined }], policy, options)).toThrow(
      'decisions[0].reviewedAt must be a time in milliseconds (got undefined)',
    );
    expect(call([null], policy, options)).toThrow('decisions[0] must be an object');
  });

  it('uses the defaults for options left out or undefined', () => {
    expect(progressionDefaults).toMatchObject({ windowDays: 90, minimumSample: 5, step: 0.25 });
    expect(suggestThresholds(many(5), policy, { now, step: undefined }).limits.autonomousCostLimit).toBe(1_250);
  });
});

describe('roundLimit', () => {
  it.each([
    [0, 0],
    [-3, 0],
    [1_250, 1_250],
    [15_625, 15_500],
    [1_562.5, 1_550],
    [123_456, 125_000],
    [750, 750],
    [999.9999, 1_000],
    [0.9375, 0.94],
    [0.0125, 0.0125],
    [37.5, 37.5],
    [7, 7],
  ])('rounds %d to %d', (value, rounded) => {
    expect(roundLimit(value)).toBe(rounded);
  });

  it('is monotonic, idempotent and moves a value by at most 2.5 %', () => {
    const values = fc.double({ min: 1e-6, max: 1e15, noNaN: true });
    fc.assert(
      fc.property(values, values, (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(roundLimit(low)).toBeLessThanOrEqual(roundLimit(high));
        expect(roundLimit(roundLimit(a))).toBe(roundLimit(a));
        expect(Math.abs(roundLimit(a) - a)).toBeLessThanOrEqual(a * 0.025 + 1e-9);
      }),
    );
  });
});

describe('suggestThresholds: since the limits last changed', () => {
  it('counts only decisions reviewed after the change, so an accepted suggestion does not come back', () => {
    const changedAt = now - 10 * DAY;
    const before = many(2, { outcome: 'failed', reviewedAt: changedAt - DAY });
    const atChange = reviewed({ outcome: 'failed', reviewedAt: changedAt });
    const after = many(3, { reviewedAt: changedAt + DAY });
    const suggestion = suggestThresholds([...before, atChange, ...after], policy, { now, limitsChangedAt: changedAt });
    expect(suggestion.evidence).toMatchObject({ count: 3, worked: 3, failed: 0 });
    expect(suggestion.direction).toBe('keep');
    expect(suggestion.reasons[0]).toBe(
      '3 autonomous and consultative decisions reviewed since the limits last changed',
    );
    // Without the change the two failures lower the limits.
    expect(suggestThresholds([...before, atChange, ...after], policy, options).direction).toBe('lower');
  });

  it('keeps the 90-day window when the change is older, and ignores null', () => {
    const decisions = many(5, { reviewedAt: now - 30 * DAY });
    for (const limitsChangedAt of [now - 200 * DAY, null]) {
      const suggestion = suggestThresholds(decisions, policy, { now, limitsChangedAt });
      expect(suggestion.direction).toBe('raise');
      expect(suggestion.reasons[0]).toBe('5 autonomous and consultative decisions reviewed in the last 90 days');
    }
  });

  it('refuses a change time that is not a time', () => {
    expect(() => suggestThresholds([], policy, { now, limitsChangedAt: Number.NaN })).toThrow(
      'options.limitsChangedAt must be a time in milliseconds or null (got NaN)',
    );
  });
});
