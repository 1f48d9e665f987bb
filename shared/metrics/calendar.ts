/**
 * Local calendar days for the metrics: dates written YYYY-MM-DD are days where the people
 * are, in an IANA time zone passed in.
 *
 * Most of the arithmetic is on dates alone (a date is a day number, days since 1 January
 * 1970), so it needs no time zone and no clock: how many days a period has, how far apart two
 * dates are, and which budget week, month, quarter or year a date falls in (the same calendar
 * periods as `periodContaining` in shared/domains/budget.ts, on dates instead of instants).
 *
 * Only two questions need the time zone: the local date of an instant, and the first instant
 * of a local date. `Intl.DateTimeFormat` gives the wall-clock time of an instant; a local
 * midnight is its wall-clock time minus the zone's offset just before or just after that day,
 * the earliest candidate that really is midnight (where the clocks go back over midnight it
 * happens twice); where the clocks jump over midnight, the day begins at the jump. The budget
 * periods of shared/domains/budget.ts are computed with these same functions.
 */
import type { BudgetPeriod } from '../domains/budget';

const DAY_MS = 86_400_000;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** Milliseconds since the epoch of a UTC date and time; unlike `Date.UTC`, years 0–99 stay as they are. */
function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

function parts(date: string): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whether `text` is a real calendar date written YYYY-MM-DD, from year 0001 to 9999. */
export function isLocalDate(text: unknown): text is string {
  if (typeof text !== 'string' || !datePattern.test(text)) return false;
  const [year, month, day] = parts(text);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The day number of a date: days since 1970-01-01 (negative before). */
export function dayNumber(date: string): number {
  const [year, month, day] = parts(date);
  return Math.round(utcMs(year, month, day) / DAY_MS);
}

/** The date of a day number, YYYY-MM-DD. */
export function dateOfDayNumber(days: number): string {
  const date = new Date(days * DAY_MS);
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  const day = String(date.getUTCDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

/** The date `days` days after `date` (before when negative). */
export function addDays(date: string, days: number): string {
  return dateOfDayNumber(dayNumber(date) + days);
}

/** A date for a person: "29 Mar 2026". */
export function shortDate(date: string): string {
  const [year, month, day] = parts(date);
  return `${day} ${monthNames[month - 1] ?? ''} ${year}`;
}

/**
 * The budget period of kind `period` that contains the local date `date`, as local dates:
 * from `firstDay` (included) to `endDay` (excluded). Weeks start on Monday.
 */
export function calendarPeriodOf(period: BudgetPeriod, date: string): { firstDay: string; endDay: string } {
  const [year, month] = parts(date);
  const first = (y: number, m: number): string => dateOfDayNumber(Math.round(utcMs(y, m, 1) / DAY_MS));
  switch (period) {
    case 'week': {
      const days = dayNumber(date);
      // 1970-01-01 was a Thursday: day number 4 is a Monday.
      const monday = days - ((((days - 4) % 7) + 7) % 7);
      return { firstDay: dateOfDayNumber(monday), endDay: dateOfDayNumber(monday + 7) };
    }
    case 'month':
      return { firstDay: first(year, month), endDay: first(year, month + 1) };
    case 'quarter': {
      const firstMonth = Math.floor((month - 1) / 3) * 3 + 1;
      return { firstDay: first(year, firstMonth), endDay: first(year, firstMonth + 3) };
    }
    case 'year':
      return { firstDay: first(year, 1), endDay: first(year + 1, 1) };
  }
}

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/** Whether `timeZone` is an IANA time zone this runtime knows. */
export function isTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  try {
    wallClockFormat(timeZone);
    return true;
  } catch {
    return false;
  }
}

function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = wallClockFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClockFormats.set(timeZone, format);
  }
  return format;
}

/** The local wall-clock time of an instant in `timeZone`, to the second, as if it were UTC. */
function wallClock(at: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of wallClockFormat(timeZone).formatToParts(at)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = fields;
  return utcMs(year, month, day, hour === 24 ? 0 : hour, minute, second);
}

/** The local date of an instant in `timeZone`, YYYY-MM-DD. */
export function localDateOf(at: number, timeZone: string): string {
  return dateOfDayNumber(Math.floor(wallClock(at, timeZone) / DAY_MS));
}

/** The zone's offset from UTC at an instant, in milliseconds (local − UTC). */
function offsetAt(at: number, timeZone: string): number {
  return wallClock(at, timeZone) - Math.floor(at / 1000) * 1000;
}

/** The first instant of the local date `date` in `timeZone`. */
export function startOfLocalDay(date: string, timeZone: string): number {
  const midnight = dayNumber(date) * DAY_MS;
  const candidates = [
    midnight - offsetAt(midnight - DAY_MS, timeZone),
    midnight - offsetAt(midnight + DAY_MS, timeZone),
  ];
  const exact = candidates.filter((candidate) => wallClock(candidate, timeZone) === midnight);
  if (exact.length > 0) return Math.min(...exact);
  // The clocks jump over midnight that day; zones jump at midnight itself, so the day begins
  // where the offset before the jump reaches midnight: the later candidate.
  return Math.max(...candidates);
}
