import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetPeriods, periodContaining } from '../domains/budget';
import {
  addDays,
  calendarPeriodOf,
  dateOfDayNumber,
  dayNumber,
  isLocalDate,
  isTimeZone,
  localDateOf,
  shortDate,
  startOfLocalDay,
} from './calendar';

const iso = (ms: number): string => new Date(ms).toISOString();

describe('dates', () => {
  it('accepts real dates written YYYY-MM-DD only', () => {
    expect(isLocalDate('2026-03-29')).toBe(true);
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2026-04-31')).toBe(false);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('2026-00-10')).toBe(false);
    expect(isLocalDate('0000-01-01')).toBe(false);
    expect(isLocalDate('2026-3-29')).toBe(false);
    expect(isLocalDate('2026-03-29T00:00')).toBe(false);
    expect(isLocalDate(20260329)).toBe(false);
    expect(isLocalDate(null)).toBe(false);
  });

  it('counts days since 1970 and back', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1969-12-31')).toBe(-1);
    expect(dayNumber('2026-03-01') - dayNumber('2026-02-01')).toBe(28);
    expect(dateOfDayNumber(0)).toBe('1970-01-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('0050-01-01', -1)).toBe('0049-12-31');
  });

  it('writes dates for people', () => {
    expect(shortDate('2026-03-01')).toBe('1 Mar 2026');
    expect(shortDate('2026-12-25')).toBe('25 Dec 2026');
  });

  it('round-trips every date through its day number', () => {
    fc.assert(
      fc.property(fc.integer({ min: -700_000, max: 2_900_000 }), (days) => {
        const date = dateOfDayNumber(days);
        expect(isLocalDate(date)).toBe(true);
        expect(dayNumber(date)).toBe(days);
      }),
    );
  });
});

describe('calendarPeriodOf', () => {
  it('gives weeks from Monday, months, quarters and years as dates', () => {
    expect(calendarPeriodOf('week', '2026-03-29')).toEqual({ firstDay: '2026-03-23', endDay: '2026-03-30' });
    expect(calendarPeriodOf('week', '2026-03-30')).toEqual({ firstDay: '2026-03-30', endDay: '2026-04-06' });
    expect(calendarPeriodOf('week', '2026-01-01')).toEqual({ firstDay: '2025-12-29', endDay: '2026-01-05' });
    expect(calendarPeriodOf('week', '1969-12-31')).toEqual({ firstDay: '1969-12-29', endDay: '1970-01-05' });
    expect(calendarPeriodOf('month', '2024-02-15')).toEqual({ firstDay: '2024-02-01', endDay: '2024-03-01' });
    expect(calendarPeriodOf('month', '2026-12-31')).toEqual({ firstDay: '2026-12-01', endDay: '2027-01-01' });
    expect(calendarPeriodOf('quarter', '2026-11-25')).toEqual({ firstDay: '2026-10-01', endDay: '2027-01-01' });
    expect(calendarPeriodOf('quarter', '2026-03-31')).toEqual({ firstDay: '2026-01-01', endDay: '2026-04-01' });
    expect(calendarPeriodOf('year', '2026-06-01')).toEqual({ firstDay: '2026-01-01', endDay: '2027-01-01' });
  });

  it('agrees with the budget periods of shared/domains/budget.ts in any time zone', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland', 'UTC', 'America/Havana'];
    fc.assert(
      fc.property(
        fc.constantFrom(...budgetPeriods),
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }),
        fc.constantFrom(...zones),
        (kind, at, timeZone) => {
          const range = periodContaining(kind, at, timeZone);
          expect(calendarPeriodOf(kind, localDateOf(at, timeZone))).toEqual({
            firstDay: localDateOf(range.start, timeZone),
            endDay: localDateOf(range.end, timeZone),
          });
        },
      ),
    );
  });
});

describe('time zones', () => {
  it('knows IANA time zones and nothing else', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(isTimeZone(undefined)).toBe(false);
  });

  it('gives the local date of an instant', () => {
    // 00:30 on 1 March in Berlin is still 28 February in UTC.
    expect(localDateOf(Date.parse('2026-02-28T23:30:00Z'), 'Europe/Berlin')).toBe('2026-03-01');
    expect(localDateOf(Date.parse('2026-02-28T23:30:00Z'), 'UTC')).toBe('2026-02-28');
  });

  it('finds local midnight on either side of a clock change (Europe/Berlin)', () => {
    expect(iso(startOfLocalDay('2026-03-29', 'Europe/Berlin'))).toBe('2026-03-28T23:00:00.000Z');
    expect(iso(startOfLocalDay('2026-03-30', 'Europe/Berlin'))).toBe('2026-03-29T22:00:00.000Z');
    expect(iso(startOfLocalDay('2026-10-25', 'Europe/Berlin'))).toBe('2026-10-24T22:00:00.000Z');
    expect(iso(startOfLocalDay('2026-10-26', 'Europe/Berlin'))).toBe('2026-10-25T23:00:00.000Z');
  });

  it('starts a day at the jump where the clocks skip midnight (Asia/Tehran, 22 March 2021)', () => {
    expect(iso(startOfLocalDay('2021-03-22', 'Asia/Tehran'))).toBe('2021-03-21T20:30:00.000Z');
  });

  it('starts a day at its first midnight where midnight happens twice (America/Havana, 1 November 2026)', () => {
    expect(iso(startOfLocalDay('2026-11-01', 'America/Havana'))).toBe('2026-11-01T04:00:00.000Z');
  });

  it('puts the start of a day where the budget engine puts the start of a week', () => {
    const zones = ['Europe/Berlin', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Tehran', 'America/Havana'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...zones),
        (at, timeZone) => {
          const week = periodContaining('week', at, timeZone);
          expect(startOfLocalDay(localDateOf(week.start, timeZone), timeZone)).toBe(week.start);
        },
      ),
    );
  });
});
