/**
 * Governance alerts (issue 6; framework.md § 7 "Pattern monitoring, Risk assessment"):
 * patterns in the metrics of a period and the periods before it that a review should look
 * at, each with the evidence in a sentence, the figures behind it and a link to the place to
 * act (`action.to`, a route of the app).
 *
 * "Rising (or falling) for three periods" is read as: over the last three periods (the
 * current one and the two before it), each of the two steps moved that way by the trend rule
 * (more than the trend tolerance, 5 % of the earlier value by default), and all three periods
 * have a value (enough data; hidden health figures have none, so they never alert).
 *
 * The rules, in the order alerts are listed:
 * 1. Escalations rising: escalation frequency rose in both steps over the last three periods.
 *    Action: the scope's domain threshold policy (`/domains/<id>#thresholds`), or the domains
 *    for the workspace.
 * 2. Utilisation high: a domain (or the workspace-level budget) committed 90 % or more of its
 *    budget of the period (anything committed against a budget of 0 counts); one alert per
 *    domain, workspace level first, then by domain id; then the total over the budgeted
 *    domains, when there are two or more of them (with one, it repeats that domain's alert).
 *    The title says "Over budget" above 100 %, "Budget nearly used" from 90 % to 100 %.
 *    Action: the domain's page, or the domains.
 * 3. Reviews overdue: decisions past their review date without a review (passed in, as
 *    `prepareReview` finds them); one alert listing them. Action: the decision when there is
 *    one, else the decision log of decided and implemented decisions.
 * 4. Trust falling, 5. satisfaction (team satisfaction) falling, 6. stress rising: the health
 *    figure moved that way in both steps over the last three periods. Action: record a pulse
 *    check (`/metrics/pulse`).
 * 7. Many overrides: the override rate has enough data and is at or above the limit (by
 *    default 25 %, where its traffic light turns red). Action: the threshold policies (the
 *    scope's domain, or the domains).
 * 8. Never autonomous: a domain decided at least `minDecidedForAutonomy` (5) decisions in the
 *    period and none of them in the autonomous tier (`domainAutonomy`, passed in; see
 *    `domainAutonomyOf`); one alert per domain, by domain id. Action: the domain's threshold
 *    policy.
 */
import { descendantsOf } from '../domains/hierarchy';
import { invalid, isRecord, readList } from '../metrics/check';
import {
  computeMetrics,
  type MetricsOptions,
  type MetricsResult,
  type MetricsScope,
  type MetricsSnapshot,
} from '../metrics/compute';
import { defaultThresholds, defaultTrendTolerance, metricDefinitions, type MetricKey } from '../metrics/definitions';
import type { MetricsPeriod } from '../metrics/period';
import { checkTrendTolerance, trendOf } from '../metrics/trend';
import { countOf, formatDate, formatMetricValue, formatPercent, formatReviewAmount } from './format';

/** The kinds of alert, in the order they are listed. */
export const governanceAlertKinds = [
  'escalations-rising',
  'over-budget',
  'reviews-overdue',
  'trust-falling',
  'satisfaction-falling',
  'stress-rising',
  'override-rate-high',
  'never-autonomous',
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

/** Where to act on an alert: a route of the app and the words of its link. */
export interface AlertAction {
  label: string;
  /** A route of the app: "/domains/lab#thresholds", "/metrics/pulse", "/decisions/d1". */
  to: string;
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
  /** The domain it is about (utilisation, never autonomous); null otherwise or for the workspace level. */
  domainId: string | null;
  figures: AlertFigure[];
  /** Ids of the records it is about (decisions overdue for review), so the app can link them. */
  recordIds: string[];
  /** Where to act on it. */
  action: AlertAction;
}

/** A decision overdue for review, as an alert reads it. */
export interface OverdueReview {
  decisionId: string;
  title: string;
  /** The review date that has passed, YYYY-MM-DD. */
  reviewOn: string;
}

/** How many decisions a domain decided in the period, and how many of them autonomously. */
export interface DomainAutonomy {
  domainId: string;
  decided: number;
  autonomous: number;
}

/** Options of `governanceAlerts`; each has a default. */
export interface GovernanceAlertOptions {
  /** Domains' names and budget units, for the texts; a domain left out is named by its id. */
  domains?: readonly { id: string; name: string; budgetUnit: string }[];
  /** Decisions overdue for review (none by default). */
  overdueReviews?: readonly OverdueReview[];
  /** Each domain's decisions of the current period (`domainAutonomyOf`); none by default. */
  domainAutonomy?: readonly DomainAutonomy[];
  /** The override rate from which to alert, 0 to 1 (0.25 by default). */
  overrideRateLimit?: number;
  /** The relative change within which a step is flat, 0 to 1 (0.05 by default). */
  trendTolerance?: number;
}

/** The default override-rate limit: where the override rate's light turns red by default. */
export const defaultOverrideRateLimit = defaultThresholds.overrideRate?.red ?? 0.25;

/** The share of a budget from which utilisation alerts. */
export const utilisationAlertShare = 0.9;

/** The fewest decisions a domain decides in a period before deciding none autonomously alerts. */
export const minDecidedForAutonomy = 5;

/** How many overdue decisions an alert's evidence names before "and N more". */
const overdueNamed = 3;

/** The threshold policy of the scope's domain, or the domains for the workspace. */
function policyAction(domainId: string | null): AlertAction {
  return domainId === null
    ? { label: 'Review the domains’ threshold policies', to: '/domains' }
    : { label: 'Open the threshold policy', to: `/domains/${encodeURIComponent(domainId)}#thresholds` };
}

const pulseAction: AlertAction = { label: 'Record a pulse check', to: '/metrics/pulse' };

type TrendKey = 'escalationRate' | 'trust' | 'teamSatisfaction' | 'stress';

const trendRules = {
  escalationRate: { kind: 'escalations-rising', direction: 'up', title: 'Escalation frequency rising' },
  trust: { kind: 'trust-falling', direction: 'down', title: 'Trust falling' },
  teamSatisfaction: { kind: 'satisfaction-falling', direction: 'down', title: 'Satisfaction falling' },
  stress: { kind: 'stress-rising', direction: 'up', title: 'Stress rising' },
} as const satisfies Record<TrendKey, { kind: GovernanceAlertKind; direction: 'up' | 'down'; title: string }>;

function valueOf(result: MetricsResult, key: TrendKey): number | null {
  return key === 'escalationRate' ? result.autonomy.escalationRate.value : result.health[key].value;
}

/** An alert when `key` moved its rule's way in both steps over the last three results. */
function threePeriods(results: readonly MetricsResult[], key: TrendKey, tolerance: number): GovernanceAlert | null {
  if (results.length < 3) return null;
  const rule = trendRules[key];
  const last = results.slice(-3);
  const values = last.map((result) => valueOf(result, key));
  const [a, b, c] = values;
  if (a === null || b === null || c === null || a === undefined || b === undefined || c === undefined) return null;
  const definition = metricDefinitions[key];
  const moved = (from: number, to: number): boolean =>
    trendOf([from, to], definition.better, tolerance).direction === rule.direction;
  if (!moved(a, b) || !moved(b, c)) return null;
  const figures = last.map((result, index) => {
    const value = values[index] as number;
    return { label: result.period.label, value, text: formatMetricValue(value, definition.unit) };
  });
  const steps = figures.map((figure) => `${figure.text} in ${figure.label}`).join(', ');
  const current = last[2] as MetricsResult;
  return {
    kind: rule.kind,
    key: rule.kind,
    title: rule.title,
    evidence: `${definition.name} ${rule.direction === 'up' ? 'rose' : 'fell'} over three periods: ${steps}.`,
    metric: key,
    domainId: null,
    figures,
    recordIds: [],
    action: key === 'escalationRate' ? policyAction(current.scope.domainId) : pulseAction,
  };
}

const atOrAboveShare = (committed: number, budget: number): boolean =>
  budget > 0 ? committed >= utilisationAlertShare * budget - 1e-9 * budget : committed > 0;

function utilisationHigh(
  result: MetricsResult,
  names: ReadonlyMap<string, { name: string; budgetUnit: string }>,
): GovernanceAlert[] {
  const alerts: GovernanceAlert[] = [];
  const alert = (
    key: string,
    domainId: string | null,
    name: string,
    unit: string,
    committedAmount: number,
    budgetAmount: number,
  ): GovernanceAlert => {
    const committed = formatReviewAmount(committedAmount, unit);
    const budget = formatReviewAmount(budgetAmount, unit);
    const share = budgetAmount > 0 ? ` (${formatPercent(committedAmount / budgetAmount)})` : '';
    return {
      kind: 'over-budget',
      key,
      title: committedAmount > budgetAmount ? 'Over budget' : 'Budget nearly used',
      evidence: `${name} committed ${committed} against a budget of ${budget} for ${result.period.label}${share}.`,
      metric: 'resourceUtilisation',
      domainId,
      figures: [
        { label: 'Committed', value: committedAmount, text: committed },
        { label: 'Budget', value: budgetAmount, text: budget },
      ],
      recordIds: [],
      action:
        domainId === null
          ? { label: 'Open the domains', to: '/domains' }
          : { label: 'Open the domain', to: `/domains/${encodeURIComponent(domainId)}` },
    };
  };
  let budgeted = 0;
  for (const domain of result.autonomy.utilisationByDomain) {
    if (domain.budget === null) continue;
    budgeted += 1;
    if (!atOrAboveShare(domain.committed, domain.budget)) continue;
    const info = domain.domainId === null ? undefined : names.get(domain.domainId);
    const name = domain.domainId === null ? 'The workspace' : (info?.name ?? domain.domainId);
    alerts.push(
      alert(
        `over-budget:${domain.domainId ?? ''}`,
        domain.domainId,
        name,
        info?.budgetUnit ?? '',
        domain.committed,
        domain.budget,
      ),
    );
  }
  const total = result.autonomy.resourceUtilisation;
  if (budgeted >= 2 && total.budget !== null && atOrAboveShare(total.committed, total.budget)) {
    alerts.push(alert('over-budget:total', null, 'The budgeted domains together', '', total.committed, total.budget));
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
    action: policyAction(result.scope.domainId),
  };
}

function reviewsOverdue(overdue: readonly OverdueReview[]): GovernanceAlert | null {
  if (overdue.length === 0) return null;
  const named = overdue
    .slice(0, overdueNamed)
    .map((review) => `${review.title} (due ${formatDate(review.reviewOn)})`)
    .join('; ');
  const more = overdue.length > overdueNamed ? `; and ${overdue.length - overdueNamed} more` : '';
  const [only] = overdue;
  return {
    kind: 'reviews-overdue',
    key: 'reviews-overdue',
    title: 'Decisions overdue for review',
    evidence: `${countOf(overdue.length, 'decision is', 'decisions are')} past the review date without a review: ${named}${more}.`,
    metric: null,
    domainId: null,
    figures: [{ label: 'Overdue', value: overdue.length, text: String(overdue.length) }],
    recordIds: overdue.map((review) => review.decisionId),
    action:
      overdue.length === 1 && only !== undefined
        ? { label: 'Open the decision', to: `/decisions/${encodeURIComponent(only.decisionId)}` }
        : { label: 'Open the decisions to review', to: '/decisions?status=decided&status=implemented' },
  };
}

function neverAutonomous(
  result: MetricsResult,
  autonomy: readonly DomainAutonomy[],
  names: ReadonlyMap<string, { name: string }>,
): GovernanceAlert[] {
  return [...autonomy]
    .filter((domain) => domain.decided >= minDecidedForAutonomy && domain.autonomous === 0)
    .sort((a, b) => (a.domainId < b.domainId ? -1 : a.domainId > b.domainId ? 1 : 0))
    .map((domain) => ({
      kind: 'never-autonomous',
      key: `never-autonomous:${domain.domainId}`,
      title: 'No autonomous decisions',
      evidence: `${names.get(domain.domainId)?.name ?? domain.domainId} decided ${countOf(domain.decided, 'decision', 'decisions')} in ${result.period.label} and none of them autonomously.`,
      metric: 'autonomyShare',
      domainId: domain.domainId,
      figures: [
        { label: 'Decided', value: domain.decided, text: String(domain.decided) },
        { label: 'Autonomous', value: 0, text: '0' },
      ],
      recordIds: [],
      action: policyAction(domain.domainId),
    }));
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

function readAutonomy(value: unknown): readonly DomainAutonomy[] {
  if (value === undefined) return [];
  return readList(value as readonly DomainAutonomy[], 'options.domainAutonomy').map((domain, index) => {
    const field = `options.domainAutonomy[${index}]`;
    if (!isRecord(domain)) throw invalid(field, 'an object', domain);
    if (typeof domain.domainId !== 'string' || domain.domainId === '') {
      throw invalid(`${field}.domainId`, 'a non-empty id', domain.domainId);
    }
    for (const name of ['decided', 'autonomous'] as const) {
      const count = domain[name];
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
        throw invalid(`${field}.${name}`, 'a whole number from 0', count);
      }
    }
    return domain;
  });
}

/**
 * Each domain's decisions in `period` and how many were autonomous (`autonomyShare` of the
 * domain alone), for the domains of `scope` (every domain for the workspace; the domain, and
 * its sub-domains when included). For the `domainAutonomy` option of `governanceAlerts`.
 */
export function domainAutonomyOf(
  snapshot: MetricsSnapshot,
  period: MetricsPeriod,
  scope: MetricsScope,
  options: Pick<MetricsOptions, 'now'> = {},
): DomainAutonomy[] {
  const ids =
    scope.domainId === null
      ? snapshot.domains.map((domain) => domain.id)
      : [scope.domainId, ...(scope.includeSubdomains === true ? descendantsOf(snapshot.domains, scope.domainId) : [])];
  return ids.map((domainId) => {
    const share = computeMetrics(snapshot, period, { ...options, scope: { domainId } }).autonomy.autonomyShare;
    return { domainId, decided: share.count, autonomous: share.matching };
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
    threePeriods(results, 'escalationRate', tolerance),
    ...utilisationHigh(current, names),
    reviewsOverdue(readOverdue(options.overdueReviews)),
    threePeriods(results, 'trust', tolerance),
    threePeriods(results, 'teamSatisfaction', tolerance),
    threePeriods(results, 'stress', tolerance),
    overridesHigh(current, limit),
    ...neverAutonomous(current, readAutonomy(options.domainAutonomy), names),
  ];
  return alerts.filter((alert): alert is GovernanceAlert => alert !== null);
}

/** A reviews-overdue alert alone (rule 3), for callers that find overdue reviews elsewhere. */
export function reviewsOverdueAlert(overdue: readonly OverdueReview[]): GovernanceAlert | null {
  return reviewsOverdue(readOverdue(overdue));
}

/** Throws an `Error` naming `field` unless `value` is an object (without narrowing its type). */
function requireObject(value: unknown, field: string): void {
  if (!isRecord(value)) throw invalid(field, 'an object', value);
}
