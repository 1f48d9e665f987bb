import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkMetricsPeriod,
  elapsedDays,
  metricsPeriod,
  previousPeriod,
  recentPeriods,
  type MetricsPeriod,
  type MetricsPeriodSpec,
} from './period';

const berlin = 'Europe/Berlin';
const iso = (ms: number): string => new Date(ms).toISOString();
const at = (text: string): number => Date.parse(text);

function shown(period: MetricsPeriod): Record<string, unknown> {
  return { ...period, start: iso(period.start), end: iso(period.end) };
}

describe('metricsPeriod: calendar periods', () => {
  it('gives the month containing a moment, from local midnight to local midnight, across the clock change', () => {
    // Berlin moves its clocks forward on 29 March 2026: the month starts at +01:00 and ends at +02:00.
    expect(shown(metricsPeriod({ kind: 'month', at: at('2026-03-15T12:00:00Z') }, berlin))).toEqual({
      kind: 'month',
      start: '2026-02-28T23:00:00.000Z',
      end: '2026-03-31T22:00:00.000Z',
      label: 'March 2026',
      firstDay: '2026-03-01',
      lastDay: '2026-03-31',
      days: 31,
      timeZone: berlin,
    });
  });

  it('gives a week with 167 hours but 7 days when the clocks change', () => {
    const week = metricsPeriod({ kind: 'week', at: at('2026-03-27T12:00:00Z') }, berlin);
    expect(shown(week)).toEqual({
      kind: 'week',
      start: '2026-03-22T23:00:00.000Z',
      end: '2026-03-29T22:00:00.000Z',
      label: 'Week of 23 Mar 2026',
      firstDay: '2026-03-23',
      lastDay: '2026-03-29',
      days: 7,
      timeZone: berlin,
    });
    expect((week.end - week.start) / 3_600_000).toBe(167);
  });

  it('counts a moment by its local date', () => {
    // 00:30 on 1 April in Berlin is still 31 March in UTC.
    expect(metricsPeriod({ kind: 'month', at: at('2026-03-31T22:30:00Z') }, berlin).label).toBe('April 2026');
    expect(metricsPeriod({ kind: 'month', at: at('2026-03-31T22:30:00Z') }, 'UTC').label).toBe('March 2026');
  });

  it('gives quarters', () => {
    expect(shown(metricsPeriod({ kind: 'quarter', at: at('2026-11-25T12:00:00Z') }, berlin))).toEqual({
      kind: 'quarter',
      start: '2026-09-30T22:00:00.000Z',
      end: '2026-12-31T23:00:00.000Z',
      label: 'Q4 2026',
      firstDay: '2026-10-01',
      lastDay: '2026-12-31',
      days: 92,
      timeZone: berlin,
    });
  });
});

describe('metricsPeriod: custom ranges', () => {
  it('runs from the first date to the last, both included, across the clock change', () => {
    expect(shown(metricsPeriod({ kind: 'custom', start: '2026-03-28', end: '2026-03-30' }, berlin))).toEqual({
      kind: 'custom',
      start: '2026-03-27T23:00:00.000Z',
      end: '2026-03-30T22:00:00.000Z',
      label: '28 Mar 2026 – 30 Mar 2026',
      firstDay: '2026-03-28',
      lastDay: '2026-03-30',
      days: 3,
      timeZone: berlin,
    });
  });

  it('may be a single day', () => {
    const day = metricsPeriod({ kind: 'custom', start: '2026-10-25', end: '2026-10-25' }, berlin);
    expect(day.label).toBe('25 Oct 2026');
    expect(day.days).toBe(1);
    // The clocks go back that night: a day of 25 hours.
    expect((day.end - day.start) / 3_600_000).toBe(25);
  });
});

describe('previousPeriod and recentPeriods', () => {
  it('goes back calendar period by calendar period', () => {
    const march = metricsPeriod({ kind: 'month', at: at('2026-03-15T12:00:00Z') }, berlin);
    expect(previousPeriod(march).label).toBe('February 2026');
    expect(recentPeriods(march, 4).map((period) => period.label)).toEqual([
      'December 2025',
      'January 2026',
      'February 2026',
      'March 2026',
    ]);
    const quarter = metricsPeriod({ kind: 'quarter', at: at('2026-02-01T12:00:00Z') }, berlin);
    expect(previousPeriod(quarter).label).toBe('Q4 2025');
  });

  it('goes back by as many days before a custom range', () => {
    const range = metricsPeriod({ kind: 'custom', start: '2026-03-01', end: '2026-03-10' }, berlin);
    const before = previousPeriod(range);
    expect([before.firstDay, before.lastDay, before.days, before.label]).toEqual([
      '2026-02-19',
      '2026-02-28',
      10,
      '19 Feb 2026 – 28 Feb 2026',
    ]);
    expect(before.end).toBe(range.start);
  });

  it('gives contiguous periods, oldest first, the given period last', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('week', 'month', 'quarter', 'custom'),
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom('Europe/Berlin', 'America/Santiago', 'Australia/Lord_Howe', 'UTC'),
        (kind, moment, count, timeZone) => {
          const spec: MetricsPeriodSpec =
            kind === 'custom' ? { kind, start: '2026-03-20', end: '2026-04-02' } : { kind, at: moment };
          const period = metricsPeriod(spec, timeZone);
          const periods = recentPeriods(period, count);
          expect(periods).toHaveLength(count);
          expect(periods[count - 1]).toEqual(period);
          for (let index = 1; index < periods.length; index += 1) {
            const [earlier, later] = [periods[index - 1] as MetricsPeriod, periods[index] as MetricsPeriod];
            expect(earlier.end).toBe(later.start);
            expect(earlier.lastDay < later.firstDay).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a count outside 1–520', () => {
    const week = metricsPeriod({ kind: 'week', at: at('2026-03-27T12:00:00Z') }, berlin);
    expect(() => recentPeriods(week, 0)).toThrow(new Error('count must be a whole number from 1 to 520 (got 0)'));
    expect(() => recentPeriods(week, 521)).toThrow(new Error('count must be a whole number from 1 to 520 (got 521)'));
    expect(() => recentPeriods(week, 2.5)).toThrow(new Error('count must be a whole number from 1 to 520 (got 2.5)'));
  });
});

describe('elapsedDays', () => {
  const march = metricsPeriod({ kind: 'month', at: at('2026-03-15T12:00:00Z') }, berlin);

  it('is the whole period without a "now"', () => {
    expect(elapsedDays(march)).toBe(31);
  });

  it('counts the days begun by now, by the local date', () => {
    expect(elapsedDays(march, at('2026-03-10T12:00:00Z'))).toBe(10);
    // 00:30 on 1 March in Berlin: the first day has begun.
    expect(elapsedDays(march, at('2026-02-28T23:30:00Z'))).toBe(1);
    expect(elapsedDays(march, at('2026-02-28T22:30:00Z'))).toBe(0);
    expect(elapsedDays(march, at('2026-07-01T00:00:00Z'))).toBe(31);
  });
});

describe('invalid periods', () => {
  it('names the field', () => {
    const spec = (value: unknown): MetricsPeriodSpec => value as MetricsPeriodSpec;
    expect(() => metricsPeriod(spec({ kind: 'month', at: 0 }), 'Mars/Olympus_Mons')).toThrow(
      new Error('timeZone must be a known IANA time zone (got "Mars/Olympus_Mons")'),
    );
    expect(() => metricsPeriod(spec({ kind: 'fortnight', at: 0 }), berlin)).toThrow(
      new Error('period.kind must be one of week, month, quarter, custom (got "fortnight")'),
    );
    expect(() => metricsPeriod(spec({ kind: 'month', at: Number.NaN }), berlin)).toThrow(
      new Error('period.at must be a time in milliseconds since 1970 (got NaN)'),
    );
    expect(() => metricsPeriod(spec({ kind: 'month' }), berlin)).toThrow(new Error('period.at is required'));
    expect(() => metricsPeriod(spec({ kind: 'custom', start: '2026-02-30', end: '2026-03-01' }), berlin)).toThrow(
      new Error('period.start must be a date written YYYY-MM-DD (got "2026-02-30")'),
    );
    expect(() => metricsPeriod(spec({ kind: 'custom', start: '2026-03-01', end: 'soon' }), berlin)).toThrow(
      new Error('period.end must be a date written YYYY-MM-DD (got "soon")'),
    );
    expect(() => metricsPeriod(spec({ kind: 'custom', start: '2026-03-10', end: '2026-03-01' }), berlin)).toThrow(
      new Error('period.end (2026-03-01) must not be before period.start (2026-03-10)'),
    );
    expect(() => metricsPeriod(spec(null), berlin)).toThrow(new Error('period must be an object (got null)'));
  });

  it('checks a period passed in', () => {
    const march = metricsPeriod({ kind: 'month', at: at('2026-03-15T12:00:00Z') }, berlin);
    expect(checkMetricsPeriod(march)).toBe(march);
    expect(() => checkMetricsPeriod({ ...march, end: march.start })).toThrow(
      new Error(`period.end (${march.start}) must be after period.start (${march.start})`),
    );
    expect(() => checkMetricsPeriod({ ...march, days: 30 })).toThrow(
      new Error('period.days must be the number of days from period.firstDay to period.lastDay (got 30)'),
    );
    expect(() => checkMetricsPeriod({ ...march, timeZone: 'Berlin' })).toThrow(
      new Error('period.timeZone must be a known IANA time zone (got "Berlin")'),
    );
    expect(() => checkMetricsPeriod({ ...march, kind: 'year' })).toThrow(
      new Error('period.kind must be one of week, month, quarter, custom (got "year")'),
    );
    expect(() => checkMetricsPeriod({ ...march, start: Number.POSITIVE_INFINITY })).toThrow(
      new Error('period.start must be a time in milliseconds since 1970 (got Infinity)'),
    );
  });
});
