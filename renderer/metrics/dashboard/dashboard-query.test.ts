import { describe, expect, it } from 'vitest';
import {
  defaultDashboardQuery,
  readDashboardQuery,
  resolvePeriod,
  stepPeriod,
  switchKind,
  writeDashboardQuery,
  type DashboardQuery,
} from './dashboard-query';

const zone = 'Europe/Berlin';
const read = (search: string) => readDashboardQuery(new URLSearchParams(search));
const periodOf = (query: DashboardQuery, today = '2026-03-18') => {
  const resolved = resolvePeriod(query, today, zone);
  if (resolved.period === null) throw new Error(resolved.problem);
  return resolved.period;
};

describe('dashboard query', () => {
  it('reads this month of the workspace from an empty query, and writes nothing for it', () => {
    expect(read('')).toEqual(defaultDashboardQuery);
    expect(writeDashboardQuery(defaultDashboardQuery).toString()).toBe('');
  });

  it('round-trips a period and a scope through the address', () => {
    const query: DashboardQuery = {
      kind: 'quarter',
      at: '2025-11-02',
      from: '',
      to: '',
      domainId: 'sales',
      includeSubdomains: true,
    };
    const search = writeDashboardQuery(query).toString();
    expect(search).toBe('period=quarter&at=2025-11-02&domain=sales&subdomains=1');
    expect(read(search)).toEqual(query);
    const custom: DashboardQuery = { ...defaultDashboardQuery, kind: 'custom', from: '2026-01-05', to: '2026-02-01' };
    expect(read(writeDashboardQuery(custom).toString())).toEqual(custom);
  });

  it('ignores what it does not know: an unknown kind, dates that are no dates, sub-domains without a domain', () => {
    expect(read('period=fortnight&at=2026-02-30&from=yesterday&subdomains=1')).toEqual(defaultDashboardQuery);
  });

  it('resolves the calendar period of `at`, or of today without it, in the time zone', () => {
    expect(periodOf(defaultDashboardQuery)).toMatchObject({ label: 'March 2026', firstDay: '2026-03-01' });
    expect(periodOf({ ...defaultDashboardQuery, kind: 'week', at: '2026-03-04' })).toMatchObject({
      firstDay: '2026-03-02',
      lastDay: '2026-03-08',
      timeZone: zone,
    });
    expect(periodOf({ ...defaultDashboardQuery, kind: 'quarter', at: '2025-12-31' }).label).toBe('Q4 2025');
  });

  it('says why a custom range cannot be shown yet', () => {
    const custom = { ...defaultDashboardQuery, kind: 'custom' as const };
    expect(resolvePeriod({ ...custom, from: '2026-01-01' }, '2026-03-18', zone)).toEqual({
      period: null,
      problem: 'Choose the first and the last day of the range.',
    });
    expect(resolvePeriod({ ...custom, from: '2026-01-10', to: '2026-01-09' }, '2026-03-18', zone).problem).toBe(
      'The last day must not be before the first day.',
    );
    expect(periodOf({ ...custom, from: '2026-01-10', to: '2026-01-16' })).toMatchObject({ days: 7 });
  });

  it('steps to the calendar period before and after, and moves a custom range by its length', () => {
    const month = { ...defaultDashboardQuery, at: '2026-03-18' };
    expect(stepPeriod(month, periodOf(month), -1).at).toBe('2026-02-28');
    expect(stepPeriod(month, periodOf(month), 1).at).toBe('2026-04-01');
    const custom: DashboardQuery = { ...defaultDashboardQuery, kind: 'custom', from: '2026-01-10', to: '2026-01-16' };
    expect(stepPeriod(custom, periodOf(custom), -1)).toMatchObject({ from: '2026-01-03', to: '2026-01-09' });
    expect(stepPeriod(custom, periodOf(custom), 1)).toMatchObject({ from: '2026-01-17', to: '2026-01-23' });
  });

  it('switches kind around the period shown: a custom range starts as it, today stays today', () => {
    const today = '2026-03-18';
    const thisMonth = periodOf(defaultDashboardQuery, today);
    expect(switchKind(defaultDashboardQuery, thisMonth, 'custom', today)).toMatchObject({
      kind: 'custom',
      from: '2026-03-01',
      to: '2026-03-31',
    });
    expect(switchKind(defaultDashboardQuery, thisMonth, 'week', today)).toMatchObject({ kind: 'week', at: '' });
    const january = { ...defaultDashboardQuery, at: '2026-01-20' };
    expect(switchKind(january, periodOf(january, today), 'quarter', today)).toMatchObject({
      kind: 'quarter',
      at: '2026-01-01',
    });
  });
});
