/**
 * Progressive autonomy (framework.md § 6.3 "Start with small decisions, gradually increase
 * scope, monitor and adjust" and § 7 "Threshold adjustments"): from a domain's track record,
 * suggest raising its cost limits, lowering them, or keeping them, with the evidence.
 *
 * The record is the domain's reviewed decisions of the autonomous and consultative tiers
 * reviewed within the window (the last 90 days by default, a quarter, the cadence of the
 * framework's "major adjustments"): at or after `now` minus the window, and after the limits
 * that apply last changed when that is later (`limitsChangedAt`: new limits are judged on what
 * happened under them, so accepting a suggestion does not bring it straight back); a review dated after
 * `now` (a laptop whose clock runs ahead) counts. Collaborative decisions are left out: they were decided
 * together, so they say nothing about how the domain does with the autonomy its limits give.
 * A decision is a setback when it failed or was rolled back (counted once if both).
 *
 * The rule, first match wins:
 * 1. Lower when there are at least 2 setbacks and they are at least 25 % of the record. Safety
 *    first: this needs no minimum sample, since two failures out of three is reason enough.
 * 2. Keep when the record has fewer than 5 decisions: not enough data.
 * 3. Raise when at least 80 % worked, none was rolled back and at most 20 % were escalated
 *    (frequent escalation means people are unsure at the current limits already).
 * 4. Otherwise keep, saying which condition for raising is not met.
 * Every number is an option with these defaults (`progressionDefaults`). "Partly" outcomes
 * count neither as success nor as setback; overrides are reported as evidence only.
 *
 * Raising multiplies both limits by 1 + step (step 25 % by default), lowering by 1 − step,
 * then rounds each to a nice number: three significant digits with the last one 0 or 5
 * (1,000 → 1,250, 12,500 → 15,625 → 15,500, 10,000 → 7,500). The rounding is monotonic, so
 * the autonomous limit stays at or below the consultative one, and it moves a value by at most
 * 2.5 %, so a step of 5 % or more always changes a limit above 0. A limit of 0 stays 0: a
 * percentage cannot move it, and 0 is a deliberate choice that a person changes by hand.
 *
 * The suggestion depends only on the counts, never on the order of the input, and time is
 * passed in (`now`), so every laptop suggests the same.
 */
import { formatNumber } from '../domains/format';
import { checkThresholdPolicy, type ThresholdPolicy, type Tier } from './classify';

/** How a reviewed decision turned out. */
export const reviewOutcomes = ['worked', 'partly', 'failed'] as const;

/** How a reviewed decision turned out: worked, partly, or failed. */
export type ReviewOutcome = (typeof reviewOutcomes)[number];

/** What progressive autonomy reads of a reviewed decision. */
export interface ReviewedDecision {
  id: string;
  /** The tier it was decided in. */
  tier: Tier;
  /**
   * Resources committed, in the domain budget's unit; null when not costed. Carried for views
   * of the record; the rule judges how decisions turned out, not their size.
   */
  cost: number | null;
  outcome: ReviewOutcome;
  rolledBack: boolean;
  /** Decided in a less demanding tier than its classification, with a reason. */
  overridden: boolean;
  /** Escalated to a higher tier or along the domain's escalation path. */
  escalated: boolean;
  /** When its outcome was reviewed, in milliseconds since the epoch. */
  reviewedAt: number;
}

/** The thresholds of the rule; every one has a default in `progressionDefaults`. */
export interface ProgressionSettings {
  /** How many days back the record reaches. */
  windowDays: number;
  /** Fewer reviewed decisions than this: keep, not enough data. */
  minimumSample: number;
  /** How much a suggestion moves the limits, as a fraction (0.25 = 25 %); 0.05 to 0.9. */
  step: number;
  /** The share that must have worked to raise. */
  raiseAtSuccessRate: number;
  /** The largest share of escalated decisions that still allows raising. */
  maxEscalationRate: number;
  /** The share of setbacks (failed or rolled back) from which to lower. */
  lowerAtSetbackRate: number;
  /** The fewest setbacks that lower the limits. */
  minimumSetbacks: number;
}

/** Options of `suggestThresholds`: the time now, and any thresholds that differ from the defaults. */
export interface ProgressionOptions extends Partial<ProgressionSettings> {
  /** The time now, in milliseconds since the epoch. */
  now: number;
  /**
   * When the limits that apply last changed (null or left out: never). Only decisions reviewed
   * after it count, so a change is judged on what happened under the new limits, and accepting
   * a suggestion does not bring the same suggestion back from the same evidence.
   */
  limitsChangedAt?: number | null;
}

/** The thresholds used when the options leave them out. */
export const progressionDefaults: Readonly<ProgressionSettings> = Object.freeze({
  windowDays: 90,
  minimumSample: 5,
  step: 0.25,
  raiseAtSuccessRate: 0.8,
  maxEscalationRate: 0.2,
  lowerAtSetbackRate: 0.25,
  minimumSetbacks: 2,
});

/** The track record a suggestion rests on: decisions of the autonomous and consultative tiers in the window. */
export interface ProgressionEvidence {
  count: number;
  worked: number;
  partly: number;
  failed: number;
  rollbacks: number;
  overrides: number;
  escalations: number;
  /** Decisions that failed or were rolled back, each counted once. */
  setbacks: number;
  /** worked ÷ count, 0 to 1; 0 when there is no decision. */
  successRate: number;
}

/** A suggestion for a domain's limits. */
export interface ThresholdSuggestion {
  direction: 'raise' | 'lower' | 'keep';
  /** The suggested limits; the current ones when the direction is "keep". */
  limits: ThresholdPolicy;
  evidence: ProgressionEvidence;
  /** Sentences a person reads, the evidence first and the suggestion last. */
  reasons: string[];
}

const DAY = 86_400_000;

function checkRate(value: number, field: string, min: number, max: number): void {
  if (!(value >= min && value <= max)) {
    throw new Error(`options.${field} must be a number from ${min} to ${max} (got ${String(value)})`);
  }
}

function checkWholeNumber(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`options.${field} must be a whole number of 1 or more (got ${String(value)})`);
  }
}

function readSettings(
  options: ProgressionOptions,
): ProgressionSettings & { now: number; limitsChangedAt: number | null } {
  if (typeof options !== 'object' || options === null) throw new Error('options is required');
  if (typeof options.now !== 'number' || !Number.isFinite(options.now)) {
    throw new Error(`options.now must be a time in milliseconds (got ${String(options.now)})`);
  }
  const limitsChangedAt = options.limitsChangedAt ?? null;
  if (limitsChangedAt !== null && (typeof limitsChangedAt !== 'number' || !Number.isFinite(limitsChangedAt))) {
    throw new Error(`options.limitsChangedAt must be a time in milliseconds or null (got ${String(limitsChangedAt)})`);
  }
  const settings = { ...progressionDefaults, ...definedOnly(options) };
  if (!(settings.windowDays > 0) || !Number.isFinite(settings.windowDays)) {
    throw new Error(`options.windowDays must be a number of days above 0 (got ${String(settings.windowDays)})`);
  }
  checkWholeNumber(settings.minimumSample, 'minimumSample');
  checkWholeNumber(settings.minimumSetbacks, 'minimumSetbacks');
  checkRate(settings.step, 'step', 0.05, 0.9);
  checkRate(settings.raiseAtSuccessRate, 'raiseAtSuccessRate', 0, 1);
  checkRate(settings.maxEscalationRate, 'maxEscalationRate', 0, 1);
  checkRate(settings.lowerAtSetbackRate, 'lowerAtSetbackRate', 0, 1);
  return { ...settings, now: options.now, limitsChangedAt };
}

/** The options actually given, so `{ step: undefined }` keeps the default. */
function definedOnly(options: ProgressionOptions): Partial<ProgressionOptions> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

function checkDecision(decision: ReviewedDecision, index: number): void {
  const field = `decisions[${index}]`;
  if (typeof decision !== 'object' || decision === null) throw new Error(`${field} must be an object`);
  if (decision.tier !== 'autonomous' && decision.tier !== 'consultative' && decision.tier !== 'collaborative') {
    throw new Error(
      `${field}.tier must be one of autonomous, consultative, collaborative (got ${JSON.stringify(decision.tier)})`,
    );
  }
  if (decision.outcome !== 'worked' && decision.outcome !== 'partly' && decision.outcome !== 'failed') {
    throw new Error(`${field}.outcome must be one of worked, partly, failed (got ${JSON.stringify(decision.outcome)})`);
  }
  for (const flag of ['rolledBack', 'overridden', 'escalated'] as const) {
    if (typeof decision[flag] !== 'boolean') throw new Error(`${field}.${flag} must be true or false`);
  }
  if (typeof decision.reviewedAt !== 'number' || !Number.isFinite(decision.reviewedAt)) {
    throw new Error(`${field}.reviewedAt must be a time in milliseconds (got ${String(decision.reviewedAt)})`);
  }
}

/** The track record: the decisions of the autonomous and consultative tiers reviewed since `since`. */
function collectEvidence(decisions: readonly ReviewedDecision[], since: number): ProgressionEvidence {
  const evidence = {
    count: 0,
    worked: 0,
    partly: 0,
    failed: 0,
    rollbacks: 0,
    overrides: 0,
    escalations: 0,
    setbacks: 0,
    successRate: 0,
  };
  decisions.forEach((decision, index) => {
    checkDecision(decision, index);
    if (decision.tier === 'collaborative' || decision.reviewedAt < since) return;
    evidence.count += 1;
    evidence[decision.outcome] += 1;
    if (decision.rolledBack) evidence.rollbacks += 1;
    if (decision.overridden) evidence.overrides += 1;
    if (decision.escalated) evidence.escalations += 1;
    if (decision.outcome === 'failed' || decision.rolledBack) evidence.setbacks += 1;
  });
  evidence.successRate = evidence.count === 0 ? 0 : evidence.worked / evidence.count;
  return evidence;
}

/**
 * A limit rounded to a nice number: three significant digits, the last one 0 or 5
 * (15,625 → 15,500; 1,562.5 → 1,550; 0.9375 → 0.94). Monotonic; 0 stays 0.
 */
export function roundLimit(value: number): number {
  if (!(value > 0)) return 0;
  const exponent = Math.floor(Math.log10(value)) - 2;
  if (exponent >= 0) {
    const unit = 5 * 10 ** exponent;
    return Math.round(value / unit) * unit;
  }
  // Scale up to whole numbers first, so the result is the closest double to the decimal.
  const scale = 10 ** -exponent;
  if (!Number.isFinite(scale)) return value; // subnormal numbers: nothing nicer to round to
  return (Math.round((value * scale) / 5) * 5) / scale;
}

function moveLimits(policy: ThresholdPolicy, factor: number): ThresholdPolicy {
  const move = (limit: number): number => {
    const moved = roundLimit(limit * factor);
    return Number.isFinite(moved) ? moved : limit;
  };
  const consultative = move(policy.consultativeCostLimit);
  // Only a limit that would overflow stays put; the autonomous one must then not pass it.
  return {
    autonomousCostLimit: Math.min(move(policy.autonomousCostLimit), consultative),
    consultativeCostLimit: consultative,
  };
}

const percent = (rate: number): string => `${Math.round(rate * 100)}%`;
const plural = (count: number, one: string, many: string): string =>
  `${formatNumber(count)} ${count === 1 ? one : many}`;

function describeMove(verb: 'Raise' | 'Lower', from: ThresholdPolicy, to: ThresholdPolicy, step: number): string {
  const sign = verb === 'Raise' ? '+' : '−';
  const part = (label: string, before: number, after: number): string =>
    before === after
      ? `keep the ${label} at ${formatNumber(before)}`
      : `the ${label} from ${formatNumber(before)} to ${formatNumber(after)}`;
  const autonomous = part('autonomous limit', from.autonomousCostLimit, to.autonomousCostLimit);
  const consultative = part('consultative limit', from.consultativeCostLimit, to.consultativeCostLimit);
  return from.autonomousCostLimit === to.autonomousCostLimit
    ? `${verb} the consultative limit from ${formatNumber(from.consultativeCostLimit)} to ${formatNumber(to.consultativeCostLimit)} (${sign}${percent(step)}); ${autonomous}`
    : `${verb} ${autonomous} and ${consultative} (${sign}${percent(step)})`;
}

function sameLimits(a: ThresholdPolicy, b: ThresholdPolicy): boolean {
  return a.autonomousCostLimit === b.autonomousCostLimit && a.consultativeCostLimit === b.consultativeCostLimit;
}

/**
 * Suggests raising, lowering or keeping a domain's cost limits from its reviewed decisions,
 * by the rule in this file's header, with the evidence and the reasons. Throws an `Error`
 * naming the field when the input is invalid.
 */
export function suggestThresholds(
  decisions: readonly ReviewedDecision[],
  policy: ThresholdPolicy,
  options: ProgressionOptions,
): ThresholdSuggestion {
  if (!Array.isArray(decisions)) throw new Error('decisions must be a list');
  const current = checkThresholdPolicy(policy);
  const settings = readSettings(options);
  const windowStart = settings.now - settings.windowDays * DAY;
  const changed = settings.limitsChangedAt !== null && settings.limitsChangedAt >= windowStart;
  // Reviewed strictly after the change: the decisions judged under the limits in force.
  const evidence = collectEvidence(decisions, changed ? (settings.limitsChangedAt as number) + 1 : windowStart);
  const { count } = evidence;
  const window = changed
    ? 'since the limits last changed'
    : `in the last ${plural(settings.windowDays, 'day', 'days')}`;
  const reasons = [
    count === 0
      ? `No autonomous or consultative decision reviewed ${window}`
      : `${plural(count, 'autonomous or consultative decision', 'autonomous and consultative decisions')} reviewed ${window}`,
  ];
  if (evidence.overrides > 0) {
    reasons.push(
      `${formatNumber(evidence.overrides)} of ${formatNumber(count)} decided in a less demanding tier than classified`,
    );
  }
  const keep = (why: string): ThresholdSuggestion => ({
    direction: 'keep',
    limits: current,
    evidence,
    reasons: [...reasons, why],
  });

  const setbackRate = count === 0 ? 0 : evidence.setbacks / count;
  if (evidence.setbacks >= settings.minimumSetbacks && setbackRate >= settings.lowerAtSetbackRate) {
    reasons.push(
      `${formatNumber(evidence.setbacks)} of ${formatNumber(count)} failed or were rolled back (${percent(setbackRate)}), at or above the ${percent(settings.lowerAtSetbackRate)} that calls for lower limits`,
    );
    const lowered = moveLimits(current, 1 - settings.step);
    if (sameLimits(lowered, current)) return keep('Keep the limits: they are 0 already and cannot go lower');
    return {
      direction: 'lower',
      limits: lowered,
      evidence,
      reasons: [...reasons, describeMove('Lower', current, lowered, settings.step)],
    };
  }

  if (count < settings.minimumSample) {
    return keep(
      `Keep the limits: at least ${plural(settings.minimumSample, 'reviewed decision is', 'reviewed decisions are')} needed to suggest a change`,
    );
  }

  const escalationRate = evidence.escalations / count;
  const worked = `${formatNumber(evidence.worked)} of ${formatNumber(count)} worked (${percent(evidence.successRate)})`;
  const escalated = `${formatNumber(evidence.escalations)} of ${formatNumber(count)} escalated (${percent(escalationRate)})`;
  const goodRecord = evidence.successRate >= settings.raiseAtSuccessRate;
  const noRollbacks = evidence.rollbacks === 0;
  const fewEscalations = escalationRate <= settings.maxEscalationRate;
  if (goodRecord && noRollbacks && fewEscalations) {
    reasons.push(
      `${worked}, at least the ${percent(settings.raiseAtSuccessRate)} needed to raise the limits`,
      `No rollbacks ${window}`,
      `${escalated}, within the ${percent(settings.maxEscalationRate)} that allows raising`,
    );
    const raised = moveLimits(current, 1 + settings.step);
    if (sameLimits(raised, current)) {
      return keep('Keep the limits: they are 0, which a percentage cannot raise; set them by hand');
    }
    return {
      direction: 'raise',
      limits: raised,
      evidence,
      reasons: [...reasons, describeMove('Raise', current, raised, settings.step)],
    };
  }

  if (!goodRecord)
    reasons.push(`${worked}, below the ${percent(settings.raiseAtSuccessRate)} needed to raise the limits`);
  if (!noRollbacks)
    reasons.push(`${plural(evidence.rollbacks, 'rollback', 'rollbacks')} ${window}; raising needs none`);
  if (!fewEscalations) {
    reasons.push(`${escalated}, above the ${percent(settings.maxEscalationRate)} that allows raising`);
  }
  return keep('Keep the limits: the record is not strong enough to raise them nor weak enough to lower them');
}
