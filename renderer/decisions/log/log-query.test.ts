import { describe, expect, it } from 'vitest';
import { dayEnd, dayStart, isFiltered, NO_DOMAIN, readLogFilters, toDecisionQuery, writeLogFilters } from './log-query';

describe('log filters in the query string', () => {
  it('reads what it writes, leaving defaults out', () => {
    const filters = {
      text: 'café plan',
      domains: ['d-1', NO_DOMAIN],
      tiers: ['consultative' as const],
      statuses: ['decided' as const, 'draft' as const],
      kind: 'experiment' as const,
      tags: ['q3'],
      from: '2026-01-01',
      to: '2026-03-31',
      sort: 'cost' as const,
    };
    const params = writeLogFilters(filters);
    expect(readLogFilters(new URLSearchParams(params.toString()))).toEqual(filters);
    expect(writeLogFilters(readLogFilters(new URLSearchParams())).toString()).toBe('');
  });

  it('ignores values it does not know', () => {
    const filters = readLogFilters(
      new URLSearchParams('tier=huge&status=nope&kind=other&sort=random&from=2026-02-30&to=soon'),
    );
    expect(filters).toMatchObject({ tiers: [], statuses: [], kind: null, sort: 'newest', from: '', to: '' });
    expect(isFiltered(filters)).toBe(false);
  });

  it('turns dates into a whole-day range and the no-domain value into null', () => {
    const query = toDecisionQuery({
      ...readLogFilters(new URLSearchParams('from=2026-01-01&to=2026-01-01')),
      domains: [NO_DOMAIN],
    });
    expect(query.from).toBe(new Date(2026, 0, 1).getTime());
    expect(query.to).toBe(new Date(2026, 0, 2).getTime() - 1);
    expect(query.domainIds).toEqual([null]);
    expect(dayStart('2026-13-01')).toBeNull();
    expect(dayEnd('')).toBeNull();
  });
});
