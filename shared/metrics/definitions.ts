/**
 * The figures of the metrics engine (framework.md § 8 "Success metrics"), each with its name,
 * which way is better, its unit and a one-sentence definition for the app's help, plus the
 * defaults a team can change: the fewest observations a figure needs, the anonymity threshold
 * of pulse checks and the traffic-light thresholds. The full definitions are in the header of
 * shared/metrics/index.ts.
 */

/** The three groups of success metrics. */
export const metricGroups = ['autonomy', 'value', 'health'] as const;

/** A group of success metrics: autonomy, value or health. */
export type MetricGroup = (typeof metricGroups)[number];

/** The figures of the autonomy group. */
export const autonomyMetricKeys = [
  'decisionVelocity',
  'escalationRate',
  'resourceUtilisation',
  'innovationRate',
  'experimentShare',
  'autonomyShare',
  'overrideRate',
  'handoffsPerDecision',
] as const;

/** The figures of the value group. */
export const valueMetricKeys = [
  'deliverySpeed',
  'throughput',
  'userSatisfaction',
  'defectRate',
  'learningRate',
  'lessonShare',
] as const;

/** The figures of the health group, from pulse checks. */
export const healthMetricKeys = ['teamSatisfaction', 'stress', 'collaboration', 'trust'] as const;

/** Every figure with a trend and a traffic light, by group. */
export const metricKeys = [...autonomyMetricKeys, ...valueMetricKeys, ...healthMetricKeys] as const;

/** A figure with a trend and a traffic light. */
export type MetricKey = (typeof metricKeys)[number];

/** A figure of the autonomy group. */
export type AutonomyMetricKey = (typeof autonomyMetricKeys)[number];

/** A figure of the value group. */
export type ValueMetricKey = (typeof valueMetricKeys)[number];

/** A figure of the health group. */
export type HealthMetricKey = (typeof healthMetricKeys)[number];

/** A figure whose "not enough data" depends on a minimum count (health figures depend on respondents). */
export type CountedMetricKey = AutonomyMetricKey | ValueMetricKey;

/** Which way a figure is better. */
export type MetricDirection = 'higher' | 'lower';

/** What a figure's value measures. */
export type MetricUnit = 'days' | 'share' | 'per-30-days' | 'per-decision' | 'per-item' | 'ratio' | 'score';

/** A figure as the help explains it. */
export interface MetricDefinition {
  key: MetricKey;
  group: MetricGroup;
  name: string;
  /** Which way is better, for trends and traffic lights. */
  better: MetricDirection;
  unit: MetricUnit;
  /** One sentence for the app's help. */
  definition: string;
}

const define = (
  key: MetricKey,
  group: MetricGroup,
  name: string,
  better: MetricDirection,
  unit: MetricUnit,
  definition: string,
): MetricDefinition => Object.freeze({ key, group, name, better, unit, definition });

/** Every figure's name, better direction, unit and definition. */
export const metricDefinitions: Readonly<Record<MetricKey, MetricDefinition>> = Object.freeze({
  decisionVelocity: define(
    'decisionVelocity',
    'autonomy',
    'Decision velocity',
    'lower',
    'days',
    'Median days from proposed to decided, over the decisions decided in the period; also per tier.',
  ),
  escalationRate: define(
    'escalationRate',
    'autonomy',
    'Escalation frequency',
    'lower',
    'share',
    'Share of the decisions decided in the period that were escalated at least once, to a higher tier or along an escalation path.',
  ),
  resourceUtilisation: define(
    'resourceUtilisation',
    'autonomy',
    'Resource utilisation',
    'lower',
    'ratio',
    "Cost committed by the decisions decided in the period (decided, implemented or reviewed) divided by the period's budget, prorated by days; per domain and in total.",
  ),
  innovationRate: define(
    'innovationRate',
    'autonomy',
    'Innovation rate',
    'higher',
    'per-30-days',
    'Experiments started in the period, per 30 days.',
  ),
  experimentShare: define(
    'experimentShare',
    'autonomy',
    'Share of experiments',
    'higher',
    'share',
    'Share of the decisions decided in the period that are experiments.',
  ),
  autonomyShare: define(
    'autonomyShare',
    'autonomy',
    'Autonomy share',
    'higher',
    'share',
    'Share of the decisions decided in the period that were decided autonomously.',
  ),
  overrideRate: define(
    'overrideRate',
    'autonomy',
    'Override rate',
    'lower',
    'share',
    'Share of the decisions decided in the period that were decided in a less demanding tier than their classification.',
  ),
  handoffsPerDecision: define(
    'handoffsPerDecision',
    'autonomy',
    'Handoffs',
    'lower',
    'per-decision',
    'Advice requests to other domains and other domains deciding jointly, per decision decided in the period.',
  ),
  deliverySpeed: define(
    'deliverySpeed',
    'value',
    'Delivery speed',
    'lower',
    'days',
    'Median lead time in days, start to delivery, of the items delivered in the period.',
  ),
  throughput: define(
    'throughput',
    'value',
    'Throughput',
    'higher',
    'per-30-days',
    'Items delivered in the period, per 30 days.',
  ),
  userSatisfaction: define(
    'userSatisfaction',
    'value',
    'User satisfaction',
    'higher',
    'score',
    'Mean satisfaction score (1–5) of the items delivered in the period.',
  ),
  defectRate: define(
    'defectRate',
    'value',
    'Quality',
    'lower',
    'per-item',
    'Defects and incidents per item delivered in the period.',
  ),
  learningRate: define(
    'learningRate',
    'value',
    'Learning rate',
    'higher',
    'per-30-days',
    "Lessons recorded in the period (decision reviews, reviews' learnings, experiments' results), per 30 days.",
  ),
  lessonShare: define(
    'lessonShare',
    'value',
    'Reviews with a lesson',
    'higher',
    'share',
    'Share of the decisions reviewed in the period whose review recorded a lesson.',
  ),
  teamSatisfaction: define(
    'teamSatisfaction',
    'health',
    'Team satisfaction',
    'higher',
    'score',
    'Mean of the pulse-check answers (1–5) of the period; shown only when enough people answered.',
  ),
  stress: define(
    'stress',
    'health',
    'Stress',
    'lower',
    'score',
    'Mean stress (1–5, lower is better) from the pulse checks of the period; shown only when enough people answered.',
  ),
  collaboration: define(
    'collaboration',
    'health',
    'Collaboration quality',
    'higher',
    'score',
    'Mean collaboration quality (1–5) from the pulse checks of the period; shown only when enough people answered.',
  ),
  trust: define(
    'trust',
    'health',
    'Trust',
    'higher',
    'score',
    'Mean trust (1–5) from the pulse checks of the period; shown only when enough people answered.',
  ),
});

/**
 * The fewest observations each figure needs; below it the figure is "not enough data".
 * Medians and means need 3, shares and per-decision ratios 5; rates per 30 days need none
 * (no experiment in a month is a rate of 0, not a lack of data), nor does utilisation (no
 * spending against a budget is 0 %). Per-tier velocities and per-domain utilisation use the
 * minimum of their figure.
 */
export const defaultMinimumCounts: Readonly<Record<CountedMetricKey, number>> = Object.freeze({
  decisionVelocity: 3,
  escalationRate: 5,
  resourceUtilisation: 0,
  innovationRate: 0,
  experimentShare: 5,
  autonomyShare: 5,
  overrideRate: 5,
  handoffsPerDecision: 5,
  deliverySpeed: 3,
  throughput: 0,
  userSatisfaction: 3,
  defectRate: 3,
  learningRate: 0,
  lessonShare: 5,
});

/** The fewest people a pulse-check round needs before its answers are shown in any figure. */
export const defaultMinRespondents = 3;

/** The lowest anonymity threshold a team may set: one answer alone would be someone's own. */
export const lowestMinRespondents = 2;

/** The relative change (5 %) within which a figure's trend is flat. */
export const defaultTrendTolerance = 0.05;

/**
 * A traffic light's thresholds. Where higher is better: green at or above `green`, red at or
 * below `red`, amber between. Where lower is better, the other way round: green at or below
 * `green`, red at or above `red`. `green` is never worse than `red`; when equal, the light has
 * no amber.
 */
export interface MetricThresholds {
  green: number;
  red: number;
}

/** A traffic light: green, amber, red, or none (no value or no thresholds). */
export type MetricLight = 'green' | 'amber' | 'red' | 'none';

/** The thresholds of every figure; null where the figure has no light. */
export type MetricThresholdSet = Record<MetricKey, MetricThresholds | null>;

const limits = (green: number, red: number): MetricThresholds => Object.freeze({ green, red });

/**
 * Starting thresholds, for a team to edit. Autonomy: decisions within 3 days green, over 10
 * red; escalation at most 10 % green, from 30 % red; utilisation at most 80 % of the budget
 * green (where the budget envelope turns "near"), from 100 % red; at least 1 experiment per 30
 * days green, none red; experiments at least 10 % of decisions green, at most 2 % red;
 * autonomous decisions at least 60 % green, at most 30 % red; overrides at most 10 % green,
 * from 25 % red; handoffs at most 0.5 per decision green, from 1.5 red. Value: lead time
 * within 14 days green, from 42 red; throughput has no light (it depends on the size of the
 * work); satisfaction from 4 green, at most 3 red; at most 0.1 defects per item green, from
 * 0.5 red; at least 2 lessons per 30 days green, none red; at least 80 % of reviews with a
 * lesson green, at most 50 % red. Health (1–5): satisfaction, collaboration and trust from 4
 * green, at most 3 red; stress at most 2.5 green, from 3.5 red.
 */
export const defaultThresholds: Readonly<MetricThresholdSet> = Object.freeze({
  decisionVelocity: limits(3, 10),
  escalationRate: limits(0.1, 0.3),
  resourceUtilisation: limits(0.8, 1),
  innovationRate: limits(1, 0),
  experimentShare: limits(0.1, 0.02),
  autonomyShare: limits(0.6, 0.3),
  overrideRate: limits(0.1, 0.25),
  handoffsPerDecision: limits(0.5, 1.5),
  deliverySpeed: limits(14, 42),
  throughput: null,
  userSatisfaction: limits(4, 3),
  defectRate: limits(0.1, 0.5),
  learningRate: limits(2, 0),
  lessonShare: limits(0.8, 0.5),
  teamSatisfaction: limits(4, 3),
  stress: limits(2.5, 3.5),
  collaboration: limits(4, 3),
  trust: limits(4, 3),
});
