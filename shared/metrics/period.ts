/**
 * The periods metrics are computed over (framework.md § 9: weekly, monthly and quarterly
 * reviews): a calendar week (Monday to Monday), month or quarter containing a moment, or a
 * custom range of local dates, in an IANA time zone passed in.
 *
 * A period runs from local midnight to local midnight, start included and end excluded, so
 * an instant belongs to it when `start ≤ t < end` and a local date when `firstDay ≤ d ≤
 * lastDay`; the two agree because the ends are local midnights. Calendar periods come from
 * `periodContaining` (shared/domains/budget.ts), so metrics and budget envelopes always see
 * the same month. A custom range is given by its first and last local dates, both included.
 *
 * The period before a calendar period is the calendar period before it; the period before a
 * custom range is the range of as many days that ends the day before it. Trends compare a
 * period with the ones before it (`recentPeriods`).
 */
import { periodContaining } from '../domains/budget';
import {
  addDays,
  calendarPeriodOf,
  dayNumber,
  isLocalDate,
  isTimeZone,
  localDateOf,
  shortDate,
  startOfLocalDay,
} from './calendar';
import { invalid, isRecord, readTime } from './check';

/** The kinds of period metrics are computed over. */
export const metricsPeriodKinds = ['week', 'month', 'quarter', 'custom'] as const;

/** A kind of metrics period: a calendar week, month or quarter, or a custom range of dates. */
export type MetricsPeriodKind = (typeof metricsPeriodKinds)[number];

/** The calendar kinds of metrics period. */
export type CalendarPeriodKind = Exclude<MetricsPeriodKind, 'custom'>;

/** Which period to compute: the calendar period containing `at`, or a custom range of local dates. */
export type MetricsPeriodSpec =
  | { kind: CalendarPeriodKind; at: number }
  /** From `start` to `end`, both local dates YYYY-MM-DD and both included. */
  | { kind: 'custom'; start: string; end: string };

/** A period, resolved in a time zone. */
export interface MetricsPeriod {
  kind: MetricsPeriodKind;
  /** The first instant, in milliseconds since the epoch (included). */
  start: number;
  /** The first instant after the period (excluded). */
  end: number;
  /** "Week of 23 Nov 2026", "November 2026", "Q4 2026" or "1 Mar 2026 – 15 Mar 2026". */
  label: string;
  /** The first local date, YYYY-MM-DD. */
  firstDay: string;
  /** The last local date, YYYY-MM-DD (included). */
  lastDay: string;
  /** How many local calendar days it has (a day with a clock change counts as one). */
  days: number;
  /** The IANA time zone it was resolved in. */
  timeZone: string;
}

/** The most periods `recentPeriods` gives: ten years of weeks. */
export const maxRecentPeriods = 520;

function checkTimeZone(timeZone: unknown, field: string): string {
  if (!isTimeZone(timeZone)) throw invalid(field, 'a known IANA time zone', timeZone);
  return timeZone;
}

function calendarPeriod(kind: CalendarPeriodKind, at: number, timeZone: string): MetricsPeriod {
  const range = periodContaining(kind, at, timeZone);
  const { firstDay, endDay } = calendarPeriodOf(kind, localDateOf(at, timeZone));
  return {
    kind,
    start: range.start,
    end: range.end,
    label: range.label,
    firstDay,
    lastDay: addDays(endDay, -1),
    days: dayNumber(endDay) - dayNumber(firstDay),
    timeZone,
  };
}

function customPeriod(firstDay: string, lastDay: string, timeZone: string): MetricsPeriod {
  return {
    kind: 'custom',
    start: startOfLocalDay(firstDay, timeZone),
    end: startOfLocalDay(addDays(lastDay, 1), timeZone),
    label: firstDay === lastDay ? shortDate(firstDay) : `${shortDate(firstDay)} – ${shortDate(lastDay)}`,
    firstDay,
    lastDay,
    days: dayNumber(lastDay) - dayNumber(firstDay) + 1,
    timeZone,
  };
}

/**
 * Resolves a period in `timeZone`: the calendar week, month or quarter containing `spec.at`,
 * or the custom range from `spec.start` to `spec.end` (local dates, both included). Throws an
 * `Error` naming the field for an unknown kind, a time that is not a finite number, a date
 * that is not a real YYYY-MM-DD date, an end before the start, or an unknown time zone.
 */
export function metricsPeriod(spec: MetricsPeriodSpec, timeZone: string): MetricsPeriod {
  if (!isRecord(spec)) throw invalid('period', 'an object', spec);
  const zone = checkTimeZone(timeZone, 'timeZone');
  if (spec.kind === 'custom') {
    if (!isLocalDate(spec.start)) throw invalid('period.start', 'a date written YYYY-MM-DD', spec.start);
    if (!isLocalDate(spec.end)) throw invalid('period.end', 'a date written YYYY-MM-DD', spec.end);
    if (spec.end < spec.start) {
      throw new Error(`period.end (${spec.end}) must not be before period.start (${spec.start})`);
    }
    return customPeriod(spec.start, spec.end, zone);
  }
  const kind: unknown = spec.kind;
  if (kind !== 'week' && kind !== 'month' && kind !== 'quarter') {
    throw invalid('period.kind', 'one of week, month, quarter, custom', kind);
  }
  return calendarPeriod(spec.kind, readTime(spec.at, 'period.at'), zone);
}

/** The period just before `period`, of the same kind and, for a custom range, as many days. */
export function previousPeriod(period: MetricsPeriod): MetricsPeriod {
  if (period.kind === 'custom') {
    return customPeriod(addDays(period.firstDay, -period.days), addDays(period.firstDay, -1), period.timeZone);
  }
  return calendarPeriod(period.kind, period.start - 1, period.timeZone);
}

/**
 * The `count` periods ending with `period`, oldest first: `period` is the last. Throws an
 * `Error` when `count` is not a whole number from 1 to 520.
 */
export function recentPeriods(period: MetricsPeriod, count: number): MetricsPeriod[] {
  if (!Number.isSafeInteger(count) || count < 1 || count > maxRecentPeriods) {
    throw invalid('count', `a whole number from 1 to ${maxRecentPeriods}`, count);
  }
  const periods = [period];
  for (let index = 1; index < count; index += 1) {
    const earliest = periods[periods.length - 1];
    if (earliest === undefined) break;
    periods.push(previousPeriod(earliest));
  }
  return periods.reverse();
}

/**
 * How many days of `period` have begun by `now`: all of them when `now` is not given or is in
 * a later period, none when it is before the period, and otherwise the days up to and
 * including the local date of `now`. Rates per 30 days divide by these days, so a month in
 * progress is not compared on its whole length.
 */
export function elapsedDays(period: MetricsPeriod, now?: number): number {
  if (now === undefined) return period.days;
  const today = localDateOf(readTime(now, 'now'), period.timeZone);
  const days = dayNumber(today) - dayNumber(period.firstDay) + 1;
  return Math.min(period.days, Math.max(0, days));
}

/**
 * Checks a period passed in (as `metricsPeriod` makes them) and returns it: a known kind, a
 * known time zone, real first and last dates, `start` before `end`. Throws an `Error` naming
 * the field otherwise (`name` prefixes the field names, "period" by default).
 */
export function checkMetricsPeriod(period: unknown, name = 'period'): MetricsPeriod {
  if (!isRecord(period)) throw invalid(name, 'an object', period);
  const { kind, start, end, firstDay, lastDay, days, timeZone } = period;
  if (typeof kind !== 'string' || !(metricsPeriodKinds as readonly string[]).includes(kind)) {
    throw invalid(`${name}.kind`, 'one of week, month, quarter, custom', kind);
  }
  readTime(start, `${name}.start`);
  readTime(end, `${name}.end`);
  if (!(Number(end) > Number(start))) {
    throw new Error(`${name}.end (${String(end)}) must be after ${name}.start (${String(start)})`);
  }
  if (!isLocalDate(firstDay)) throw invalid(`${name}.firstDay`, 'a date written YYYY-MM-DD', firstDay);
  if (!isLocalDate(lastDay)) throw invalid(`${name}.lastDay`, 'a date written YYYY-MM-DD', lastDay);
  if (days !== dayNumber(lastDay) - dayNumber(firstDay) + 1 || lastDay < firstDay) {
    throw invalid(`${name}.days`, `the number of days from ${name}.firstDay to ${name}.lastDay`, days);
  }
  if (typeof period.label !== 'string') throw invalid(`${name}.label`, 'text', period.label);
  checkTimeZone(timeZone, `${name}.timeZone`);
  return period as unknown as MetricsPeriod;
}
