import { describe, expect, it } from 'vitest';
import { createTestDoc, createTestRepository } from '../data/test-support';
import { budgetWarningFor } from './budget-warning';

/** 2026-11-20T12:00:00Z: inside November 2026 in Berlin. */
const NOV_20 = Date.UTC(2026, 10, 20, 12);
const zone = 'Europe/Berlin';

function setUp() {
  const { repo } = createTestRepository(createTestDoc(1));
  const platform = repo.create('domains', {
    name: 'Platform',
    level: 'team',
    parentId: null,
    budgetAmount: 10_000,
    budgetUnit: 'EUR',
    budgetPeriod: 'month',
  });
  const spent = repo.create('decisions', {
    title: 'New servers',
    domainId: platform.id,
    status: 'decided',
    cost: 7_500,
    decidedAt: NOV_20 - 86_400_000,
  });
  const domains = [platform];
  const decisions = [spent];
  return { platform, spent, domains, decisions };
}

describe('budgetWarningFor', () => {
  it('warns when a decided cost would take the month over, naming the domain, period and amounts', () => {
    const { platform, domains, decisions } = setUp();
    const draft = { id: null, domainId: platform.id, cost: 3_000, status: 'decided' as const };
    expect(budgetWarningFor(draft, domains, decisions, NOV_20, zone)).toBe(
      'This decision (3,000 EUR) would take the Platform budget for November 2026 over by 500 EUR: 2,500 EUR of 10,000 EUR is left.',
    );
  });

  it('is quiet when the cost fits, for proposals still being prepared, and without a domain, cost or budget', () => {
    const { platform, domains, decisions } = setUp();
    const fits = { id: null, domainId: platform.id, cost: 2_500, status: 'decided' as const };
    expect(budgetWarningFor(fits, domains, decisions, NOV_20, zone)).toBeNull();
    expect(budgetWarningFor({ ...fits, cost: 3_000, status: 'draft' }, domains, decisions, NOV_20, zone)).toBeNull();
    expect(budgetWarningFor({ ...fits, cost: 3_000, domainId: null }, domains, decisions, NOV_20, zone)).toBeNull();
    expect(budgetWarningFor({ ...fits, cost: null }, domains, decisions, NOV_20, zone)).toBeNull();
    const noBudget = [{ ...platform, budgetAmount: null }];
    expect(budgetWarningFor({ ...fits, cost: 30_000 }, noBudget, decisions, NOV_20, zone)).toBeNull();
  });

  it('does not count an edited decision twice', () => {
    const { platform, spent, domains, decisions } = setUp();
    const edit = { id: spent.id, domainId: platform.id, cost: 9_000, status: 'decided' as const };
    expect(budgetWarningFor(edit, domains, decisions, NOV_20, zone)).toBeNull();
    expect(budgetWarningFor({ ...edit, cost: 10_001 }, domains, decisions, NOV_20, zone)).toBe(
      'This decision (10,001 EUR) would take the Platform budget for November 2026 over by 1 EUR: 10,000 EUR of 10,000 EUR is left.',
    );
  });
});
