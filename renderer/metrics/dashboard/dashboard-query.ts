/**
 * The metrics dashboard's period and scope as they live in the address's query string, so
 * back, forward and reload keep them: `period` (week, month, quarter or custom; month when
 * absent), `at` (a YYYY-MM-DD day inside the calendar period shown; today when absent),
 * `from` and `to` (the first and last day of a custom range), `domain` (a domain's id; the
 * whole workspace when absent) and `subdomains=1` (the domain with the domains below it).
 * Values this version does not know are ignored rather than refused, so an old bookmark
 * still opens the dashboard.
 */
import { addDays, dayNumber, isLocalDate, startOfLocalDay } from '@shared/metrics/calendar';
import { metricsPeriod, metricsPeriodKinds, type MetricsPeriod, type MetricsPeriodKind } from '@shared/metrics';

/** How many periods the trends cover: the one shown and the five before it. */
export const TREND_PERIODS = 6;

/** The period and scope a person chose. */
export interface DashboardQuery {
  kind: MetricsPeriodKind;
  /** A day inside the calendar period shown, YYYY-MM-DD; '' for the period of today. */
  at: string;
  /** The first day of a custom range, YYYY-MM-DD or ''. */
  from: string;
  /** The last day of a custom range, YYYY-MM-DD or ''. */
  to: string;
  /** The domain whose figures are shown; null for the whole workspace. */
  domainId: string | null;
  /** Whether the domains below the domain count too. */
  includeSubdomains: boolean;
}

/** The dashboard as it opens: this month, the whole workspace. */
export const defaultDashboardQuery: DashboardQuery = Object.freeze({
  kind: 'month',
  at: '',
  from: '',
  to: '',
  domainId: null,
  includeSubdomains: false,
});

const dateParam = (params: URLSearchParams, name: string): string => {
  const value = params.get(name) ?? '';
  return isLocalDate(value) ? value : '';
};

/** Reads the period and scope from a query string; unknown values fall back to the defaults. */
export function readDashboardQuery(params: URLSearchParams): DashboardQuery {
  const kind = params.get('period');
  const domain = params.get('domain') ?? '';
  return {
    kind: (metricsPeriodKinds as readonly string[]).includes(kind ?? '') ? (kind as MetricsPeriodKind) : 'month',
    at: dateParam(params, 'at'),
    from: dateParam(params, 'from'),
    to: dateParam(params, 'to'),
    domainId: domain === '' ? null : domain,
    includeSubdomains: domain !== '' && params.get('subdomains') === '1',
  };
}

/** The query string of a period and scope; defaults are left out, so this month of the workspace has none. */
export function writeDashboardQuery(query: DashboardQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.kind !== 'month') params.set('period', query.kind);
  if (query.kind === 'custom') {
    if (query.from !== '') params.set('from', query.from);
    if (query.to !== '') params.set('to', query.to);
  } else if (query.at !== '') {
    params.set('at', query.at);
  }
  if (query.domainId !== null) {
    params.set('domain', query.domainId);
    if (query.includeSubdomains) params.set('subdomains', '1');
  }
  return params;
}

/** The period a query shows, or why it cannot be shown (a custom range not chosen yet, or backwards). */
export type ResolvedPeriod = { period: MetricsPeriod; problem: null } | { period: null; problem: string };

/**
 * The period of `query` in `timeZone`, `today` being the local date now: the calendar period
 * containing `at` (or today), or the custom range from `from` to `to`.
 */
export function resolvePeriod(query: DashboardQuery, today: string, timeZone: string): ResolvedPeriod {
  if (query.kind === 'custom') {
    if (query.from === '' || query.to === '') {
      return { period: null, problem: 'Choose the first and the last day of the range.' };
    }
    if (query.to < query.from) return { period: null, problem: 'The last day must not be before the first day.' };
    return { period: metricsPeriod({ kind: 'custom', start: query.from, end: query.to }, timeZone), problem: null };
  }
  const day = query.at === '' ? today : query.at;
  return { period: metricsPeriod({ kind: query.kind, at: startOfLocalDay(day, timeZone) }, timeZone), problem: null };
}

/** Whether `period` holds `today`. */
export function holdsToday(period: MetricsPeriod, today: string): boolean {
  return period.firstDay <= today && today <= period.lastDay;
}

/**
 * The query of the period before (`step` −1) or after (+1) `period`: the calendar period
 * next to it, or a custom range of as many days just before or after it.
 */
export function stepPeriod(query: DashboardQuery, period: MetricsPeriod, step: -1 | 1): DashboardQuery {
  if (query.kind === 'custom') {
    const days = dayNumber(period.lastDay) - dayNumber(period.firstDay) + 1;
    return { ...query, from: addDays(period.firstDay, step * days), to: addDays(period.lastDay, step * days) };
  }
  return { ...query, at: step < 0 ? addDays(period.firstDay, -1) : addDays(period.lastDay, 1) };
}

/**
 * The query of another kind of period around the one shown: a custom range starts as the
 * period shown; a calendar period is the one holding the first day of what was shown.
 */
export function switchKind(
  query: DashboardQuery,
  period: MetricsPeriod | null,
  kind: MetricsPeriodKind,
  today: string,
): DashboardQuery {
  if (kind === query.kind) return query;
  if (kind === 'custom') {
    return { ...query, kind, at: '', from: period?.firstDay ?? today, to: period?.lastDay ?? today };
  }
  const anchor = period === null ? '' : period.firstDay;
  // Today's period stays "today" (no `at`), so the address keeps following the calendar.
  const at = anchor === '' || (period !== null && holdsToday(period, today)) ? '' : anchor;
  return { ...query, kind, at, from: '', to: '' };
}
