/**
 * The metrics engine: a snapshot of a workspace and a period → the autonomy, value and
 * health figures of a scope (the workspace, or a domain with or without its sub-domains),
 * each with the count it was computed from; and the same over the periods before, with
 * trends and traffic lights. The definitions are in the header of shared/metrics/index.ts.
 *
 * Each record is checked and put into its period once (a binary search over the periods'
 * boundaries), then every period's figures are computed from its own bucket, so N periods of
 * n records cost O(n log N + N), not O(n·N). The caller passes live records only (not the
 * trash), the effective tier of each decision and the time zone; nothing here reads a clock.
 */
import { tiers, type Tier } from '../decisions/classify';
import { budgetPeriods, committingStatuses, type BudgetPeriod } from '../domains/budget';
import { descendantsOf } from '../domains/hierarchy';
import { compareByName, compareIds } from '../domains/order';
import { calendarPeriodOf, dayNumber, isLocalDate, localDateOf, addDays } from './calendar';
import { invalid, isRecord, readList, readTime, readWholeNumber } from './check';
import {
  defaultMinimumCounts,
  defaultMinRespondents,
  defaultTrendTolerance,
  healthMetricKeys,
  lowestMinRespondents,
  metricDefinitions,
  metricKeys,
  type CountedMetricKey,
  type HealthMetricKey,
  type MetricDirection,
  type MetricKey,
  type MetricLight,
  type MetricThresholds,
  type MetricThresholdSet,
} from './definitions';
import { checkMetricsPeriod, elapsedDays, recentPeriods, type MetricsPeriod } from './period';
import { mean, median, standardDeviation, sum } from './statistics';
import { checkThresholds, checkTrendTolerance, lightOf, trendOf, type SeriesTrend } from './trend';

/** The statuses a decision can have. */
export const metricsDecisionStatuses = [
  'draft',
  'seeking-advice',
  'deciding-together',
  'decided',
  'implemented',
  'reviewed',
  'withdrawn',
  'rolled-back',
  'superseded',
] as const;

/** A decision's status. */
export type MetricsDecisionStatus = (typeof metricsDecisionStatuses)[number];

/**
 * The statuses of a decision that was decided at some point: it counts for the period of its
 * `decidedAt`, even if it was later rolled back or superseded. Draft, seeking advice,
 * deciding together and withdrawn decisions were never decided.
 */
export const everDecidedStatuses = ['decided', 'implemented', 'reviewed', 'rolled-back', 'superseded'] as const;

/** What the metrics read of a decision or experiment. */
export interface MetricsDecision {
  id: string;
  /** Its domain; null for a workspace-level decision. */
  domainId: string | null;
  kind: 'decision' | 'experiment';
  /** The tier it is decided in: the chosen tier, or the classification's. */
  tier: Tier;
  /** Decided in a less demanding tier than its classification. */
  override: boolean;
  status: MetricsDecisionStatus;
  /** When it was proposed, in milliseconds since the epoch; null when unknown. */
  proposedAt: number | null;
  /** When it was decided; null until then. */
  decidedAt: number | null;
  /** Resources committed, in its domain budget's unit; null when not costed. */
  cost: number | null;
  /** How many times it was escalated, to a higher tier or along an escalation path. */
  escalationCount: number;
  /** Advice requests to (or pieces of advice from) other domains. */
  adviceFromOtherDomains: number;
  /** Other domains taking part in deciding it together (collaborative tier), or 0. */
  jointWithOtherDomains: number;
  /** When its outcome was reviewed; null when not reviewed. */
  reviewedAt: number | null;
  /** The lessons recorded at its review ('' when none). */
  lessons: string;
  /** Experiments: the local date it starts; null when not planned. */
  startOn: string | null;
  /** Experiments: the local date it ends; null when not planned. */
  endOn: string | null;
  /** Experiments: the result ('' when none yet). */
  result: string;
}

/** What the metrics read of a value entry: an item delivered to users. */
export interface MetricsValueEntry {
  id: string;
  domainId: string | null;
  /** The local date work on it started; null when unknown. */
  startedOn: string | null;
  /** The local date it was delivered; null while not delivered. */
  deliveredOn: string | null;
  /** Users' satisfaction with it, a whole number from 1 to 5; null when not asked. */
  satisfaction: number | null;
  /** Defects and incidents found in it. */
  defects: number;
}

/**
 * One person's anonymous pulse-check answer for a pulse round (the period starting on
 * `periodStart`). One answer per person per round: the answers of a round are its people.
 */
export interface MetricsPulse {
  /** The first local date of the round it answers. */
  periodStart: string;
  /** The domain it was given for; null for the workspace as a whole. */
  domainId: string | null;
  /** Each a whole number from 1 to 5; for stress, lower is better. */
  satisfaction: number;
  stress: number;
  collaboration: number;
  trust: number;
}

/** A learning recorded in a review (a retrospective), other than a decision's own lessons. */
export interface MetricsReviewLearning {
  /** When it was recorded, in milliseconds since the epoch. */
  recordedAt: number;
  domainId: string | null;
}

/** A domain's budget; `amount` null when the domain has none. */
export interface MetricsBudget {
  /** The domain; null for a workspace-level budget (for decisions without a domain). */
  domainId: string | null;
  amount: number | null;
  period: BudgetPeriod;
}

/** A success metric a domain defines (framework.md § 2 "clear success metrics"). */
export interface MetricsSuccessMetric {
  id: string;
  domainId: string | null;
  name: string;
  unit: string;
  /** The value aimed for; null when none is set. */
  target: number | null;
  /** Whether higher or lower values are better. */
  direction: MetricDirection;
}

/** A recorded value of a success metric. */
export interface MetricsMetricValue {
  id: string;
  metricId: string;
  value: number;
  /** The local date it is for. */
  recordedOn: string;
}

/** A domain's place in the hierarchy, for scopes that include sub-domains. */
export interface MetricsDomain {
  id: string;
  parentId: string | null;
}

/** Everything the metrics read, as plain data. */
export interface MetricsSnapshot {
  decisions: readonly MetricsDecision[];
  valueEntries: readonly MetricsValueEntry[];
  pulses: readonly MetricsPulse[];
  reviewLearnings: readonly MetricsReviewLearning[];
  budgets: readonly MetricsBudget[];
  successMetrics: readonly MetricsSuccessMetric[];
  metricValues: readonly MetricsMetricValue[];
  domains: readonly MetricsDomain[];
}

/** Whose figures: the whole workspace (every record), or one domain, optionally with the domains below it. */
export type MetricsScope = { domainId: null } | { domainId: string; includeSubdomains?: boolean };

/** Options of `computeMetrics` and `metricsTrend`; each has a default. */
export interface MetricsOptions {
  /** The workspace by default. */
  scope?: MetricsScope;
  /** The fewest observations per figure; see `defaultMinimumCounts`. */
  minimumCounts?: Partial<Record<CountedMetricKey, number>>;
  /** The fewest people a pulse round needs to be shown (3 by default, never below 2). */
  minRespondents?: number;
  /**
   * The time now, in milliseconds since the epoch. When given, rates per 30 days divide by the
   * days of the period begun by now, and experiments that start after now (on a later date, or
   * decided later when they have no start date) do not count.
   */
  now?: number;
  /** Traffic-light thresholds that differ from `defaultThresholds` (null: no light). */
  thresholds?: Partial<Record<MetricKey, MetricThresholds | null>>;
  /** The relative change within which a trend is flat, 0 to 1 (0.05 by default). */
  trendTolerance?: number;
}

/** A figure: its value (null when there is not enough data) and the count it was computed from. */
export interface MetricFigure {
  /** The value; null when `enough` is false. */
  value: number | null;
  /** How many observations it was computed from (decisions, items, answers, events). */
  count: number;
  /** The fewest observations it needs. */
  minimum: number;
  /** Whether there was enough data for a value. */
  enough: boolean;
}

/** A share: `matching` of `count`, from 0 to 1. */
export interface ShareFigure extends MetricFigure {
  matching: number;
}

/** A ratio per observation: `total ÷ count` (handoffs per decision, defects per item). */
export interface RatioFigure extends MetricFigure {
  total: number;
}

/** A rate: `count` events per 30 of the period's `days`. */
export interface RateFigure extends MetricFigure {
  /** The days of the period it is computed over (those begun by `now`, when given). */
  days: number;
}

/** Cost committed against a budget: `committed ÷ budget`; `count` is the costed decisions. */
export interface UtilisationFigure extends MetricFigure {
  committed: number;
  /** The budget of the period, prorated; null when there is none. */
  budget: number | null;
}

/** A domain's utilisation (`domainId` null for workspace-level decisions and budget). */
export interface DomainUtilisation extends UtilisationFigure {
  domainId: string | null;
}

/** Utilisation in total: the budgeted domains together, and what domains without a budget committed. */
export interface TotalUtilisation extends UtilisationFigure {
  /** Cost committed by decisions of domains without a budget; not in `committed`. */
  unbudgeted: number;
}

/** A health figure from pulse checks: the mean of the answers, their spread, and whether it is hidden. */
export interface HealthFigure extends MetricFigure {
  /** Population standard deviation of the answers counted; null when not shown. */
  spread: number | null;
  /** True when people answered but no round had enough of them to be shown. */
  suppressed: boolean;
  /** Pulse rounds counted (each with at least `minimum` answers). */
  rounds: number;
  /** Answers left out because their round had fewer than `minimum` people. */
  leftOut: number;
}

/** A domain's success metric in the period. */
export interface SuccessMetricFigure extends MetricFigure {
  metricId: string;
  domainId: string | null;
  name: string;
  unit: string;
  target: number | null;
  direction: MetricDirection;
  /** `value` is the mean of the values recorded in the period; this is the latest of them. */
  latest: number | null;
  /** The date of the latest value. */
  latestOn: string | null;
  /** Whether the latest value meets the target; null without a target or a value. */
  onTarget: boolean | null;
}

/** The autonomy figures (framework.md § 8). */
export interface AutonomyMetrics {
  /** Median days from proposed to decided. */
  decisionVelocity: MetricFigure;
  decisionVelocityByTier: Record<Tier, MetricFigure>;
  escalationRate: ShareFigure;
  resourceUtilisation: TotalUtilisation;
  /** Per domain with a budget or committed cost, workspace level (null) first, then by id. */
  utilisationByDomain: DomainUtilisation[];
  /** Experiments started per 30 days. */
  innovationRate: RateFigure;
  experimentShare: ShareFigure;
  autonomyShare: ShareFigure;
  overrideRate: ShareFigure;
  handoffsPerDecision: RatioFigure;
}

/** The value figures (framework.md § 8). */
export interface ValueMetrics {
  /** Median lead time in days. */
  deliverySpeed: MetricFigure;
  /** Items delivered per 30 days. */
  throughput: RateFigure;
  userSatisfaction: MetricFigure;
  /** Defects and incidents per item delivered. */
  defectRate: RatioFigure;
  /** Lessons recorded per 30 days. */
  learningRate: RateFigure;
  lessonShare: ShareFigure;
  /** The scope's success metrics, by name. */
  successMetrics: SuccessMetricFigure[];
}

/** The health figures (framework.md § 8), from pulse checks. */
export type HealthMetrics = Record<HealthMetricKey, HealthFigure>;

/** Every figure of a scope in a period. */
export interface MetricsResult {
  period: MetricsPeriod;
  scope: { domainId: string | null; includeSubdomains: boolean };
  autonomy: AutonomyMetrics;
  value: ValueMetrics;
  health: HealthMetrics;
  /** Each figure's traffic light under the thresholds in effect. */
  lights: Record<MetricKey, MetricLight>;
}

/** A figure's trend over the periods. */
export interface MetricTrend extends SeriesTrend {
  key: MetricKey;
  better: MetricDirection;
  /** The figure's value in each period, oldest first, the current period last. */
  series: (number | null)[];
  /** The current period's traffic light. */
  light: MetricLight;
}

/** The figures of the last periods and each figure's trend. */
export interface MetricsTrendResult {
  /** Oldest first; the last is the current period. */
  periods: MetricsResult[];
  trends: Record<MetricKey, MetricTrend>;
}

interface Settings {
  scope: { domainId: string | null; includeSubdomains: boolean };
  /** The domains in scope; null for the whole workspace. */
  domainIds: Set<string> | null;
  minimums: Record<CountedMetricKey, number>;
  minRespondents: number;
  now: number | undefined;
  thresholds: MetricThresholdSet;
  tolerance: number;
}

type Scores = Pick<MetricsPulse, 'satisfaction' | 'stress' | 'collaboration' | 'trust'>;

interface Bucket {
  decided: number;
  escalated: number;
  autonomous: number;
  overridden: number;
  experiments: number;
  handoffs: number;
  velocities: number[];
  velocitiesByTier: Record<Tier, number[]>;
  /** The costs committed, per domain. */
  committed: Map<string | null, number[]>;
  experimentsStarted: number;
  delivered: number;
  defects: number;
  leadTimes: number[];
  satisfaction: number[];
  lessons: number;
  reviewed: number;
  reviewedWithLesson: number;
  rounds: Map<string, Scores[]>;
  metricValues: Map<string, MetricsMetricValue[]>;
}

const DAY_MS = 86_400_000;
const pulseFields = ['satisfaction', 'stress', 'collaboration', 'trust'] as const;
const healthSources: Record<HealthMetricKey, keyof Scores> = {
  teamSatisfaction: 'satisfaction',
  stress: 'stress',
  collaboration: 'collaboration',
  trust: 'trust',
};

function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

function emptyBucket(): Bucket {
  return {
    decided: 0,
    escalated: 0,
    autonomous: 0,
    overridden: 0,
    experiments: 0,
    handoffs: 0,
    velocities: [],
    velocitiesByTier: { autonomous: [], consultative: [], collaborative: [] },
    committed: new Map(),
    experimentsStarted: 0,
    delivered: 0,
    defects: 0,
    leadTimes: [],
    satisfaction: [],
    lessons: 0,
    reviewed: 0,
    reviewedWithLesson: 0,
    rounds: new Map(),
    metricValues: new Map(),
  };
}

// ——— Options ———

function readScope(scope: unknown, domains: readonly MetricsDomain[]): Pick<Settings, 'scope' | 'domainIds'> {
  if (scope === undefined) return { scope: { domainId: null, includeSubdomains: false }, domainIds: null };
  if (!isRecord(scope)) throw invalid('options.scope', 'an object', scope);
  const { domainId, includeSubdomains = false } = scope;
  if (typeof includeSubdomains !== 'boolean') {
    throw invalid('options.scope.includeSubdomains', 'true or false', includeSubdomains);
  }
  if (domainId === null) return { scope: { domainId: null, includeSubdomains }, domainIds: null };
  if (typeof domainId !== 'string' || domainId === '') {
    throw invalid('options.scope.domainId', 'the id of a domain, or null for the workspace', domainId);
  }
  const ids = new Set([domainId]);
  if (includeSubdomains) for (const id of descendantsOf(domains, domainId)) ids.add(id);
  return { scope: { domainId, includeSubdomains }, domainIds: ids };
}

function readMinimums(minimums: unknown): Record<CountedMetricKey, number> {
  const result = { ...defaultMinimumCounts };
  if (minimums === undefined) return result;
  if (!isRecord(minimums)) throw invalid('options.minimumCounts', 'an object', minimums);
  for (const [key, value] of Object.entries(minimums)) {
    if (!Object.hasOwn(defaultMinimumCounts, key)) {
      const why = isOneOf(healthMetricKeys, key) ? ': health figures use options.minRespondents' : '';
      throw new Error(`options.minimumCounts.${key} is not a figure with a minimum count${why}`);
    }
    if (value === undefined) continue;
    result[key as CountedMetricKey] = readWholeNumber(value, `options.minimumCounts.${key}`, 0);
  }
  return result;
}

function readSettings(options: MetricsOptions | undefined, domains: readonly MetricsDomain[]): Settings {
  if (options !== undefined && !isRecord(options)) throw invalid('options', 'an object', options);
  const given: MetricsOptions = options ?? {};
  const minRespondents =
    given.minRespondents === undefined
      ? defaultMinRespondents
      : readWholeNumber(given.minRespondents, 'options.minRespondents', lowestMinRespondents);
  return {
    ...readScope(given.scope, domains),
    minimums: readMinimums(given.minimumCounts),
    minRespondents,
    now: given.now === undefined ? undefined : readTime(given.now, 'options.now'),
    thresholds: checkThresholds(given.thresholds, 'options.thresholds'),
    tolerance: given.trendTolerance === undefined ? defaultTrendTolerance : checkTrendTolerance(given.trendTolerance),
  };
}

// ——— Input checks ———

function readId(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw invalid(field, 'a non-empty id', value);
  return value;
}

function readDomainId(value: unknown, field: string): string | null {
  if (value !== null && (typeof value !== 'string' || value === '')) {
    throw invalid(field, 'the id of a domain or null', value);
  }
  return value;
}

function readOptionalTime(value: unknown, field: string): number | null {
  return value === null ? null : readTime(value, field);
}

function readOptionalDate(value: unknown, field: string): string | null {
  if (value === null) return null;
  if (!isLocalDate(value)) throw invalid(field, 'a date written YYYY-MM-DD or null', value);
  return value;
}

function readDate(value: unknown, field: string): string {
  if (!isLocalDate(value)) throw invalid(field, 'a date written YYYY-MM-DD', value);
  return value;
}

function readText(value: unknown, field: string): string {
  if (typeof value !== 'string') throw invalid(field, 'text', value);
  return value;
}

function readScore(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 5) {
    throw invalid(field, 'a whole number from 1 to 5', value);
  }
  return value;
}

function readAmount(value: unknown, field: string): number | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !(value >= 0) || value === Infinity) {
    throw invalid(field, 'a finite number of 0 or more or null', value);
  }
  return value;
}

function checkDecision(decision: MetricsDecision, field: string): void {
  if (!isRecord(decision)) throw invalid(field, 'an object', decision);
  readId(decision.id, `${field}.id`);
  readDomainId(decision.domainId, `${field}.domainId`);
  if (decision.kind !== 'decision' && decision.kind !== 'experiment') {
    throw invalid(`${field}.kind`, 'decision or experiment', decision.kind);
  }
  if (!isOneOf(tiers, decision.tier)) throw invalid(`${field}.tier`, `one of ${tiers.join(', ')}`, decision.tier);
  if (typeof decision.override !== 'boolean') throw invalid(`${field}.override`, 'true or false', decision.override);
  if (!isOneOf(metricsDecisionStatuses, decision.status)) {
    throw invalid(`${field}.status`, `one of ${metricsDecisionStatuses.join(', ')}`, decision.status);
  }
  readOptionalTime(decision.proposedAt, `${field}.proposedAt`);
  readOptionalTime(decision.decidedAt, `${field}.decidedAt`);
  readOptionalTime(decision.reviewedAt, `${field}.reviewedAt`);
  readAmount(decision.cost, `${field}.cost`);
  readWholeNumber(decision.escalationCount, `${field}.escalationCount`, 0);
  readWholeNumber(decision.adviceFromOtherDomains, `${field}.adviceFromOtherDomains`, 0);
  readWholeNumber(decision.jointWithOtherDomains, `${field}.jointWithOtherDomains`, 0);
  readText(decision.lessons, `${field}.lessons`);
  readOptionalDate(decision.startOn, `${field}.startOn`);
  readOptionalDate(decision.endOn, `${field}.endOn`);
  readText(decision.result, `${field}.result`);
}

function checkValueEntry(entry: MetricsValueEntry, field: string): void {
  if (!isRecord(entry)) throw invalid(field, 'an object', entry);
  readId(entry.id, `${field}.id`);
  readDomainId(entry.domainId, `${field}.domainId`);
  readOptionalDate(entry.startedOn, `${field}.startedOn`);
  readOptionalDate(entry.deliveredOn, `${field}.deliveredOn`);
  if (entry.satisfaction !== null) readScore(entry.satisfaction, `${field}.satisfaction`);
  readWholeNumber(entry.defects, `${field}.defects`, 0);
}

function checkPulse(pulse: MetricsPulse, field: string): void {
  if (!isRecord(pulse)) throw invalid(field, 'an object', pulse);
  readDate(pulse.periodStart, `${field}.periodStart`);
  readDomainId(pulse.domainId, `${field}.domainId`);
  for (const score of pulseFields) readScore(pulse[score], `${field}.${score}`);
}

// ——— Periods ———

/** Finds the period of an instant or a local date among contiguous periods, oldest first. */
interface Timeline {
  /** The index of the period containing the instant `at`; -1 outside them all. */
  ofInstant(at: number): number;
  /** The index of the period containing the local date `date`; -1 outside them all. */
  ofDate(date: string): number;
}

function lastAtOrBefore<T>(bounds: readonly T[], value: T): number {
  // bounds[0] ≤ value < bounds[bounds.length − 1] holds here.
  let low = 0;
  let high = bounds.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((bounds[middle] as T) <= value) low = middle;
    else high = middle - 1;
  }
  return low;
}

function timeline(periods: readonly MetricsPeriod[]): Timeline {
  const last = periods[periods.length - 1];
  if (last === undefined) throw new Error('At least one period is needed.');
  const starts = [...periods.map((period) => period.start), last.end];
  const days = [...periods.map((period) => period.firstDay), addDays(last.lastDay, 1)];
  const first = periods[0] as MetricsPeriod;
  const endDay = days[days.length - 1] as string;
  return {
    ofInstant: (at) => (at < first.start || at >= last.end ? -1 : lastAtOrBefore(starts, at)),
    ofDate: (date) => (date < first.firstDay || date >= endDay ? -1 : lastAtOrBefore(days, date)),
  };
}

/**
 * A budget of `amount` per `kind` (week, month, quarter or year), prorated by days onto the
 * local dates from `firstDay` to `lastDay` (both included): for each budget period that
 * overlaps them, the amount times the share of that period's days that overlap. A month's
 * budget over that month is the amount; over a quarter, the three months' amounts; a year's
 * budget over a week is 7/365 (or 7/366) of it.
 */
export function prorateBudget(amount: number, kind: BudgetPeriod, firstDay: string, lastDay: string): number {
  const from = dayNumber(firstDay);
  const to = dayNumber(lastDay) + 1;
  let total = 0;
  let budgetPeriod = calendarPeriodOf(kind, firstDay);
  for (;;) {
    const start = dayNumber(budgetPeriod.firstDay);
    const end = dayNumber(budgetPeriod.endDay);
    if (start >= to) break;
    const overlap = Math.min(end, to) - Math.max(start, from);
    if (overlap > 0) total += overlap === end - start ? amount : (amount * overlap) / (end - start);
    budgetPeriod = calendarPeriodOf(kind, budgetPeriod.endDay);
  }
  return total;
}

// ——— Bucketing ———

function hasText(text: string): boolean {
  return text.trim() !== '';
}

function fillBuckets(
  snapshot: MetricsSnapshot,
  periods: readonly MetricsPeriod[],
  settings: Settings,
): { buckets: Bucket[]; metrics: MetricsSuccessMetric[]; budgets: Map<string | null, MetricsBudget> } {
  const buckets = periods.map(emptyBucket);
  const find = timeline(periods);
  const { domainIds } = settings;
  const inScope = (domainId: string | null): boolean =>
    domainIds === null || (domainId !== null && domainIds.has(domainId));
  const timeZone = (periods[0] as MetricsPeriod).timeZone;
  const { now } = settings;
  const today = now === undefined ? null : localDateOf(now, timeZone);
  // The period of a date or an instant that is not after now (any, without a "now"); -1 for none.
  const ofPastDate = (date: string | null): number =>
    date !== null && (today === null || date <= today) ? find.ofDate(date) : -1;
  const ofPastInstant = (instant: number | null): number =>
    instant !== null && (now === undefined || instant <= now) ? find.ofInstant(instant) : -1;

  readList(snapshot.decisions, 'snapshot.decisions').forEach((decision, index) => {
    checkDecision(decision, `snapshot.decisions[${index}]`);
    if (!inScope(decision.domainId)) return;
    const everDecided = isOneOf(everDecidedStatuses, decision.status);
    const isExperiment = decision.kind === 'experiment';
    if (everDecided && decision.decidedAt !== null) {
      const bucket = buckets[find.ofInstant(decision.decidedAt)];
      if (bucket !== undefined) {
        bucket.decided += 1;
        if (decision.escalationCount > 0) bucket.escalated += 1;
        if (decision.tier === 'autonomous') bucket.autonomous += 1;
        if (decision.override) bucket.overridden += 1;
        if (isExperiment) bucket.experiments += 1;
        bucket.handoffs += decision.adviceFromOtherDomains + decision.jointWithOtherDomains;
        if (decision.proposedAt !== null) {
          // Laptops' clocks differ a little: a decision "decided before it was proposed" was quick.
          const days = Math.max(0, decision.decidedAt - decision.proposedAt) / DAY_MS;
          bucket.velocities.push(days);
          bucket.velocitiesByTier[decision.tier].push(days);
        }
        if (decision.cost !== null && isOneOf(committingStatuses, decision.status)) {
          const costs = bucket.committed.get(decision.domainId);
          if (costs) costs.push(decision.cost);
          else bucket.committed.set(decision.domainId, [decision.cost]);
        }
      }
    }
    if (isExperiment && everDecided) {
      // It starts on its start date, or when it was decided if it has none.
      const bucket =
        buckets[decision.startOn !== null ? ofPastDate(decision.startOn) : ofPastInstant(decision.decidedAt)];
      if (bucket !== undefined) bucket.experimentsStarted += 1;
    }
    if (decision.reviewedAt !== null) {
      const bucket = buckets[find.ofInstant(decision.reviewedAt)];
      if (bucket !== undefined) {
        bucket.reviewed += 1;
        if (hasText(decision.lessons)) {
          bucket.reviewedWithLesson += 1;
          bucket.lessons += 1;
        }
      }
    }
    if (isExperiment && hasText(decision.result)) {
      // Its result is a lesson when it is reviewed, or on its end date if it is not.
      const bucket =
        buckets[decision.reviewedAt !== null ? find.ofInstant(decision.reviewedAt) : ofPastDate(decision.endOn)];
      if (bucket !== undefined) bucket.lessons += 1;
    }
  });

  readList(snapshot.reviewLearnings, 'snapshot.reviewLearnings').forEach((learning, index) => {
    const field = `snapshot.reviewLearnings[${index}]`;
    if (!isRecord(learning)) throw invalid(field, 'an object', learning);
    readTime(learning.recordedAt, `${field}.recordedAt`);
    readDomainId(learning.domainId, `${field}.domainId`);
    if (!inScope(learning.domainId)) return;
    const bucket = buckets[find.ofInstant(learning.recordedAt)];
    if (bucket !== undefined) bucket.lessons += 1;
  });

  readList(snapshot.valueEntries, 'snapshot.valueEntries').forEach((entry, index) => {
    checkValueEntry(entry, `snapshot.valueEntries[${index}]`);
    if (!inScope(entry.domainId) || entry.deliveredOn === null) return;
    const bucket = buckets[find.ofDate(entry.deliveredOn)];
    if (bucket === undefined) return;
    bucket.delivered += 1;
    bucket.defects += entry.defects;
    if (entry.satisfaction !== null) bucket.satisfaction.push(entry.satisfaction);
    if (entry.startedOn !== null && entry.startedOn <= entry.deliveredOn) {
      bucket.leadTimes.push(dayNumber(entry.deliveredOn) - dayNumber(entry.startedOn));
    }
  });

  readList(snapshot.pulses, 'snapshot.pulses').forEach((pulse, index) => {
    checkPulse(pulse, `snapshot.pulses[${index}]`);
    if (!inScope(pulse.domainId)) return;
    const bucket = buckets[find.ofDate(pulse.periodStart)];
    if (bucket === undefined) return;
    const round = bucket.rounds.get(pulse.periodStart);
    const scores = {
      satisfaction: pulse.satisfaction,
      stress: pulse.stress,
      collaboration: pulse.collaboration,
      trust: pulse.trust,
    };
    if (round) round.push(scores);
    else bucket.rounds.set(pulse.periodStart, [scores]);
  });

  const metrics = readSuccessMetrics(snapshot.successMetrics).filter((metric) => inScope(metric.domainId));
  const metricIds = new Set(metrics.map((metric) => metric.id));
  readList(snapshot.metricValues, 'snapshot.metricValues').forEach((value, index) => {
    const field = `snapshot.metricValues[${index}]`;
    if (!isRecord(value)) throw invalid(field, 'an object', value);
    readId(value.id, `${field}.id`);
    readId(value.metricId, `${field}.metricId`);
    if (typeof value.value !== 'number' || !Number.isFinite(value.value)) {
      throw invalid(`${field}.value`, 'a finite number', value.value);
    }
    readDate(value.recordedOn, `${field}.recordedOn`);
    if (!metricIds.has(value.metricId)) return;
    const bucket = buckets[find.ofDate(value.recordedOn)];
    if (bucket === undefined) return;
    const values = bucket.metricValues.get(value.metricId);
    if (values) values.push(value);
    else bucket.metricValues.set(value.metricId, [value]);
  });

  return { buckets, metrics, budgets: readBudgets(snapshot.budgets, inScope) };
}

function readSuccessMetrics(list: readonly MetricsSuccessMetric[]): MetricsSuccessMetric[] {
  return readList(list, 'snapshot.successMetrics').map((metric, index) => {
    const field = `snapshot.successMetrics[${index}]`;
    if (!isRecord(metric)) throw invalid(field, 'an object', metric);
    readId(metric.id, `${field}.id`);
    readDomainId(metric.domainId, `${field}.domainId`);
    readText(metric.name, `${field}.name`);
    readText(metric.unit, `${field}.unit`);
    if (metric.target !== null && (typeof metric.target !== 'number' || !Number.isFinite(metric.target))) {
      throw invalid(`${field}.target`, 'a finite number or null', metric.target);
    }
    if (metric.direction !== 'higher' && metric.direction !== 'lower') {
      throw invalid(`${field}.direction`, 'higher or lower', metric.direction);
    }
    return metric;
  });
}

function readBudgets(
  list: readonly MetricsBudget[],
  inScope: (domainId: string | null) => boolean,
): Map<string | null, MetricsBudget> {
  const budgets = new Map<string | null, MetricsBudget>();
  readList(list, 'snapshot.budgets').forEach((budget, index) => {
    const field = `snapshot.budgets[${index}]`;
    if (!isRecord(budget)) throw invalid(field, 'an object', budget);
    const domainId = readDomainId(budget.domainId, `${field}.domainId`);
    const amount = readAmount(budget.amount, `${field}.amount`);
    if (!isOneOf(budgetPeriods, budget.period)) {
      throw invalid(`${field}.period`, `one of ${budgetPeriods.join(', ')}`, budget.period);
    }
    if (amount === null || !inScope(domainId)) return;
    if (budgets.has(domainId)) {
      throw new Error(`${field}.domainId: ${domainId === null ? 'the workspace' : domainId} has a budget already`);
    }
    budgets.set(domainId, budget);
  });
  return budgets;
}

// ——— Figures ———

function figure(value: number | null, count: number, minimum: number): MetricFigure {
  const enough = value !== null && count >= minimum;
  return { value: enough ? value : null, count, minimum, enough };
}

function shareFigure(matching: number, count: number, minimum: number): ShareFigure {
  return { ...figure(count > 0 ? matching / count : null, count, minimum), matching };
}

function ratioFigure(total: number, count: number, minimum: number): RatioFigure {
  return { ...figure(count > 0 ? total / count : null, count, minimum), total };
}

function rateFigure(events: number, days: number, minimum: number): RateFigure {
  return { ...figure(days > 0 ? (events / days) * 30 : null, events, minimum), days };
}

function utilisationFigure(
  committed: number,
  count: number,
  budget: number | null,
  minimum: number,
): UtilisationFigure {
  const value = budget !== null && budget > 0 ? committed / budget : null;
  return { ...figure(value, count, minimum), committed, budget };
}

function utilisation(
  bucket: Bucket,
  period: MetricsPeriod,
  budgets: Map<string | null, MetricsBudget>,
  minimum: number,
): Pick<AutonomyMetrics, 'resourceUtilisation' | 'utilisationByDomain'> {
  const domainIds = [...new Set([...budgets.keys(), ...bucket.committed.keys()])].sort((a, b) =>
    a === null ? -1 : b === null ? 1 : compareIds(a, b),
  );
  let budgeted = false;
  let budgetTotal = 0;
  let committedTotal = 0;
  let countTotal = 0;
  let unbudgeted = 0;
  const byDomain: DomainUtilisation[] = [];
  for (const domainId of domainIds) {
    const costs = bucket.committed.get(domainId) ?? [];
    const spent = { cost: sum(costs), count: costs.length };
    const budget = budgets.get(domainId);
    const amount =
      budget === undefined || budget.amount === null
        ? null
        : prorateBudget(budget.amount, budget.period, period.firstDay, period.lastDay);
    if (amount === null) {
      unbudgeted += spent.cost;
    } else {
      budgeted = true;
      budgetTotal += amount;
      committedTotal += spent.cost;
      countTotal += spent.count;
    }
    byDomain.push({ domainId, ...utilisationFigure(spent.cost, spent.count, amount, minimum) });
  }
  const total = utilisationFigure(committedTotal, countTotal, budgeted ? budgetTotal : null, minimum);
  return { resourceUtilisation: { ...total, unbudgeted }, utilisationByDomain: byDomain };
}

function health(bucket: Bucket, minRespondents: number): HealthMetrics {
  const counted: Scores[] = [];
  let rounds = 0;
  let leftOut = 0;
  for (const answers of bucket.rounds.values()) {
    if (answers.length >= minRespondents) {
      rounds += 1;
      counted.push(...answers);
    } else {
      leftOut += answers.length;
    }
  }
  const suppressed = counted.length === 0 && leftOut > 0;
  const dimension = (source: keyof Scores): HealthFigure => {
    const values = counted.map((answer) => answer[source]);
    const shown = values.length > 0;
    return {
      value: shown ? mean(values) : null,
      count: values.length,
      minimum: minRespondents,
      enough: shown,
      spread: shown ? standardDeviation(values) : null,
      suppressed,
      rounds,
      leftOut,
    };
  };
  return {
    teamSatisfaction: dimension(healthSources.teamSatisfaction),
    stress: dimension(healthSources.stress),
    collaboration: dimension(healthSources.collaboration),
    trust: dimension(healthSources.trust),
  };
}

function successMetricFigures(bucket: Bucket, metrics: readonly MetricsSuccessMetric[]): SuccessMetricFigure[] {
  return [...metrics].sort(compareByName).map((metric) => {
    const values = bucket.metricValues.get(metric.id) ?? [];
    let latest: MetricsMetricValue | null = null;
    for (const value of values) {
      if (
        latest === null ||
        value.recordedOn > latest.recordedOn ||
        (value.recordedOn === latest.recordedOn && compareIds(value.id, latest.id) > 0)
      ) {
        latest = value;
      }
    }
    const onTarget =
      latest === null || metric.target === null
        ? null
        : metric.direction === 'higher'
          ? latest.value >= metric.target
          : latest.value <= metric.target;
    return {
      metricId: metric.id,
      domainId: metric.domainId,
      name: metric.name,
      unit: metric.unit,
      target: metric.target,
      direction: metric.direction,
      ...figure(mean(values.map((value) => value.value)), values.length, 1),
      latest: latest?.value ?? null,
      latestOn: latest?.recordedOn ?? null,
      onTarget,
    };
  });
}

function resultOf(
  bucket: Bucket,
  period: MetricsPeriod,
  budgets: Map<string | null, MetricsBudget>,
  metrics: readonly MetricsSuccessMetric[],
  settings: Settings,
): MetricsResult {
  const min = settings.minimums;
  const days = elapsedDays(period, settings.now);
  const velocityByTier = (tier: Tier): MetricFigure =>
    figure(median(bucket.velocitiesByTier[tier]), bucket.velocitiesByTier[tier].length, min.decisionVelocity);
  const autonomy: AutonomyMetrics = {
    decisionVelocity: figure(median(bucket.velocities), bucket.velocities.length, min.decisionVelocity),
    decisionVelocityByTier: {
      autonomous: velocityByTier('autonomous'),
      consultative: velocityByTier('consultative'),
      collaborative: velocityByTier('collaborative'),
    },
    escalationRate: shareFigure(bucket.escalated, bucket.decided, min.escalationRate),
    ...utilisation(bucket, period, budgets, min.resourceUtilisation),
    innovationRate: rateFigure(bucket.experimentsStarted, days, min.innovationRate),
    experimentShare: shareFigure(bucket.experiments, bucket.decided, min.experimentShare),
    autonomyShare: shareFigure(bucket.autonomous, bucket.decided, min.autonomyShare),
    overrideRate: shareFigure(bucket.overridden, bucket.decided, min.overrideRate),
    handoffsPerDecision: ratioFigure(bucket.handoffs, bucket.decided, min.handoffsPerDecision),
  };
  const value: ValueMetrics = {
    deliverySpeed: figure(median(bucket.leadTimes), bucket.leadTimes.length, min.deliverySpeed),
    throughput: rateFigure(bucket.delivered, days, min.throughput),
    userSatisfaction: figure(mean(bucket.satisfaction), bucket.satisfaction.length, min.userSatisfaction),
    defectRate: ratioFigure(bucket.defects, bucket.delivered, min.defectRate),
    learningRate: rateFigure(bucket.lessons, days, min.learningRate),
    lessonShare: shareFigure(bucket.reviewedWithLesson, bucket.reviewed, min.lessonShare),
    successMetrics: successMetricFigures(bucket, metrics),
  };
  const result: Omit<MetricsResult, 'lights'> = {
    period,
    scope: { ...settings.scope },
    autonomy,
    value,
    health: health(bucket, settings.minRespondents),
  };
  const lights = Object.fromEntries(
    metricKeys.map((key) => [
      key,
      lightOf(figureOf(result, key).value, settings.thresholds[key], metricDefinitions[key].better),
    ]),
  ) as Record<MetricKey, MetricLight>;
  return { ...result, lights };
}

/** The figure of `key` in a result (the total, for resource utilisation). */
export function figureOf(result: Pick<MetricsResult, 'autonomy' | 'value' | 'health'>, key: MetricKey): MetricFigure {
  switch (key) {
    case 'decisionVelocity':
    case 'escalationRate':
    case 'resourceUtilisation':
    case 'innovationRate':
    case 'experimentShare':
    case 'autonomyShare':
    case 'overrideRate':
    case 'handoffsPerDecision':
      return result.autonomy[key];
    case 'deliverySpeed':
    case 'throughput':
    case 'userSatisfaction':
    case 'defectRate':
    case 'learningRate':
    case 'lessonShare':
      return result.value[key];
    case 'teamSatisfaction':
    case 'stress':
    case 'collaboration':
    case 'trust':
      return result.health[key];
  }
}

function checkSnapshot(snapshot: MetricsSnapshot): MetricsSnapshot {
  if (!isRecord(snapshot)) throw invalid('snapshot', 'an object', snapshot);
  readList(snapshot.domains, 'snapshot.domains').forEach((domain, index) => {
    const field = `snapshot.domains[${index}]`;
    if (!isRecord(domain)) throw invalid(field, 'an object', domain);
    readId(domain.id, `${field}.id`);
    readDomainId(domain.parentId, `${field}.parentId`);
  });
  return snapshot;
}

function compute(snapshot: MetricsSnapshot, periods: readonly MetricsPeriod[], settings: Settings): MetricsResult[] {
  const { buckets, metrics, budgets } = fillBuckets(snapshot, periods, settings);
  return periods.map((period, index) => resultOf(buckets[index] ?? emptyBucket(), period, budgets, metrics, settings));
}

/**
 * Every figure of a scope (the workspace by default) in `period` (from `metricsPeriod`),
 * by the definitions in shared/metrics/index.ts, with the count each was computed from and
 * its traffic light. Throws an `Error` naming the field when the snapshot, the period or the
 * options are invalid.
 */
export function computeMetrics(
  snapshot: MetricsSnapshot,
  period: MetricsPeriod,
  options?: MetricsOptions,
): MetricsResult {
  checkMetricsPeriod(period);
  const settings = readSettings(options, checkSnapshot(snapshot).domains);
  const [result] = compute(snapshot, [period], settings);
  return result as MetricsResult;
}

/**
 * The figures of the `count` periods ending with `period` (oldest first, `period` last) and
 * each figure's trend: its value in every period, the current value against the mean of the
 * previous ones (`trendOf`), and the current traffic light. Records are put into periods
 * once, so this costs about as much as one `computeMetrics` call. Throws an `Error` naming the
 * field for invalid input or a `count` that is not a whole number from 1 to 520.
 */
export function metricsTrend(
  snapshot: MetricsSnapshot,
  period: MetricsPeriod,
  count: number,
  options?: MetricsOptions,
): MetricsTrendResult {
  checkMetricsPeriod(period);
  const periods = recentPeriods(period, count);
  const settings = readSettings(options, checkSnapshot(snapshot).domains);
  const results = compute(snapshot, periods, settings);
  const current = results[results.length - 1] as MetricsResult;
  const trends = Object.fromEntries(
    metricKeys.map((key): [MetricKey, MetricTrend] => {
      const series = results.map((result) => figureOf(result, key).value);
      const better = metricDefinitions[key].better;
      return [key, { key, better, series, ...trendOf(series, better, settings.tolerance), light: current.lights[key] }];
    }),
  ) as Record<MetricKey, MetricTrend>;
  return { periods: results, trends };
}
