import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mean, median, standardDeviation, sum } from './statistics';

describe('statistics', () => {
  it('gives the median, the middle value or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([10, 1, 4])).toBe(4);
    expect(median([10, 1, 4, 2])).toBe(3);
    expect(median([0.5, 2, 1, 10, 4])).toBe(2);
  });

  it('leaves its input as it was', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('adds in ascending order, so the order of the values does not matter', () => {
    expect(sum([])).toBe(0);
    expect(sum([0.3, 0.1, 0.2])).toBe(sum([0.1, 0.2, 0.3]));
    expect(sum([0.3, 0.1, 0.2])).toBe(0.1 + 0.2 + 0.3);
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true })), (values) => {
        const reversed = [...values].reverse();
        expect(sum(reversed)).toBe(sum(values));
        expect(mean(reversed)).toBe(mean(values));
        expect(standardDeviation(reversed)).toBe(standardDeviation(values));
      }),
    );
  });

  it('gives the mean', () => {
    expect(mean([])).toBeNull();
    expect(mean([5, 4, 3, 2])).toBe(3.5);
  });

  it('gives the population standard deviation', () => {
    expect(standardDeviation([])).toBeNull();
    expect(standardDeviation([2, 2, 2])).toBe(0);
    expect(standardDeviation([5, 5, 2])).toBeCloseTo(Math.sqrt(2), 12);
    expect(standardDeviation([1, 5])).toBe(2);
  });

  it('keeps the median and the mean between the smallest and the largest value', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e6, max: 1e6 }), { minLength: 1 }), (values) => {
        const low = Math.min(...values);
        const high = Math.max(...values);
        for (const value of [median(values), mean(values)]) {
          expect(value).not.toBeNull();
          expect(value as number).toBeGreaterThanOrEqual(low);
          expect(value as number).toBeLessThanOrEqual(high);
        }
        expect(standardDeviation(values) as number).toBeLessThanOrEqual((high - low) / 2 + 1e-9);
      }),
    );
  });
});
