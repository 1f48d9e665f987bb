/**
 * Governance alerts (framework.md § 7 "Pattern monitoring, Risk assessment"): patterns in the
 * metrics of a period and the periods before it that a review should look at, each with the
 * evidence in a sentence and the figures behind it.
 *
 * The rules, in the order alerts are listed:
 * 1. Escalations rising: escalation frequency went up two periods in a row (the last three
 *    periods all have enough data, and each step is "up" by the trend rule: more than the
 *    trend tolerance, 5 % of the earlier value by default).
 * 2. Trust falling: the trust figure went down two periods in a row, by the same rule.
 * 3. Over budget: a domain (or the workspace-level budget) committed more than its budget of
 *    the period (utilisation above 100 %, or anything committed against a budget of 0); one
 *    alert per domain, workspace level first, then by domain id.
 * 4. Overrides high: the override rate has enough data and is at or above the limit (by
 *    default 25 %, where its traffic light turns red).
 * 5. Health red: a health figure (team satisfaction, stress, collaboration, trust) has a red
 *    light; one alert per figure. Hidden figures (too few people) never alert.
 * 6. Reviews overdue: decisions past their review date without a review (passed in, as
 *    `prepareReview` finds them); one alert listing them.
 */
import { invalid, isRecord, readList } from '../metrics/check';
import type { MetricsResult } from '../metrics/compute';
import { defaultThresholds, defaultTrendTolerance, metricDefinitions, type MetricKey } from '../metrics/definitions';
import { checkTrendTolerance, trendOf } from '../metrics/trend';
import { countOf, formatDate, formatMetricValue, formatPercent, formatReviewAmount } from './format';

/** The kinds of alert, in the order they are listed. */
export const governanceAlertKinds = [
  'escalations-rising',
  'trust-falling',
  'over-budget',
  'override-rate-high',
  'health-red',
  'reviews-overdue',
] as const;

/** A kind of governance alert. */
export type GovernanceAlertKind = (typeof governanceAlertKinds)[number];

/** A figure behind an alert: what it is, its value and how a person reads it. */
export interface AlertFigure {
  /** A period's label, "Committed", "Budget", … */
  label: string;
  value: number;
  /** The value for a person: "30%", "1,200 EUR". */
  text: string;
}

/** A pattern a review should look at, with its evidence. */
export interface GovernanceAlert {
  kind: GovernanceAlertKind;
  /** Unique among the alerts of one call and stable across calls: the kind and its subject. */
  key: string;
  title: string;
  /** The evidence in one or two sentences of plain text. */
  evidence: string;
  /** The figure it is about; null for alerts about records. */
  metric: MetricKey | null;
  /** The domain it is about (over budget); null otherwise or for the workspace level. */
  domainId: string | null;
  figures: AlertFigure[];
  /** Ids of the records it is about (decisions overdue for review), so the app can link them. */
  recordIds: string[];
}

/** A decision overdue for review, as an alert reads it. */
export interface OverdueReview {
  decisionId: string;
  title: string;
  /** The review date that has passed, YYYY-MM-DD. */
  reviewOn: string;
}

/** Options of `governanceAlerts`; each has a default. */
export interface GovernanceAlertOptions {
  /** Domains' names and budget units, for the texts; a domain left out is named by its id. */
  domains?: readonly { id: string; name: string; budgetUnit: string }[];
  /** Decisions overdue for review (none by default). */
  overdueReviews?: readonly OverdueReview[];
  /** The override rate from which to alert, 0 to 1 (0.25 by default). */
  overrideRateLimit?: number;
  /** The relative change within which a step is flat, 0 to 1 (0.05 by default). */
  trendTolerance?: number;
}

/** The default override-rate limit: where the override rate's light turns red by default. */
export const defaultOverrideRateLimit = defaultThresholds.overrideRate?.red ?? 0.25;

/** How many overdue decisions an alert's evidence names before "and N more". */
const overdueNamed = 3;

function valueOf(result: MetricsResult, key: 'escalationRate' | 'trust'): number | null {
  return key === 'trust' ? result.health.trust.value : result.autonomy.escalationRate.value;
}

/** An alert when `key` moved `direction` two periods in a row over the last three results. */
function twoInARow(
  results: readonly MetricsResult[],
  key: 'escalationRate' | 'trust',
  direction: 'up' | 'down',
  tolerance: number,
): GovernanceAlert | null {
  if (results.length < 3) return null;
  const last = results.slice(-3);
  const values = last.map((result) => valueOf(result, key));
  const [a, b, c] = values;
  if (a === null || b === null || c === null || a === undefined || b === undefined || c === undefined) return null;
  const better = metricDefinitions[key].better;
  const moved = (from: number, to: number): boolean => trendOf([from, to], better, tolerance).direction === direction;
  if (!moved(a, b) || !moved(b, c)) return null;
  const definition = metricDefinitions[key];
  const figures = last.map((result, index) => {
    const value = values[index] as number;
    return { label: result.period.label, value, text: formatMetricValue(value, definition.unit) };
  });
  const steps = figures.map((figure) => `${figure.text} in ${figure.label}`).join(', ');
  const rising = key === 'escalationRate';
  return {
    kind: rising ? 'escalations-rising' : 'trust-falling',
    key: rising ? 'escalations-rising' : 'trust-falling',
    title: rising ? 'Escalations rising' : 'Trust falling',
    evidence: `${definition.name} ${rising ? 'rose' : 'fell'} two periods in a row: ${steps}.`,
    metric: key,
    domainId: null,
    figures,
    recordIds: [],
  };
}

function overBudget(
  result: MetricsResult,
  names: ReadonlyMap<string, { name: string; budgetUnit: string }>,
): GovernanceAlert[] {
  const alerts: GovernanceAlert[] = [];
  for (const domain of result.autonomy.utilisationByDomain) {
    if (domain.budget === null || !(domain.committed > domain.budget)) continue;
    const info = domain.domainId === null ? undefined : names.get(domain.domainId);
    const name = domain.domainId === null ? 'The workspace' : (info?.name ?? domain.domainId);
    const unit = info?.budgetUnit ?? '';
    const committed = formatReviewAmount(domain.committed, unit);
    const budget = formatReviewAmount(domain.budget, unit);
    const share = domain.budget > 0 ? ` (${formatPercent(domain.committed / domain.budget)})` : '';
    alerts.push({
      kind: 'over-budget',
      key: `over-budget:${domain.domainId ?? ''}`,
      title: 'Over budget',
      evidence: `${name} committed ${committed} against a budget of ${budget} for ${result.period.label}${share}.`,
      metric: 'resourceUtilisation',
      domainId: domain.domainId,
      figures: [
        { label: 'Committed', value: domain.committed, text: committed },
        { label: 'Budget', value: domain.budget, text: budget },
      ],
      recordIds: [],
    });
  }
  return alerts;
}

function overridesHigh(result: MetricsResult, limit: number): GovernanceAlert | null {
  const figure = result.autonomy.overrideRate;
  if (figure.value === null || figure.value < limit) return null;
  return {
    kind: 'override-rate-high',
    key: 'override-rate-high',
    title: 'Many overrides',
    evidence: `${figure.matching} of ${countOf(figure.count, 'decision', 'decisions')} (${formatPercent(figure.value)}) were decided in a less demanding tier than classified, at or above the ${formatPercent(limit)} limit.`,
    metric: 'overrideRate',
    domainId: null,
    figures: [{ label: result.period.label, value: figure.value, text: formatPercent(figure.value) }],
    recordIds: [],
  };
}

function healthRed(result: MetricsResult): GovernanceAlert[] {
  const alerts: GovernanceAlert[] = [];
  for (const key of ['teamSatisfaction', 'stress', 'collaboration', 'trust'] as const) {
    const figure = result.health[key];
    if (result.lights[key] !== 'red' || figure.value === null) continue;
    const definition = metricDefinitions[key];
    const text = formatMetricValue(figure.value, definition.unit);
    alerts.push({
      kind: 'health-red',
      key: `health-red:${key}`,
      title: `${definition.name} is red`,
      evidence: `${definition.name} is ${text} in ${result.period.label}${key === 'stress' ? ' (lower is better)' : ''}, from ${countOf(figure.count, 'answer', 'answers')} in ${countOf(figure.rounds, 'pulse round', 'pulse rounds')}.`,
      metric: key,
      domainId: null,
      figures: [{ label: result.period.label, value: figure.value, text }],
      recordIds: [],
    });
  }
  return alerts;
}

function reviewsOverdue(overdue: readonly OverdueReview[]): GovernanceAlert | null {
  if (overdue.length === 0) return null;
  const named = overdue
    .slice(0, overdueNamed)
    .map((review) => `${review.title} (due ${formatDate(review.reviewOn)})`)
    .join('; ');
  const more = overdue.length > overdueNamed ? `; and ${overdue.length - overdueNamed} more` : '';
  return {
    kind: 'reviews-overdue',
    key: 'reviews-overdue',
    title: 'Decisions overdue for review',
    evidence: `${countOf(overdue.length, 'decision is', 'decisions are')} past the review date without a review: ${named}${more}.`,
    metric: null,
    domainId: null,
    figures: [{ label: 'Overdue', value: overdue.length, text: String(overdue.length) }],
    recordIds: overdue.map((review) => review.decisionId),
  };
}

function readOverdue(value: unknown): readonly OverdueReview[] {
  if (value === undefined) return [];
  return readList(value as readonly OverdueReview[], 'options.overdueReviews').map((review, index) => {
    const field = `options.overdueReviews[${index}]`;
    if (!isRecord(review)) throw invalid(field, 'an object', review);
    if (typeof review.decisionId !== 'string' || review.decisionId === '') {
      throw invalid(`${field}.decisionId`, 'a non-empty id', review.decisionId);
    }
    if (typeof review.title !== 'string') throw invalid(`${field}.title`, 'text', review.title);
    if (typeof review.reviewOn !== 'string') throw invalid(`${field}.reviewOn`, 'a date', review.reviewOn);
    return review;
  });
}

/**
 * The governance alerts of `current` (a period's metrics), with `previous` (the results of
 * the periods just before it, oldest first, as `metricsTrend` gives them) for the trends, by
 * the rules in this file's header, in the order of the rules. Throws an `Error` naming the
 * field for invalid options.
 */
export function governanceAlerts(
  current: MetricsResult,
  previous: readonly MetricsResult[],
  options: GovernanceAlertOptions = {},
): GovernanceAlert[] {
  if (!isRecord(current)) throw invalid('current', 'a metrics result', current);
  readList(previous, 'previous');
  requireObject(options, 'options');
  const tolerance =
    options.trendTolerance === undefined
      ? defaultTrendTolerance
      : checkTrendTolerance(options.trendTolerance, 'options.trendTolerance');
  const limit = options.overrideRateLimit ?? defaultOverrideRateLimit;
  if (typeof limit !== 'number' || !(limit >= 0 && limit <= 1)) {
    throw invalid('options.overrideRateLimit', 'a number from 0 to 1', limit);
  }
  const names = new Map((options.domains ?? []).map((domain) => [domain.id, domain] as const));
  const results = [...previous, current];
  const alerts: (GovernanceAlert | null)[] = [
    twoInARow(results, 'escalationRate', 'up', tolerance),
    twoInARow(results, 'trust', 'down', tolerance),
    ...overBudget(current, names),
    overridesHigh(current, limit),
    ...healthRed(current),
    reviewsOverdue(readOverdue(options.overdueReviews)),
  ];
  return alerts.filter((alert): alert is GovernanceAlert => alert !== null);
}

/** Throws an `Error` naming `field` unless `value` is an object (without narrowing its type). */
function requireObject(value: unknown, field: string): void {
  if (!isRecord(value)) throw invalid(field, 'an object', value);
}
