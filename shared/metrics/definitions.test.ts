import { describe, expect, it } from 'vitest';
import {
  autonomyMetricKeys,
  defaultMinimumCounts,
  defaultThresholds,
  healthMetricKeys,
  metricDefinitions,
  metricKeys,
  valueMetricKeys,
} from './definitions';

describe('metric definitions', () => {
  it('defines every figure once, in its group, with a sentence for the help', () => {
    expect(new Set(metricKeys).size).toBe(metricKeys.length);
    expect(Object.keys(metricDefinitions).sort()).toEqual([...metricKeys].sort());
    const groups = { autonomy: autonomyMetricKeys, value: valueMetricKeys, health: healthMetricKeys };
    for (const key of metricKeys) {
      const definition = metricDefinitions[key];
      expect(definition.key).toBe(key);
      expect((groups[definition.group] as readonly string[]).includes(key)).toBe(true);
      expect(definition.definition).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('says stress, delays, escalations, overrides, handoffs, defects and spending are better lower', () => {
    const lower = metricKeys.filter((key) => metricDefinitions[key].better === 'lower').sort();
    expect(lower).toEqual(
      [
        'decisionVelocity',
        'escalationRate',
        'resourceUtilisation',
        'overrideRate',
        'handoffsPerDecision',
        'deliverySpeed',
        'defectRate',
        'stress',
      ].sort(),
    );
  });

  it('has a minimum count for every figure but the health ones, and frozen defaults', () => {
    expect(Object.keys(defaultMinimumCounts).sort()).toEqual([...autonomyMetricKeys, ...valueMetricKeys].sort());
    expect(Object.isFrozen(defaultMinimumCounts)).toBe(true);
    expect(Object.isFrozen(defaultThresholds)).toBe(true);
    expect(Object.isFrozen(metricDefinitions.stress)).toBe(true);
  });
});
