import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultThresholds, metricDefinitions, metricKeys, type MetricThresholds } from './definitions';
import { checkThresholds, lightOf, trendOf } from './trend';

describe('trendOf', () => {
  it('compares the current value with the mean of the previous ones that had data', () => {
    expect(trendOf([2, null, 4, 6], 'higher')).toEqual({
      current: 6,
      baseline: 3,
      change: 3,
      direction: 'up',
      assessment: 'better',
    });
    expect(trendOf([2, null, 4, 6], 'lower')).toMatchObject({ direction: 'up', assessment: 'worse' });
    expect(trendOf([0.5, 0.3], 'lower')).toMatchObject({ direction: 'down', assessment: 'better' });
    expect(trendOf([4, 3], 'higher')).toMatchObject({ direction: 'down', assessment: 'worse' });
  });

  it('is flat within the tolerance, 5 % of the baseline by default', () => {
    expect(trendOf([4, 4.2], 'higher')).toMatchObject({ direction: 'flat', assessment: 'same' });
    expect(trendOf([4, 4.21], 'higher')).toMatchObject({ direction: 'up', assessment: 'better' });
    expect(trendOf([4, 4.21], 'higher', 0.1)).toMatchObject({ direction: 'flat', assessment: 'same' });
    expect(trendOf([0, 0], 'higher')).toMatchObject({ direction: 'flat', assessment: 'same' });
    expect(trendOf([0, 0.01], 'higher')).toMatchObject({ direction: 'up' });
    expect(trendOf([3, 3], 'lower', 0)).toMatchObject({ direction: 'flat' });
  });

  it('has no direction without a current value or a previous one', () => {
    const none = { direction: 'none', assessment: 'none', change: null };
    expect(trendOf([], 'higher')).toEqual({ current: null, baseline: null, ...none });
    expect(trendOf([3], 'higher')).toEqual({ current: 3, baseline: null, ...none });
    expect(trendOf([null, null, 3], 'higher')).toEqual({ current: 3, baseline: null, ...none });
    expect(trendOf([3, 4, null], 'higher')).toEqual({ current: null, baseline: 3.5, ...none });
  });

  it('refuses values that are not numbers and tolerances outside 0–1', () => {
    expect(() => trendOf([1, Number.NaN], 'higher')).toThrow(
      new Error('values[1] must be a finite number or null (got NaN)'),
    );
    expect(() => trendOf([1, 2], 'higher', 1.5)).toThrow(new Error('tolerance must be a number from 0 to 1 (got 1.5)'));
    expect(() => trendOf([1, 2], 'up' as 'higher')).toThrow(new Error('better must be higher or lower (got "up")'));
    expect(() => trendOf('1,2' as unknown as number[], 'higher')).toThrow(
      new Error('values must be a list (got "1,2")'),
    );
  });

  it('judges a move the same whichever way is better, mirrored', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null })), (values) => {
        const higher = trendOf(values, 'higher');
        const lower = trendOf(values, 'lower');
        expect(lower.direction).toBe(higher.direction);
        const mirror = { better: 'worse', worse: 'better', same: 'same', none: 'none' } as const;
        expect(lower.assessment).toBe(mirror[higher.assessment]);
      }),
    );
  });
});

describe('lightOf', () => {
  const higher: MetricThresholds = { green: 4, red: 3 };
  const lower: MetricThresholds = { green: 0.1, red: 0.3 };

  it('is green at or better than green, red at or worse than red, amber between', () => {
    expect(lightOf(4.5, higher, 'higher')).toBe('green');
    expect(lightOf(4, higher, 'higher')).toBe('green');
    expect(lightOf(3.5, higher, 'higher')).toBe('amber');
    expect(lightOf(3, higher, 'higher')).toBe('red');
    expect(lightOf(1, higher, 'higher')).toBe('red');
    expect(lightOf(0, lower, 'lower')).toBe('green');
    expect(lightOf(0.1, lower, 'lower')).toBe('green');
    expect(lightOf(0.2, lower, 'lower')).toBe('amber');
    expect(lightOf(0.3, lower, 'lower')).toBe('red');
  });

  it('has no amber when both thresholds are equal, and no light without a value or thresholds', () => {
    expect(lightOf(2, { green: 2, red: 2 }, 'higher')).toBe('green');
    expect(lightOf(1.9, { green: 2, red: 2 }, 'higher')).toBe('red');
    expect(lightOf(null, higher, 'higher')).toBe('none');
    expect(lightOf(4, null, 'higher')).toBe('none');
  });

  it('never gets worse as the value gets better', () => {
    const rank = { red: 0, amber: 1, green: 2, none: -1 } as const;
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        (a, b, x, y) => {
          const [worse, better] = a <= b ? [a, b] : [b, a];
          const [red, green] = x <= y ? [x, y] : [y, x];
          expect(rank[lightOf(better, { green, red }, 'higher')]).toBeGreaterThanOrEqual(
            rank[lightOf(worse, { green, red }, 'higher')],
          );
          expect(rank[lightOf(worse, { green: red, red: green }, 'lower')]).toBeGreaterThanOrEqual(
            rank[lightOf(better, { green: red, red: green }, 'lower')],
          );
        },
      ),
    );
  });
});

describe('checkThresholds', () => {
  it('gives the defaults, each a valid pair for its figure', () => {
    expect(checkThresholds(undefined)).toEqual(defaultThresholds);
    expect(checkThresholds({})).toEqual(defaultThresholds);
    for (const key of metricKeys) {
      const thresholds = defaultThresholds[key];
      if (thresholds === null) continue;
      const { better } = metricDefinitions[key];
      expect(better === 'higher' ? thresholds.green >= thresholds.red : thresholds.green <= thresholds.red).toBe(true);
    }
    expect(checkThresholds(defaultThresholds)).toEqual(defaultThresholds);
  });

  it('puts edited thresholds in place of the defaults, null for no light', () => {
    const set = checkThresholds({
      escalationRate: { green: 0.05, red: 0.2 },
      stress: null,
      throughput: { green: 8, red: 2 },
    });
    expect(set.escalationRate).toEqual({ green: 0.05, red: 0.2 });
    expect(set.stress).toBeNull();
    expect(set.throughput).toEqual({ green: 8, red: 2 });
    expect(set.trust).toEqual(defaultThresholds.trust);
  });

  it('does not change the defaults', () => {
    const set = checkThresholds({});
    set.trust = null;
    expect(defaultThresholds.trust).toEqual({ green: 4, red: 3 });
    expect(Object.isFrozen(defaultThresholds.trust)).toBe(true);
  });

  it('names the field of an invalid threshold', () => {
    const check = (edited: unknown): unknown => checkThresholds(edited as Parameters<typeof checkThresholds>[0]);
    expect(() => check({ escalationRate: { green: Number.NaN, red: 0.3 } })).toThrow(
      new Error('thresholds.escalationRate.green must be a number from 0 to 1 (got NaN)'),
    );
    expect(() => check({ escalationRate: { green: 0.1, red: 1.5 } })).toThrow(
      new Error('thresholds.escalationRate.red must be a number from 0 to 1 (got 1.5)'),
    );
    expect(() => check({ escalationRate: { green: 0.4, red: 0.3 } })).toThrow(
      new Error(
        'thresholds.escalationRate.green (0.4) must not be above thresholds.escalationRate.red (0.3): lower is better',
      ),
    );
    expect(() => check({ trust: { green: 3, red: 4 } })).toThrow(
      new Error('thresholds.trust.green (3) must not be below thresholds.trust.red (4): higher is better'),
    );
    expect(() => check({ trust: { green: 6, red: 3 } })).toThrow(
      new Error('thresholds.trust.green must be a number from 1 to 5 (got 6)'),
    );
    expect(() => check({ deliverySpeed: { green: -1, red: 3 } })).toThrow(
      new Error('thresholds.deliverySpeed.green must be a finite number of 0 or more (got -1)'),
    );
    expect(() => check({ deliverySpeed: { green: 1, red: Number.POSITIVE_INFINITY } })).toThrow(
      new Error('thresholds.deliverySpeed.red must be a finite number of 0 or more (got Infinity)'),
    );
    expect(() => check({ deliverySpeed: { green: 1 } })).toThrow(new Error('thresholds.deliverySpeed.red is required'));
    expect(() => check({ deliverySpeed: 5 })).toThrow(
      new Error('thresholds.deliverySpeed must be an object with green and red, or null (got 5)'),
    );
    expect(() => check({ velocity: { green: 1, red: 2 } })).toThrow(
      new Error(
        'thresholds.velocity is not a metric (one of decisionVelocity, escalationRate, resourceUtilisation, ' +
          'innovationRate, experimentShare, autonomyShare, overrideRate, handoffsPerDecision, deliverySpeed, ' +
          'throughput, userSatisfaction, defectRate, learningRate, lessonShare, teamSatisfaction, stress, ' +
          'collaboration, trust)',
      ),
    );
    expect(() => check([])).toThrow(new Error('thresholds must be an object (got an array)'));
    expect(() => checkThresholds({ trust: { green: 3, red: 4 } }, 'settings')).toThrow(
      new Error('settings.trust.green (3) must not be below settings.trust.red (4): higher is better'),
    );
  });
});
