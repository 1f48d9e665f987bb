/**
 * `prepareReview`: a cadence, a period, a scope and the workspace's data → the review's
 * agenda with each topic's figures and lists filled from the period's own data, plus the
 * health pulse, governance alerts, reviews due and the actions carried from earlier reviews.
 * The rules are in the header of shared/review/index.ts.
 *
 * The figures come from the metrics engine (`metricsTrend` over the period and the ones
 * before it: one pass over the records). The lists come from one more pass over the decisions
 * in scope, each list built only when a shown topic needs it (shared/review/lists.ts).
 * Nothing here reads a clock: `now` is passed in.
 */
import { descendantsOf } from '../domains/hierarchy';
import { compareIds } from '../domains/order';
import { dayNumber, localDateOf } from '../metrics/calendar';
import {
  figureOf,
  metricsTrend,
  type HealthFigure,
  type MetricFigure,
  type MetricsResult,
  type MetricsTrendResult,
  type RateFigure,
  type RatioFigure,
  type ShareFigure,
  type UtilisationFigure,
} from '../metrics/compute';
import {
  healthMetricKeys,
  metricDefinitions,
  type HealthMetricKey,
  type MetricDirection,
  type MetricKey,
  type MetricLight,
  type MetricUnit,
} from '../metrics/definitions';
import type { MetricsPeriod } from '../metrics/period';
import { checkThresholds, type TrendAssessment, type TrendDirection } from '../metrics/trend';
import { applyTemplate, defaultAgenda, type ReviewAgenda, type ReviewCadence, type ReviewTopicId } from './agenda';
import { domainAutonomyOf, governanceAlerts, type GovernanceAlert } from './alerts';
import { countOf, formatMetricValue } from './format';
import { checkReviewInput, type PrepareReviewInput, type ReviewActionInfo, type ReviewScope } from './input';
import { listBuilder, type ReviewDecisionRef, type ReviewList, type ReviewRow } from './lists';

// ——— Output ———

/** A figure as a review shows it: its value, count, light, trend and a text for people. */
export interface ReviewFigure {
  key: MetricKey;
  name: string;
  unit: MetricUnit;
  better: MetricDirection;
  /** Null when there is not enough data. */
  value: number | null;
  count: number;
  minimum: number;
  enough: boolean;
  /** Health figures: people answered, but too few to show (anonymity). False otherwise. */
  suppressed: boolean;
  light: MetricLight;
  trend: { direction: TrendDirection; assessment: TrendAssessment; baseline: number | null; change: number | null };
  /** The value with its unit ("43%", "2.5 days"), or why there is none ("not enough data (2 of 5 needed)"). */
  text: string;
  /** What it was computed from: "3 of 7 decisions", "9 answers in 3 pulse rounds". */
  basis: string;
}

/** A topic of a prepared review: its title and prompts, and its data. */
export interface PreparedTopic {
  id: ReviewTopicId;
  title: string;
  prompts: readonly string[];
  figures: ReviewFigure[];
  lists: ReviewList[];
}

/** The health pulse of the period: the four health figures, hidden below the anonymity threshold. */
export interface HealthPulse {
  figures: ReviewFigure[];
  /** Answers counted (in rounds with enough people). */
  answers: number;
  rounds: number;
  /** Answers left out because their round had too few people. */
  leftOut: number;
  /** People answered, but no round had enough of them. */
  suppressed: boolean;
  minRespondents: number;
}

/** A decision due for review by the end of the period and not reviewed. */
export interface ReviewDueItem extends ReviewDecisionRef {
  reviewOn: string;
  /** Its review date is before today. */
  overdue: boolean;
  /** Days since the review date; 0 when not overdue. */
  daysOverdue: number;
}

/** An open action carried from an earlier review. */
export interface CarriedAction {
  actionId: string;
  title: string;
  ownerName: string | null;
  dueOn: string | null;
  reviewId: string | null;
  /** Its due date is before today. */
  overdue: boolean;
}

/** The actions of earlier reviews: the open ones, and how many are done. */
export interface CarriedActions {
  /** Due date first (none last), then by title. */
  open: CarriedAction[];
  done: number;
  total: number;
}

/** A review ready to run: its agenda filled with the period's data. */
export interface PreparedReview {
  cadence: ReviewCadence;
  /** "Weekly review: Week of 23 Nov 2026". */
  title: string;
  period: MetricsPeriod;
  scope: ReviewScope & { name: string };
  agenda: ReviewAgenda;
  topics: PreparedTopic[];
  healthPulse: HealthPulse;
  alerts: GovernanceAlert[];
  reviewsDue: ReviewDueItem[];
  carriedActions: CarriedActions;
  /** The periods the trends cover, oldest first, the review's period last. */
  trendPeriods: { label: string; firstDay: string; lastDay: string }[];
  /** Every figure of the period, as the metrics engine gives them. */
  metrics: MetricsResult;
  /** The `now` it was prepared at. */
  preparedAt: number;
}

// ——— Figures ———

type AnyFigure = MetricFigure & Partial<ShareFigure & RatioFigure & RateFigure & HealthFigure & UtilisationFigure>;

const isHealthKey = (key: MetricKey): key is HealthMetricKey => (healthMetricKeys as readonly string[]).includes(key);

function basisOf(key: MetricKey, figure: AnyFigure): string {
  const { count } = figure;
  const days = countOf(figure.days ?? 0, 'day', 'days');
  switch (key) {
    case 'escalationRate':
    case 'experimentShare':
    case 'autonomyShare':
    case 'overrideRate':
      return `${figure.matching ?? 0} of ${countOf(count, 'decision', 'decisions')}`;
    case 'lessonShare':
      return `${figure.matching ?? 0} of ${countOf(count, 'review', 'reviews')}`;
    case 'decisionVelocity':
      return countOf(count, 'decision', 'decisions');
    case 'resourceUtilisation':
      return countOf(count, 'costed decision', 'costed decisions');
    case 'handoffsPerDecision':
      return `${countOf(figure.total ?? 0, 'handoff', 'handoffs')} over ${countOf(count, 'decision', 'decisions')}`;
    case 'innovationRate':
      return `${countOf(count, 'experiment', 'experiments')} started in ${days}`;
    case 'deliverySpeed':
      return countOf(count, 'item with a start date', 'items with a start date');
    case 'throughput':
      return `${countOf(count, 'item', 'items')} delivered in ${days}`;
    case 'userSatisfaction':
      return countOf(count, 'rating', 'ratings');
    case 'defectRate':
      return `${countOf(figure.total ?? 0, 'defect', 'defects')} over ${countOf(count, 'item', 'items')}`;
    case 'learningRate':
      return `${countOf(count, 'lesson', 'lessons')} in ${days}`;
    case 'teamSatisfaction':
    case 'stress':
    case 'collaboration':
    case 'trust':
      return `${countOf(count, 'answer', 'answers')} in ${countOf(figure.rounds ?? 0, 'pulse round', 'pulse rounds')}`;
  }
}

function textOf(key: MetricKey, figure: AnyFigure): string {
  if (figure.value !== null) return formatMetricValue(figure.value, metricDefinitions[key].unit);
  if (figure.suppressed === true) return `hidden: fewer than ${figure.minimum} people answered a pulse round`;
  if (isHealthKey(key) && figure.count === 0) return 'no answers';
  if (key === 'resourceUtilisation' && figure.budget === null) return 'no budget';
  if (figure.count < figure.minimum) return `not enough data (${figure.count} of ${figure.minimum} needed)`;
  return 'not enough data';
}

function reviewFigure(key: MetricKey, result: MetricsResult, trend: MetricsTrendResult): ReviewFigure {
  const figure = figureOf(result, key) as AnyFigure;
  const definition = metricDefinitions[key];
  const { direction, assessment, baseline, change } = trend.trends[key];
  return {
    key,
    name: definition.name,
    unit: definition.unit,
    better: definition.better,
    value: figure.value,
    count: figure.count,
    minimum: figure.minimum,
    enough: figure.enough,
    suppressed: figure.suppressed === true,
    light: result.lights[key],
    trend: { direction, assessment, baseline, change },
    text: textOf(key, figure),
    basis: basisOf(key, figure),
  };
}

/**
 * Prepares a review by the rules in the header of shared/review/index.ts: the agenda of the
 * cadence (with the template, if any) with each shown topic's figures and lists, the health
 * pulse, the governance alerts, the decisions due for review and the actions carried from
 * earlier reviews. Throws an `Error` naming the field when the input is invalid.
 */
export function prepareReview(input: PrepareReviewInput): PreparedReview {
  const checked = checkReviewInput(input);
  const { cadence, period, scope, now, options, domains } = checked;
  const agenda =
    input.template === undefined ? defaultAgenda(cadence) : applyTemplate(defaultAgenda(cadence), input.template);

  // The figures; the metrics engine checks the snapshot.
  const thresholds = checkThresholds(options.thresholds, 'input.options.thresholds');
  const trend = metricsTrend(input.snapshot, period, checked.trendPeriods, {
    scope:
      scope.domainId === null
        ? { domainId: null }
        : { domainId: scope.domainId, includeSubdomains: scope.includeSubdomains },
    now,
    minimumCounts: options.minimumCounts,
    minRespondents: options.minRespondents,
    thresholds: options.thresholds,
    trendTolerance: options.trendTolerance,
  });
  const current = trend.periods[trend.periods.length - 1] as MetricsResult;

  const domainName = (id: string | null): string => (id === null ? 'Workspace' : domains.get(id)?.name.trim() || id);
  const scopeIds =
    scope.domainId === null
      ? null
      : new Set([
          scope.domainId,
          ...(scope.includeSubdomains ? descendantsOf(input.snapshot.domains, scope.domainId) : []),
        ]);
  const inScope = (id: string | null): boolean => scopeIds === null || (id !== null && scopeIds.has(id));
  const today = localDateOf(now, period.timeZone);

  const rows: ReviewRow[] = [];
  for (const decision of input.snapshot.decisions) {
    if (!inScope(decision.domainId)) continue;
    const info = checked.decisions.get(decision.id);
    rows.push({
      decision,
      info,
      ref: {
        decisionId: decision.id,
        title: info?.title ?? decision.id,
        domainId: decision.domainId,
        domainName: domainName(decision.domainId),
      },
    });
  }

  const listOf = listBuilder({
    period,
    today,
    asOf: Math.min(now, period.end),
    rows,
    snapshot: input.snapshot,
    inScope,
    domainName,
    domains,
    valueEntries: checked.valueEntries,
    current,
    trend,
    thresholds,
    progression: checked.progression,
    options,
  });
  const topics = agenda.topics.map((topic): PreparedTopic => ({
    id: topic.id,
    title: topic.title,
    prompts: topic.prompts,
    figures: topic.figures.map((key) => reviewFigure(key, current, trend)),
    lists: topic.lists.map(listOf),
  }));

  const reviewsDue = reviewsDueOf(rows, period, today);
  const health = current.health.teamSatisfaction;
  return {
    cadence,
    title: `${agenda.title}: ${period.label}`,
    period,
    scope: {
      ...scope,
      name:
        scope.domainId === null
          ? 'Workspace'
          : `${domainName(scope.domainId)}${scope.includeSubdomains ? ' and its sub-domains' : ''}`,
    },
    agenda,
    topics,
    healthPulse: {
      figures: healthMetricKeys.map((key) => reviewFigure(key, current, trend)),
      answers: health.count,
      rounds: health.rounds,
      leftOut: health.leftOut,
      suppressed: health.suppressed,
      minRespondents: health.minimum,
    },
    alerts: governanceAlerts(current, trend.periods.slice(0, -1), {
      domains: [...domains.values()],
      overdueReviews: reviewsDue.filter((due) => due.overdue),
      domainAutonomy: domainAutonomyOf(
        input.snapshot,
        period,
        scope.domainId === null
          ? { domainId: null }
          : { domainId: scope.domainId, includeSubdomains: scope.includeSubdomains },
        { now },
      ),
      trendTolerance: options.trendTolerance,
      overrideRateLimit: options.overrideRateLimit,
    }),
    reviewsDue,
    carriedActions: carriedActions(checked.previousActions, checked.reviewId, today),
    trendPeriods: trend.periods.map(({ period: { label, firstDay, lastDay } }) => ({ label, firstDay, lastDay })),
    metrics: current,
    preparedAt: now,
  };
}

/** Decided or implemented decisions not reviewed, with a review date by the end of the period. */
function reviewsDueOf(rows: readonly ReviewRow[], period: MetricsPeriod, today: string): ReviewDueItem[] {
  const due: ReviewDueItem[] = [];
  for (const { decision, info, ref } of rows) {
    const reviewOn = info?.reviewOn ?? null;
    if (reviewOn === null || reviewOn > period.lastDay || decision.reviewedAt !== null) continue;
    if (decision.status !== 'decided' && decision.status !== 'implemented') continue;
    const overdue = reviewOn < today;
    due.push({ ...ref, reviewOn, overdue, daysOverdue: overdue ? dayNumber(today) - dayNumber(reviewOn) : 0 });
  }
  return due.sort((a, b) => compareIds(a.reviewOn, b.reviewOn) || compareIds(a.decisionId, b.decisionId));
}

const titleCollator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** The actions of earlier reviews (not this one's): the open ones, due first, and how many are done. */
function carriedActions(actions: readonly ReviewActionInfo[], reviewId: string | null, today: string): CarriedActions {
  const earlier = actions.filter((action) => reviewId === null || action.reviewId !== reviewId);
  const open = earlier
    .filter((action) => !action.done)
    .map((action): CarriedAction => ({
      actionId: action.id,
      title: action.title,
      ownerName: action.ownerName,
      dueOn: action.dueOn,
      reviewId: action.reviewId,
      overdue: action.dueOn !== null && action.dueOn < today,
    }))
    .sort((a, b) => {
      if (a.dueOn !== b.dueOn) {
        if (a.dueOn === null) return 1;
        if (b.dueOn === null) return -1;
        return a.dueOn < b.dueOn ? -1 : 1;
      }
      return titleCollator.compare(a.title, b.title) || compareIds(a.actionId, b.actionId);
    });
  return { open, done: earlier.length - open.length, total: earlier.length };
}
