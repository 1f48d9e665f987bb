/**
 * What `prepareReview` reads, and the checks of it: besides the metrics snapshot, the words
 * and dates of the records the review lists (titles, review dates, escalations with their
 * reasons), the actions of earlier reviews, domains' names and objectives, and the track
 * records for threshold suggestions. Input comes from the app's stores and from peers, so it
 * is checked: anything outside the contract throws an `Error` whose message names the field
 * ("input.decisions[3].reviewOn must be a date written YYYY-MM-DD or null (got "soon")").
 */
import { checkThresholdPolicy, reversibilities, tiers, type ThresholdPolicy, type Tier } from '../decisions/classify';
import {
  reviewOutcomes,
  type ProgressionSettings,
  type ReviewedDecision,
  type ReviewOutcome,
} from '../decisions/progression';
import { isLocalDate } from '../metrics/calendar';
import { invalid, isRecord, readList, readTime, readWholeNumber } from '../metrics/check';
import type { MetricsOptions, MetricsSnapshot } from '../metrics/compute';
import { checkMetricsPeriod, maxRecentPeriods, type MetricsPeriod } from '../metrics/period';
import { cadencePeriodKinds, checkCadence, type ReviewCadence, type ReviewTemplate } from './agenda';

/** An escalation of a decision, as the review lists it. */
export interface ReviewEscalation {
  id: string;
  /** When it was escalated, in milliseconds since the epoch. */
  at: number;
  fromTier: Tier;
  /** The tier it was raised to; null when only handed along the escalation path. */
  toTier: Tier | null;
  /** The domain it was escalated to; null when only the tier changed. */
  toDomainId: string | null;
  reason: string;
}

/**
 * What a review reads of a decision besides its `MetricsDecision` in the snapshot (matched by
 * id): the words and dates the lists show. A snapshot decision without one is listed by its id.
 */
export interface ReviewDecisionInfo {
  id: string;
  title: string;
  /** The local date its outcome should be reviewed (safety net, framework.md § 3); null when none. */
  reviewOn: string | null;
  /** How it turned out, once reviewed; null until then. */
  reviewOutcome: ReviewOutcome | null;
  reversibility: 'reversible' | 'partial' | 'hard';
  /** When it was implemented; null until then. */
  implementedAt: number | null;
  /** When it was rolled back; null when it was not. */
  rolledBackAt: number | null;
  /** Why a less demanding tier than classified was chosen ('' when none was). */
  overrideReason: string;
  /** Experiments: the hypothesis ('' when none). */
  hypothesis: string;
  /** How many domains or people it asked for advice. */
  adviceAsked: number;
  /** How many pieces of advice it received. */
  adviceReceived: number;
  escalations: readonly ReviewEscalation[];
}

/** A domain's name, objectives and budget unit, for the lists. */
export interface ReviewDomainInfo {
  id: string;
  name: string;
  /** Its objectives (framework.md § 4 "Domain objectives"), '' when none are written. */
  objectives: string;
  /** Its budget's unit ("EUR", "hours"), '' when none. */
  budgetUnit: string;
}

/** A delivered value entry's title, for the "delivered" list. */
export interface ReviewValueEntryInfo {
  id: string;
  title: string;
}

/** An action agreed in a review, tracked until done. */
export interface ReviewActionInfo {
  id: string;
  title: string;
  /** Its owner's name; null when nobody owns it yet. */
  ownerName: string | null;
  /** The local date it is due; null when none. */
  dueOn: string | null;
  done: boolean;
  /** The review it was agreed in; null for an action of no review. */
  reviewId: string | null;
}

/** A domain's track record and limits, for the quarterly threshold suggestions. */
export interface ReviewProgressionInput {
  domainId: string;
  /** The cost limits that apply to the domain now. */
  limits: ThresholdPolicy;
  /** When those limits last changed; null for never (see `suggestThresholds`). */
  limitsChangedAt: number | null;
  /** The domain's reviewed decisions, as `suggestThresholds` reads them. */
  decisions: readonly ReviewedDecision[];
}

/** Whose review: the workspace, or a domain with or without the domains below it. */
export interface ReviewScope {
  domainId: string | null;
  includeSubdomains: boolean;
}

/** Settings of a review; each has a default. */
export interface ReviewOptions extends Pick<
  MetricsOptions,
  'minimumCounts' | 'minRespondents' | 'thresholds' | 'trendTolerance'
> {
  /** How many periods the trends cover, the review's own included (4 by default). */
  trendPeriods?: number;
  /** Thresholds of the progression rule that differ from `progressionDefaults`. */
  progression?: Partial<ProgressionSettings>;
  /** The override rate from which a governance alert is raised (0.25 by default). */
  overrideRateLimit?: number;
}

/** Everything `prepareReview` reads. */
export interface PrepareReviewInput {
  cadence: ReviewCadence;
  /** The period reviewed, from `metricsPeriod`: of the cadence's kind, or a custom range. */
  period: MetricsPeriod;
  scope: ReviewScope;
  snapshot: MetricsSnapshot;
  /** Titles and details of the snapshot's decisions. */
  decisions: readonly ReviewDecisionInfo[];
  /** Names, objectives and budget units of domains; a domain left out is named by its id. */
  domains?: readonly ReviewDomainInfo[];
  /** Titles of value entries; an entry left out is listed by its id. */
  valueEntries?: readonly ReviewValueEntryInfo[];
  /** Actions agreed in earlier reviews; the open ones carry into this review. */
  previousActions: readonly ReviewActionInfo[];
  /** This review's id, when it exists: its own actions are not "carried". */
  reviewId?: string | null;
  /** Per domain, its track record and limits (quarterly "major adjustments"). */
  progression?: readonly ReviewProgressionInput[];
  /** A team's template of the cadence. */
  template?: ReviewTemplate;
  /** The time now, in milliseconds since the epoch. */
  now: number;
  /** The IANA time zone of the people: the period's. */
  timeZone: string;
  options?: ReviewOptions;
}

// ——— Checks ———

function readId(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw invalid(field, 'a non-empty id', value);
  return value;
}

function readOptionalId(value: unknown, field: string): string | null {
  return value === null ? null : readId(value, field);
}

function readText(value: unknown, field: string): string {
  if (typeof value !== 'string') throw invalid(field, 'text', value);
  return value;
}

function readOptionalTime(value: unknown, field: string): number | null {
  return value === null ? null : readTime(value, field);
}

function readOptionalDate(value: unknown, field: string): string | null {
  if (value !== null && !isLocalDate(value)) throw invalid(field, 'a date written YYYY-MM-DD or null', value);
  return value;
}

function readOneOf<T extends string>(list: readonly T[], value: unknown, field: string): T {
  if (typeof value !== 'string' || !(list as readonly string[]).includes(value)) {
    throw invalid(field, `one of ${list.join(', ')}`, value);
  }
  return value as T;
}

function checkDecisionInfo(info: ReviewDecisionInfo, field: string): void {
  if (!isRecord(info)) throw invalid(field, 'an object', info);
  readId(info.id, `${field}.id`);
  readText(info.title, `${field}.title`);
  readOptionalDate(info.reviewOn, `${field}.reviewOn`);
  if (info.reviewOutcome !== null) readOneOf(reviewOutcomes, info.reviewOutcome, `${field}.reviewOutcome`);
  readOneOf(reversibilities, info.reversibility, `${field}.reversibility`);
  readOptionalTime(info.implementedAt, `${field}.implementedAt`);
  readOptionalTime(info.rolledBackAt, `${field}.rolledBackAt`);
  readText(info.overrideReason, `${field}.overrideReason`);
  readText(info.hypothesis, `${field}.hypothesis`);
  readWholeNumber(info.adviceAsked, `${field}.adviceAsked`, 0);
  readWholeNumber(info.adviceReceived, `${field}.adviceReceived`, 0);
  readList(info.escalations, `${field}.escalations`).forEach((escalation, index) => {
    const at = `${field}.escalations[${index}]`;
    if (!isRecord(escalation)) throw invalid(at, 'an object', escalation);
    readId(escalation.id, `${at}.id`);
    readTime(escalation.at, `${at}.at`);
    readOneOf(tiers, escalation.fromTier, `${at}.fromTier`);
    if (escalation.toTier !== null) readOneOf(tiers, escalation.toTier, `${at}.toTier`);
    readOptionalId(escalation.toDomainId, `${at}.toDomainId`);
    readText(escalation.reason, `${at}.reason`);
  });
}

function checkAction(action: ReviewActionInfo, field: string): void {
  if (!isRecord(action)) throw invalid(field, 'an object', action);
  readId(action.id, `${field}.id`);
  readText(action.title, `${field}.title`);
  if (action.ownerName !== null) readText(action.ownerName, `${field}.ownerName`);
  readOptionalDate(action.dueOn, `${field}.dueOn`);
  if (typeof action.done !== 'boolean') throw invalid(`${field}.done`, 'true or false', action.done);
  readOptionalId(action.reviewId, `${field}.reviewId`);
}

/** Checks actions, naming the field of the first problem ("actions[1].done must be …"), and returns them. */
export function checkReviewActions(
  actions: readonly ReviewActionInfo[],
  name = 'actions',
): readonly ReviewActionInfo[] {
  readList(actions, name).forEach((action, index) => checkAction(action, `${name}[${index}]`));
  return actions;
}

function checkValueEntryInfo(entry: ReviewValueEntryInfo, field: string): void {
  if (!isRecord(entry)) throw invalid(field, 'an object', entry);
  readId(entry.id, `${field}.id`);
  readText(entry.title, `${field}.title`);
}

function checkDomainInfo(domain: ReviewDomainInfo, field: string): void {
  if (!isRecord(domain)) throw invalid(field, 'an object', domain);
  readId(domain.id, `${field}.id`);
  readText(domain.name, `${field}.name`);
  readText(domain.objectives, `${field}.objectives`);
  readText(domain.budgetUnit, `${field}.budgetUnit`);
}

/** A list of records with unique ids, indexed by id. */
function indexList<T extends { id: string }>(
  list: readonly T[] | undefined,
  field: string,
  check: (item: T, field: string) => void,
): Map<string, T> {
  const byId = new Map<string, T>();
  if (list === undefined) return byId;
  readList(list, field).forEach((item, index) => {
    check(item, `${field}[${index}]`);
    if (byId.has(item.id)) throw new Error(`${field}[${index}].id: ${JSON.stringify(item.id)} is listed twice`);
    byId.set(item.id, item);
  });
  return byId;
}

function readScope(scope: unknown): ReviewScope {
  if (!isRecord(scope)) throw invalid('input.scope', 'an object', scope);
  const domainId = scope.domainId;
  if (domainId !== null && (typeof domainId !== 'string' || domainId === '')) {
    throw invalid('input.scope.domainId', 'the id of a domain, or null for the workspace', domainId);
  }
  if (typeof scope.includeSubdomains !== 'boolean') {
    throw invalid('input.scope.includeSubdomains', 'true or false', scope.includeSubdomains);
  }
  return { domainId, includeSubdomains: scope.includeSubdomains };
}

function readProgression(list: readonly ReviewProgressionInput[] | undefined): ReviewProgressionInput[] {
  if (list === undefined) return [];
  const seen = new Set<string>();
  return readList(list, 'input.progression').map((entry, index) => {
    const field = `input.progression[${index}]`;
    if (!isRecord(entry)) throw invalid(field, 'an object', entry);
    const domainId = readId(entry.domainId, `${field}.domainId`);
    if (seen.has(domainId)) throw new Error(`${field}.domainId: ${JSON.stringify(domainId)} is listed twice`);
    seen.add(domainId);
    const limits = checkThresholdPolicy(entry.limits, `${field}.limits`);
    const limitsChangedAt = readOptionalTime(entry.limitsChangedAt, `${field}.limitsChangedAt`);
    readList(entry.decisions, `${field}.decisions`);
    return { domainId, limits, limitsChangedAt, decisions: entry.decisions };
  });
}

/** The number of periods trends cover by default, the review's own included. */
export const defaultTrendPeriods = 4;

/** The input of `prepareReview`, checked, with the lists indexed by id. */
export interface CheckedReviewInput {
  cadence: ReviewCadence;
  period: MetricsPeriod;
  scope: ReviewScope;
  now: number;
  options: ReviewOptions;
  trendPeriods: number;
  decisions: Map<string, ReviewDecisionInfo>;
  domains: Map<string, ReviewDomainInfo>;
  valueEntries: Map<string, ReviewValueEntryInfo>;
  previousActions: readonly ReviewActionInfo[];
  reviewId: string | null;
  progression: ReviewProgressionInput[];
}

/**
 * Checks the input of `prepareReview` (except the snapshot, which the metrics engine checks,
 * and the template, which `applyTemplate` checks) and indexes its lists by id. Throws an
 * `Error` naming the field of the first problem.
 */
export function checkReviewInput(input: PrepareReviewInput): CheckedReviewInput {
  if (!isRecord(input)) throw invalid('input', 'an object', input);
  const cadence = checkCadence(input.cadence, 'input.cadence');
  const period = checkMetricsPeriod(input.period, 'input.period');
  const expectedKind = cadencePeriodKinds[cadence];
  if (period.kind !== expectedKind && period.kind !== 'custom') {
    throw new Error(
      `input.period.kind must be ${expectedKind} or custom for a ${cadence} review (got ${JSON.stringify(period.kind)})`,
    );
  }
  if (input.timeZone !== period.timeZone) {
    throw invalid('input.timeZone', `the period's time zone, ${JSON.stringify(period.timeZone)}`, input.timeZone);
  }
  const options: ReviewOptions = input.options ?? {};
  requireObject(options, 'input.options');
  const trendPeriods = options.trendPeriods ?? defaultTrendPeriods;
  if (!Number.isSafeInteger(trendPeriods) || trendPeriods < 1 || trendPeriods > maxRecentPeriods) {
    throw invalid('input.options.trendPeriods', `a whole number from 1 to ${maxRecentPeriods}`, trendPeriods);
  }
  const previousActions = checkReviewActions(input.previousActions, 'input.previousActions');
  return {
    cadence,
    period,
    scope: readScope(input.scope),
    now: readTime(input.now, 'input.now'),
    options,
    trendPeriods,
    decisions: indexList(input.decisions, 'input.decisions', checkDecisionInfo),
    domains: indexList(input.domains, 'input.domains', checkDomainInfo),
    valueEntries: indexList(input.valueEntries, 'input.valueEntries', checkValueEntryInfo),
    previousActions,
    reviewId: input.reviewId === undefined ? null : readOptionalId(input.reviewId, 'input.reviewId'),
    progression: readProgression(input.progression),
  };
}

/** Throws an `Error` naming `field` unless `value` is an object (without narrowing its type). */
function requireObject(value: unknown, field: string): void {
  if (!isRecord(value)) throw invalid(field, 'an object', value);
}
