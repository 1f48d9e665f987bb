import { describe, expect, it } from 'vitest';
import { formatAmount, formatNumber } from './format';

describe('formatNumber and formatAmount', () => {
  it('groups thousands in English', () => {
    expect(formatNumber(10_000)).toBe('10,000');
    expect(formatNumber(1_234.5)).toBe('1,234.5');
    expect(formatNumber(-2_500)).toBe('-2,500');
  });

  it('writes minus zero as 0', () => {
    expect(formatNumber(-0)).toBe('0');
  });

  it('adds a trimmed unit, or none', () => {
    expect(formatAmount(3_000, 'EUR')).toBe('3,000 EUR');
    expect(formatAmount(3_000, ' hours ')).toBe('3,000 hours');
    expect(formatAmount(3_000, '')).toBe('3,000');
  });
});
