/**
 * Success metrics (framework.md § 8, measured for § 4 "Value metrics, Impact measurement,
 * Resource tracking" and § 7 "Value measurement, Pattern monitoring"): pure functions over a
 * plain snapshot of a workspace and a period, for the workspace or one domain (optionally with
 * the domains below it).
 *
 * Periods. A calendar week (Monday to Monday), month or quarter, or a custom range of local
 * dates, from local midnight to local midnight in an IANA time zone passed in (instants count
 * when start ≤ t < end; dates YYYY-MM-DD are local days). Trends compare the periods before:
 * the previous calendar periods, or ranges of as many days just before a custom range.
 *
 * Every figure has the count it was computed from and a minimum count; below it, the value is
 * null and `enough` false ("not enough data"). Defaults (`defaultMinimumCounts`): 3 for
 * medians and means, 5 for shares and per-decision ratios, none for rates per 30 days and for
 * utilisation, where nothing happening is a real 0. Shares are from 0 to 1.
 *
 * "Decided in the period": a decision or experiment whose `decidedAt` falls in the period and
 * that was decided at some point (decided, implemented, reviewed, rolled back or superseded).
 *
 * Autonomy
 * - Decision velocity: the median of (decidedAt − proposedAt) in days of 24 hours, over the
 *   decisions decided in the period that have both times; also per tier (the effective tier).
 *   A decision decided "before" it was proposed (clocks of laptops differ) counts as 0.
 * - Escalation frequency: the share of decisions decided in the period escalated at least once,
 *   to a higher tier or along an escalation path.
 * - Resource utilisation: cost committed by the decisions decided in the period (decided,
 *   implemented or reviewed, as in the budget envelope: rolled-back and superseded decisions do
 *   not commit) ÷ the budget of the period, per domain and in total. A budget of another length
 *   than the period is prorated by local calendar days: each budget period that overlaps the
 *   metrics period contributes its amount times the share of its days that overlap (a monthly
 *   budget over a quarter is three months' amounts; over a week in two months, the days of each
 *   month at that month's rate). Each domain's decisions count against its own budget only, as
 *   in the budget envelope. The total divides the cost committed by domains with a budget by
 *   the sum of their budgets; what domains without a budget committed is reported apart
 *   (`unbudgeted`). No budget, or a budget of 0: no value. Above 1 means over budget.
 * - Innovation rate: experiments started in the period per 30 days (count ÷ days × 30). An
 *   experiment starts on its `startOn` date, or when it was decided if it has none; experiments
 *   still being prepared (draft, seeking advice, deciding together) or withdrawn never started.
 *   Also: the share of decisions decided in the period that are experiments.
 * - Autonomy share: the share of decisions decided in the period that were decided in the
 *   autonomous tier; override rate: the share decided in a less demanding tier than classified.
 * - Handoffs (framework § 5 "Minimized handoffs"): advice requests to other domains plus other
 *   domains deciding jointly, summed over the decisions decided in the period ÷ their number.
 *
 * Value
 * - Delivery speed: the median lead time in calendar days (deliveredOn − startedOn) of the items
 *   delivered in the period (`deliveredOn` in it) that have a start date; a start after the
 *   delivery is a typing error and is left out. Throughput: items delivered per 30 days.
 * - User satisfaction: the mean satisfaction score (1–5) of the items delivered in the period.
 * - Quality: defects and incidents ÷ items delivered in the period. A domain's own quality
 *   measures are its success metrics: per metric, the mean and the latest value recorded in the
 *   period (`recordedOn` in it), and whether the latest meets its target in its direction.
 * - Learning rate: lessons recorded in the period per 30 days. A lesson is: a decision's review
 *   with lessons (at `reviewedAt`), a learning recorded in a review (at `recordedAt`), and an
 *   experiment's result (at its `reviewedAt`, or on its `endOn` date if not reviewed). Also: the
 *   share of decisions reviewed in the period whose review recorded lessons.
 *
 * Rates per 30 days divide by the period's local calendar days, or, when `options.now` is
 * given, by the days begun by then (so a month in progress is not measured on its full length;
 * a period that has not begun has no rate), and experiments that start after it (a later start
 * date, or decided later when they have none) do not count.
 *
 * Health (pulse checks: satisfaction, stress, collaboration and trust, each 1–5, anonymous,
 * one answer per person per pulse round; a round is the answers with the same `periodStart`)
 * - Per dimension: the mean of the answers of the rounds that start in the period, their spread
 *   (population standard deviation: how far the answers given lie from their mean) and the
 *   count. For stress, lower is better.
 * - Anonymity: a round counts only when at least `minRespondents` people (3 by default, never
 *   fewer than 2) answered it for the scope; answers of smaller rounds are left out of every
 *   figure (`leftOut` says how many), so nobody's answer can be worked out, not even by
 *   comparing a month's figure with its weeks'. When people answered but no round counts, the
 *   figure is `suppressed`. Comparing the figures of overlapping scopes (a domain and the same
 *   domain with its sub-domains) is beyond what one figure can guard against.
 *
 * Trends and lights
 * - Trend: the current value against the mean of the previous periods that had enough data:
 *   "flat" within the tolerance (5 % of that mean by default), else "up" or "down", and
 *   "better" or "worse" by the figure's better direction (`metricDefinitions`).
 * - Traffic light: green when at or better than the team's green threshold, red when at or
 *   worse than its red one, amber between, none without a value or thresholds. The defaults
 *   (`defaultThresholds`) are a starting point for a team to edit; `checkThresholds` checks
 *   edited ones.
 */
export {
  autonomyMetricKeys,
  defaultMinimumCounts,
  defaultMinRespondents,
  defaultThresholds,
  defaultTrendTolerance,
  healthMetricKeys,
  lowestMinRespondents,
  metricDefinitions,
  metricGroups,
  metricKeys,
  valueMetricKeys,
  type AutonomyMetricKey,
  type CountedMetricKey,
  type HealthMetricKey,
  type MetricDefinition,
  type MetricDirection,
  type MetricGroup,
  type MetricKey,
  type MetricLight,
  type MetricThresholds,
  type MetricThresholdSet,
  type MetricUnit,
  type ValueMetricKey,
} from './definitions';
export {
  checkMetricsPeriod,
  elapsedDays,
  maxRecentPeriods,
  metricsPeriod,
  metricsPeriodKinds,
  previousPeriod,
  recentPeriods,
  type CalendarPeriodKind,
  type MetricsPeriod,
  type MetricsPeriodKind,
  type MetricsPeriodSpec,
} from './period';
export {
  checkThresholds,
  lightOf,
  trendOf,
  type SeriesTrend,
  type TrendAssessment,
  type TrendDirection,
} from './trend';
export {
  computeMetrics,
  everDecidedStatuses,
  figureOf,
  metricsDecisionStatuses,
  metricsTrend,
  prorateBudget,
  type AutonomyMetrics,
  type DomainUtilisation,
  type HealthFigure,
  type HealthMetrics,
  type MetricFigure,
  type MetricsBudget,
  type MetricsDecision,
  type MetricsDecisionStatus,
  type MetricsDomain,
  type MetricsMetricValue,
  type MetricsOptions,
  type MetricsPulse,
  type MetricsResult,
  type MetricsReviewLearning,
  type MetricsScope,
  type MetricsSnapshot,
  type MetricsSuccessMetric,
  type MetricsTrendResult,
  type MetricsValueEntry,
  type MetricTrend,
  type RateFigure,
  type RatioFigure,
  type ShareFigure,
  type SuccessMetricFigure,
  type TotalUtilisation,
  type UtilisationFigure,
  type ValueMetrics,
} from './compute';
export {
  csvField,
  formatMetricValue,
  metricsCsvColumns,
  metricsCsvFileName,
  metricsToCsv,
  toCsv,
  type MetricsCsvOptions,
} from './csv';
