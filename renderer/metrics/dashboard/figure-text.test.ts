import { describe, expect, it } from 'vitest';
import { metricsPeriod, type MetricTrend } from '@shared/metrics';
import { basisOf, formatValue, shortPeriodLabel, trendWords } from './figure-text';

const trend = (fields: Partial<MetricTrend>): MetricTrend => ({
  key: 'decisionVelocity',
  better: 'lower',
  series: [],
  light: 'none',
  current: null,
  baseline: null,
  change: null,
  direction: 'none',
  assessment: 'none',
  ...fields,
});

describe('figure text', () => {
  it('writes each unit', () => {
    expect(formatValue('days', 1)).toBe('1 day');
    expect(formatValue('days', 2.25)).toBe('2.3 days');
    expect(formatValue('share', 0.4166)).toBe('42%');
    expect(formatValue('ratio', 1.2)).toBe('120%');
    expect(formatValue('per-30-days', 1.94)).toBe('1.9 per 30 days');
    expect(formatValue('per-decision', 0.333)).toBe('0.33 per decision');
    expect(formatValue('per-item', 0.5)).toBe('0.5 per item');
    expect(formatValue('score', 3.75)).toBe('3.8 of 5');
  });

  it('says what a figure is from, or that there is not enough data', () => {
    expect(basisOf('decisionVelocity', { value: 3, count: 5, minimum: 3, enough: true })).toBe('From 5 decisions');
    expect(basisOf('deliverySpeed', { value: null, count: 2, minimum: 3, enough: false })).toBe(
      'Not enough data (2 of 3 needed)',
    );
    expect(
      basisOf('innovationRate', { value: 1, count: 1, minimum: 0, enough: true, days: 31 } as Parameters<
        typeof basisOf
      >[1]),
    ).toBe('1 experiment started in 31 days');
  });

  it('puts a trend in words: relative change, points for shares, steady, none', () => {
    expect(
      trendWords(trend({ current: 2, baseline: 4, change: -2, direction: 'down', assessment: 'better' }), 'days'),
    ).toBe('Down 50% vs previous periods, better');
    expect(
      trendWords(trend({ current: 0.3, baseline: 0.2, change: 0.1, direction: 'up', assessment: 'worse' }), 'share'),
    ).toBe('Up 10 points vs previous periods, worse');
    expect(
      trendWords(trend({ current: 2, baseline: 0, change: 2, direction: 'up', assessment: 'better' }), 'per-30-days'),
    ).toBe('Up from 0 to 2 per 30 days vs previous periods, better');
    expect(
      trendWords(trend({ current: 4, baseline: 4.1, change: -0.1, direction: 'flat', assessment: 'same' }), 'score'),
    ).toBe('Steady vs previous periods');
    expect(trendWords(trend({ current: 4 }), 'score')).toBe('No trend yet: earlier periods lack data');
    expect(trendWords(trend({}), 'score')).toBe('No trend: not enough data in this period');
  });

  it('labels periods briefly for chart axes', () => {
    const at = Date.UTC(2026, 10, 25, 12);
    expect(shortPeriodLabel(metricsPeriod({ kind: 'week', at }, 'UTC'))).toBe('23 Nov');
    expect(shortPeriodLabel(metricsPeriod({ kind: 'month', at }, 'UTC'))).toBe('Nov ’26');
    expect(shortPeriodLabel(metricsPeriod({ kind: 'quarter', at }, 'UTC'))).toBe('Q4 2026');
  });
});
