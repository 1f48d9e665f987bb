import { describe, expect, it } from 'vitest';
import {
  budgetEnvelope,
  checkBudget,
  committingStatuses,
  pendingStatuses,
  periodContaining,
  type ActiveBudgetEnvelope,
  type BudgetDecision,
  type BudgetEnvelope,
  type BudgetPeriod,
} from './budget';

const iso = (ms: number): string => new Date(ms).toISOString();

function period(kind: BudgetPeriod, at: string, timeZone: string): { start: string; end: string; label: string } {
  const range = periodContaining(kind, Date.parse(at), timeZone);
  return { start: iso(range.start), end: iso(range.end), label: range.label };
}

describe('periodContaining', () => {
  it('gives calendar months from local midnight to local midnight', () => {
    expect(period('month', '2026-11-15T12:00:00Z', 'Europe/Berlin')).toEqual({
      start: '2026-10-31T23:00:00.000Z',
      end: '2026-11-30T23:00:00.000Z',
      label: 'November 2026',
    });
  });

  it('counts an instant by the local date, not the UTC date', () => {
    // 00:30 on 1 December in Berlin is still 30 November in UTC.
    expect(period('month', '2026-11-30T23:30:00Z', 'Europe/Berlin').label).toBe('December 2026');
    expect(period('month', '2026-11-30T23:30:00Z', 'UTC').label).toBe('November 2026');
    // 20:00 on 31 December in New York is already the next year in UTC.
    expect(period('year', '2027-01-01T01:00:00Z', 'America/New_York').label).toBe('2026');
  });

  it('includes the start and excludes the end', () => {
    const start = Date.parse('2026-10-31T23:00:00Z');
    expect(periodContaining('month', start, 'Europe/Berlin').label).toBe('November 2026');
    expect(periodContaining('month', start - 1, 'Europe/Berlin').label).toBe('October 2026');
    const { end } = periodContaining('month', start, 'Europe/Berlin');
    expect(periodContaining('month', end, 'Europe/Berlin').label).toBe('December 2026');
  });

  it('starts weeks on Monday, across month and year ends', () => {
    expect(period('week', '2026-11-25T12:00:00Z', 'Europe/Berlin')).toEqual({
      start: '2026-11-22T23:00:00.000Z',
      end: '2026-11-29T23:00:00.000Z',
      label: 'Week of 23 Nov 2026',
    });
    // A Sunday belongs to the week that began six days before.
    expect(period('week', '2026-11-29T12:00:00Z', 'UTC').label).toBe('Week of 23 Nov 2026');
    // A Monday starts its own week.
    expect(period('week', '2026-11-30T00:00:00Z', 'UTC').label).toBe('Week of 30 Nov 2026');
    expect(period('week', '2026-01-01T05:00:00Z', 'Asia/Kolkata')).toEqual({
      start: '2025-12-28T18:30:00.000Z',
      end: '2026-01-04T18:30:00.000Z',
      label: 'Week of 29 Dec 2025',
    });
  });

  it('gives quarters and years', () => {
    expect(period('quarter', '2026-11-25T12:00:00Z', 'America/New_York')).toEqual({
      start: '2026-10-01T04:00:00.000Z',
      end: '2027-01-01T05:00:00.000Z',
      label: 'Q4 2026',
    });
    expect(period('quarter', '2026-02-01T00:00:00Z', 'UTC').label).toBe('Q1 2026');
    expect(period('quarter', '2026-04-01T00:00:00Z', 'UTC').label).toBe('Q2 2026');
    expect(period('quarter', '2026-09-30T23:59:59Z', 'UTC').label).toBe('Q3 2026');
    expect(period('year', '2026-06-01T00:00:00Z', 'Asia/Kathmandu')).toEqual({
      start: '2025-12-31T18:15:00.000Z',
      end: '2026-12-31T18:15:00.000Z',
      label: '2026',
    });
  });

  it('handles the clock change inside a period: a week with 167 hours', () => {
    const week = periodContaining('week', Date.parse('2026-03-25T00:00:00Z'), 'Europe/Berlin');
    expect(iso(week.start)).toBe('2026-03-22T23:00:00.000Z');
    expect(iso(week.end)).toBe('2026-03-29T22:00:00.000Z');
    expect((week.end - week.start) / 3_600_000).toBe(167);
  });

  it('starts a day at the clock change when the clocks jump over midnight', () => {
    // Tehran, 22 March 2021 (a Monday): 00:00 became 01:00 (+04:30).
    expect(period('week', '2021-03-24T00:00:00Z', 'Asia/Tehran')).toEqual({
      start: '2021-03-21T20:30:00.000Z',
      end: '2021-03-28T19:30:00.000Z',
      label: 'Week of 22 Mar 2021',
    });
    // Havana, 1 April 2012: 00:00 became 01:00 (−04:00).
    expect(period('month', '2012-04-10T00:00:00Z', 'America/Havana')).toMatchObject({
      start: '2012-04-01T05:00:00.000Z',
      label: 'April 2012',
    });
    expect(period('month', '2012-03-10T00:00:00Z', 'America/Havana').end).toBe('2012-04-01T05:00:00.000Z');
  });

  it('starts a day at its first midnight when the clocks go back over midnight', () => {
    // Havana, 1 November 2026: 01:00 (−04:00) becomes 00:00 (−05:00), so midnight happens twice.
    expect(period('month', '2026-11-15T12:00:00Z', 'America/Havana')).toMatchObject({
      start: '2026-11-01T04:00:00.000Z',
      label: 'November 2026',
    });
    expect(period('month', '2026-11-01T04:30:00Z', 'America/Havana').label).toBe('November 2026');
    expect(period('month', '2026-10-15T12:00:00Z', 'America/Havana').end).toBe('2026-11-01T04:00:00.000Z');
  });

  it('tiles time: each period ends where the next begins', () => {
    for (const kind of ['week', 'month', 'quarter', 'year'] as const) {
      for (const timeZone of ['UTC', 'Europe/Berlin', 'America/Santiago', 'Australia/Lord_Howe']) {
        let at = Date.parse('2025-12-20T00:00:00Z');
        for (let i = 0; i < 8; i++) {
          const range = periodContaining(kind, at, timeZone);
          expect(range.start).toBeLessThanOrEqual(at);
          expect(range.end).toBeGreaterThan(at);
          expect(periodContaining(kind, range.end, timeZone).start).toBe(range.end);
          at = range.end;
        }
      }
    }
  });

  it('throws an Error naming the field for bad input', () => {
    expect(() => periodContaining('month', 0, 'Mars/Olympus')).toThrow(
      'The time zone "Mars/Olympus" is not a known IANA time zone.',
    );
    expect(() => periodContaining('month', 0, '')).toThrow('The time zone "" is not a known IANA time zone.');
    expect(() => periodContaining('month', Number.NaN, 'UTC')).toThrow(
      'The time "at" must be a finite number of milliseconds since 1970.',
    );
    expect(() => periodContaining('fortnight' as BudgetPeriod, 0, 'UTC')).toThrow(
      'The budget period "fortnight" is not one of week, month, quarter or year.',
    );
  });
});

function decision(id: string, extra: Partial<BudgetDecision> = {}): BudgetDecision {
  return {
    id,
    domainId: 'platform',
    cost: 1_000,
    status: 'decided',
    decidedAt: Date.parse('2026-11-10T10:00:00Z'),
    deletedAt: null,
    ...extra,
  };
}

const november = {
  budget: { amount: 10_000, unit: 'EUR', period: 'month' as const },
  domainId: 'platform',
  at: Date.parse('2026-11-20T12:00:00Z'),
  timeZone: 'Europe/Berlin',
};

function active(envelope: BudgetEnvelope): ActiveBudgetEnvelope {
  if (envelope.state === 'none') throw new Error('Expected a budget.');
  return envelope;
}

describe('budgetEnvelope', () => {
  it('exports the committing and pending statuses', () => {
    expect(committingStatuses).toEqual(['decided', 'implemented', 'reviewed']);
    expect(pendingStatuses).toEqual(['draft', 'seeking-advice', 'deciding-together']);
  });

  it('adds up committed and pending costs of the domain’s live decisions', () => {
    const decisions = [
      decision('b', { cost: 2_000, status: 'implemented', decidedAt: Date.parse('2026-11-12T00:00:00Z') }),
      decision('a', { cost: 1_500, status: 'reviewed', decidedAt: Date.parse('2026-11-02T00:00:00Z') }),
      decision('c', { cost: 500 }),
      decision('draft', { status: 'draft', cost: 300, decidedAt: null }),
      decision('advice', { status: 'seeking-advice', cost: 200, decidedAt: null }),
      decision('together', { status: 'deciding-together', cost: 100, decidedAt: null }),
      decision('withdrawn', { status: 'withdrawn', cost: 9_999 }),
      decision('rolled-back', { status: 'rolled-back', cost: 9_999 }),
      decision('trashed', { deletedAt: 1, cost: 9_999 }),
      decision('trashed-draft', { deletedAt: 1, status: 'draft', cost: 9_999 }),
      decision('other-domain', { domainId: 'product', cost: 9_999 }),
      decision('no-cost', { cost: null }),
    ];
    expect(budgetEnvelope({ ...november, decisions })).toEqual({
      state: 'ok',
      period: {
        kind: 'month',
        start: Date.parse('2026-10-31T23:00:00Z'),
        end: Date.parse('2026-11-30T23:00:00Z'),
        label: 'November 2026',
      },
      amount: 10_000,
      unit: 'EUR',
      committed: 4_000,
      pending: 600,
      remaining: 6_000,
      ratio: 0.4,
      committedDecisions: ['a', 'c', 'b'],
    });
  });

  it('counts a decision in the period it was decided in, local time', () => {
    const decisions = [
      // 23:30 UTC on 31 October is 00:30 on 1 November in Berlin: November.
      decision('early', { decidedAt: Date.parse('2026-10-31T23:30:00Z') }),
      // 23:30 UTC on 30 November is 00:30 on 1 December in Berlin: not November.
      decision('late', { decidedAt: Date.parse('2026-11-30T23:30:00Z') }),
      decision('october', { decidedAt: Date.parse('2026-10-15T00:00:00Z') }),
      decision('undated', { decidedAt: null }),
    ];
    const envelope = active(budgetEnvelope({ ...november, decisions }));
    expect(envelope.committedDecisions).toEqual(['early']);
    expect(envelope.committed).toBe(1_000);
  });

  it('is near from 80 % and over above the amount', () => {
    const state = (cost: number): string => budgetEnvelope({ ...november, decisions: [decision('d', { cost })] }).state;
    expect(state(7_999)).toBe('ok');
    expect(state(8_000)).toBe('near');
    expect(state(10_000)).toBe('near');
    expect(state(10_001)).toBe('over');
    const over = active(budgetEnvelope({ ...november, decisions: [decision('d', { cost: 12_500 })] }));
    expect(over.remaining).toBe(-2_500);
    expect(over.ratio).toBe(1.25);
  });

  it('handles a zero budget', () => {
    const zero = { ...november, budget: { ...november.budget, amount: 0 } };
    expect(budgetEnvelope({ ...zero, decisions: [] })).toMatchObject({ state: 'ok', ratio: 0, remaining: 0 });
    expect(budgetEnvelope({ ...zero, decisions: [decision('d', { cost: 1 })] })).toMatchObject({
      state: 'over',
      ratio: Number.POSITIVE_INFINITY,
    });
  });

  it('without a budget reports only what is pending', () => {
    const decisions = [decision('d'), decision('draft', { status: 'draft', cost: 250, decidedAt: null })];
    expect(budgetEnvelope({ ...november, budget: null, decisions })).toEqual({ state: 'none', pending: 250 });
  });

  it('covers workspace-level decisions with a null domain', () => {
    const decisions = [decision('w', { domainId: null, cost: 700 }), decision('d')];
    expect(active(budgetEnvelope({ ...november, domainId: null, decisions })).committedDecisions).toEqual(['w']);
  });

  it('throws an Error naming the field for a bad amount or time zone', () => {
    const bad = { ...november, budget: { ...november.budget, amount: -1 }, decisions: [] };
    expect(() => budgetEnvelope(bad)).toThrow('The budget amount must be a number of 0 or more.');
    expect(() => budgetEnvelope({ ...november, timeZone: 'Nowhere', decisions: [] })).toThrow(/time zone "Nowhere"/);
  });
});

describe('checkBudget', () => {
  const envelopeWith = (committed: number): BudgetEnvelope =>
    budgetEnvelope({ ...november, decisions: committed > 0 ? [decision('d', { cost: committed })] : [] });

  it('says nothing when the cost fits', () => {
    expect(checkBudget(envelopeWith(7_500), 2_500, 'Platform')).toBeNull();
    expect(checkBudget(envelopeWith(7_500), 0, 'Platform')).toBeNull();
    expect(checkBudget(envelopeWith(7_500), -100, 'Platform')).toBeNull();
  });

  it('warns with the amounts when the cost would go over', () => {
    expect(checkBudget(envelopeWith(7_500), 3_000, 'Platform')).toBe(
      'This decision (3,000 EUR) would take the Platform budget for November 2026 over by 500 EUR: 2,500 EUR of 10,000 EUR is left.',
    );
    expect(checkBudget(envelopeWith(10_000), 1_234.5, 'Platform')).toBe(
      'This decision (1,234.5 EUR) would take the Platform budget for November 2026 over by 1,234.5 EUR: nothing of 10,000 EUR is left.',
    );
  });

  it('says how far over an already exceeded budget would go', () => {
    expect(checkBudget(envelopeWith(10_500), 3_000, 'Platform')).toBe(
      'The Platform budget for November 2026 is already 500 EUR over its 10,000 EUR; this decision (3,000 EUR) would take it to 3,500 EUR over.',
    );
  });

  it('writes amounts without a unit when the budget has none', () => {
    const hours = budgetEnvelope({ ...november, budget: { amount: 40, unit: ' ', period: 'week' }, decisions: [] });
    expect(checkBudget(hours, 50, 'Support')).toBe(
      'This decision (50) would take the Support budget for the week of 16 Nov 2026 over by 10: 40 of 40 is left.',
    );
  });

  it('has nothing to say without a budget', () => {
    expect(checkBudget({ state: 'none', pending: 0 }, 1_000_000, 'Platform')).toBeNull();
  });

  it('throws an Error naming the cost when it is not a number', () => {
    expect(() => checkBudget(envelopeWith(0), Number.NaN, 'Platform')).toThrow(
      'The decision cost must be a finite number.',
    );
  });
});
