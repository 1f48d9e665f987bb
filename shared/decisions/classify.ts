/**
 * Decision classification (framework.md § 1 "Decision Thresholds"): which tier a decision
 * needs — autonomous (no approval), consultative (seek advice, decide alone) or
 * collaborative (decide together) — and why.
 *
 * Each of five criteria points to a tier on its own:
 * - cost: up to and including the autonomous limit → autonomous; above it, up to and
 *   including the consultative limit → consultative; above that → collaborative;
 * - effect on other domains: none → autonomous, limited → consultative, major → collaborative;
 * - horizon of the implications: short → autonomous, medium → consultative, long → collaborative;
 * - reversibility: reversible → autonomous, partial → consultative, hard → collaborative;
 * - guidelines: within the domain's established guidelines → autonomous, beyond them → consultative.
 * The decision's tier is the most demanding of the five, so raising any criterion never lowers
 * the tier and raising a limit never raises it. `reasons` holds one entry per criterion, always
 * in the order above, each with the tier it points to and a sentence a person understands.
 *
 * The engine runs on every keystroke of the impact form and over whole workspaces (100,000
 * decisions within 50 ms), so it allocates little: the reasons of the four enumerated criteria
 * are built once and shared (frozen), and only the cost reason is written per call, with
 * integers grouped by hand (exactly as `formatNumber` writes them) instead of through
 * `Intl.NumberFormat`, which alone would take most of the budget.
 *
 * Input comes from forms and peers, so it is checked: anything outside the contract throws an
 * `Error` whose message names the field ("impact.cost must be a finite number of 0 or more
 * (got -1)").
 */
import { formatNumber } from '../domains/format';

/** The tiers, from the least to the most demanding. */
export const tiers = ['autonomous', 'consultative', 'collaborative'] as const;

/** How a decision is made: alone, after seeking advice, or together. */
export type Tier = (typeof tiers)[number];

/** The effects a decision can have on other domains, from none to major. */
export const crossDomainEffects = ['none', 'limited', 'major'] as const;

/** How long a decision's implications last, from short to long. */
export const horizons = ['short', 'medium', 'long'] as const;

/** How easily a decision can be undone, from reversible to hard. */
export const reversibilities = ['reversible', 'partial', 'hard'] as const;

/** The criteria of a classification, in the order `reasons` lists them. */
export const classificationCriteria = ['cost', 'crossDomain', 'horizon', 'reversibility', 'guidelines'] as const;

/** One criterion of a classification. */
export type ClassificationCriterion = (typeof classificationCriteria)[number];

/** What a decision's impact is, as its owner assesses it. */
export interface ImpactAssessment {
  /** Resources committed, in the domain budget's unit; finite, 0 or more. */
  cost: number;
  /** Effect on other domains. */
  crossDomain: 'none' | 'limited' | 'major';
  /** How long its implications last. */
  horizon: 'short' | 'medium' | 'long';
  reversibility: 'reversible' | 'partial' | 'hard';
  /** Within the domain's established guidelines. */
  followsGuidelines: boolean;
}

/** The cost limits of a domain's decision thresholds. */
export interface ThresholdPolicy {
  /** Cost up to and including this may be autonomous. */
  autonomousCostLimit: number;
  /** Cost up to and including this needs at most consultation; above it: collaborative. */
  consultativeCostLimit: number;
}

/** The tier one criterion points to, and why. */
export interface ClassificationReason {
  criterion: ClassificationCriterion;
  tier: Tier;
  message: string;
}

/** A decision's tier and one reason per criterion, in the order of `classificationCriteria`. */
export interface Classification {
  tier: Tier;
  reasons: ClassificationReason[];
}

/** A tier's rank: 0 autonomous, 1 consultative, 2 collaborative. */
export function tierRank(tier: Tier): 0 | 1 | 2 {
  return tier === 'autonomous' ? 0 : tier === 'consultative' ? 1 : 2;
}

/** Orders tiers from the least to the most demanding (negative when `a` is less demanding). */
export function compareTiers(a: Tier, b: Tier): number {
  return tierRank(a) - tierRank(b);
}

/** The most demanding of some tiers; autonomous when there are none. */
export function mostDemanding(someTiers: Iterable<Tier>): Tier {
  let rank = 0;
  for (const tier of someTiers) rank = Math.max(rank, tierRank(tier));
  return tiers[rank] ?? 'autonomous';
}

const reason = (criterion: ClassificationCriterion, tier: Tier, message: string): ClassificationReason =>
  Object.freeze({ criterion, tier, message });

const crossDomainReasons = {
  none: reason('crossDomain', 'autonomous', 'No effect on other domains'),
  limited: reason('crossDomain', 'consultative', 'Limited effect on other domains'),
  major: reason('crossDomain', 'collaborative', 'Major effect on other domains'),
};

const horizonReasons = {
  short: reason('horizon', 'autonomous', 'Short-term implications'),
  medium: reason('horizon', 'consultative', 'Medium-term implications'),
  long: reason('horizon', 'collaborative', 'Long-term implications'),
};

const reversibilityReasons = {
  reversible: reason('reversibility', 'autonomous', 'Reversible'),
  partial: reason('reversibility', 'consultative', 'Partially reversible'),
  hard: reason('reversibility', 'collaborative', 'Hard to reverse'),
};

const followsGuidelinesReason = reason('guidelines', 'autonomous', "Within the domain's established guidelines");
const beyondGuidelinesReason = reason('guidelines', 'consultative', "Beyond the domain's established guidelines");

/** A value as the end of an error message: `-1`, `"forever"`, `null`, `an object`. */
function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

function invalid(field: string, expected: string, value: unknown): Error {
  return value === undefined
    ? new Error(`${field} is required`)
    : new Error(`${field} must be ${expected} (got ${describeValue(value)})`);
}

function readAmount(value: unknown, field: string): number {
  if (typeof value !== 'number' || !(value >= 0) || value === Infinity) {
    throw invalid(field, 'a finite number of 0 or more', value);
  }
  return value;
}

function readArgument(value: unknown, name: string): Record<string, unknown> {
  if (value === undefined || value === null) throw new Error(`${name} is required`);
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(name, 'an object', value);
  return value as Record<string, unknown>;
}

/**
 * Checks a threshold policy and returns its limits: both finite, 0 or more, the autonomous
 * limit not above the consultative one. Throws an `Error` naming the field otherwise
 * (`name` prefixes the field names, "policy" by default).
 */
export function checkThresholdPolicy(policy: unknown, name = 'policy'): ThresholdPolicy {
  const fields = readArgument(policy, name);
  const autonomous = readAmount(fields.autonomousCostLimit, `${name}.autonomousCostLimit`);
  const consultative = readAmount(fields.consultativeCostLimit, `${name}.consultativeCostLimit`);
  if (autonomous > consultative) {
    throw new Error(
      `${name}.autonomousCostLimit (${formatNumber(autonomous)}) must not be above ${name}.consultativeCostLimit (${formatNumber(consultative)})`,
    );
  }
  return { autonomousCostLimit: autonomous, consultativeCostLimit: consultative };
}

/**
 * A number of 0 or more written as `formatNumber` writes it. Integers up to 2^53 (every
 * realistic cost) are grouped by hand, an order of magnitude faster than `Intl.NumberFormat`;
 * anything else goes through `formatNumber`.
 */
function formatAmountFast(value: number): string {
  if (!Number.isSafeInteger(value)) return formatNumber(value);
  if (value < 1_000) return String(value);
  const digits = String(value);
  let head = digits.length % 3;
  if (head === 0) head = 3;
  let text = digits.slice(0, head);
  for (let at = head; at < digits.length; at += 3) text += `,${digits.slice(at, at + 3)}`;
  return text;
}

// The formatted limits of the last policy classified: consecutive calls nearly always share it.
let lastAutonomous = NaN;
let lastAutonomousText = '';
let lastConsultative = NaN;
let lastConsultativeText = '';

function autonomousLimitText(limit: number): string {
  if (limit !== lastAutonomous) {
    lastAutonomous = limit;
    lastAutonomousText = formatAmountFast(limit);
  }
  return lastAutonomousText;
}

function consultativeLimitText(limit: number): string {
  if (limit !== lastConsultative) {
    lastConsultative = limit;
    lastConsultativeText = formatAmountFast(limit);
  }
  return lastConsultativeText;
}

/**
 * Classifies a decision from its impact under a domain's threshold policy: the most demanding
 * tier any criterion points to, with one reason per criterion (cost, crossDomain, horizon,
 * reversibility, guidelines). Throws an `Error` naming the field when the input is invalid.
 * The reasons of the enumerated criteria are shared between calls and frozen: copy one to change it.
 */
export function classifyDecision(impact: ImpactAssessment, policy: ThresholdPolicy): Classification {
  const fields = readArgument(impact, 'impact');
  readArgument(policy, 'policy');
  const cost = readAmount(fields.cost, 'impact.cost');

  const crossDomain = fields.crossDomain;
  const crossDomainReason =
    crossDomain === 'none' || crossDomain === 'limited' || crossDomain === 'major'
      ? crossDomainReasons[crossDomain]
      : undefined;
  if (crossDomainReason === undefined) {
    throw invalid('impact.crossDomain', 'one of none, limited, major', crossDomain);
  }

  const horizon = fields.horizon;
  const horizonReason =
    horizon === 'short' || horizon === 'medium' || horizon === 'long' ? horizonReasons[horizon] : undefined;
  if (horizonReason === undefined) throw invalid('impact.horizon', 'one of short, medium, long', horizon);

  const reversibility = fields.reversibility;
  const reversibilityReason =
    reversibility === 'reversible' || reversibility === 'partial' || reversibility === 'hard'
      ? reversibilityReasons[reversibility]
      : undefined;
  if (reversibilityReason === undefined) {
    throw invalid('impact.reversibility', 'one of reversible, partial, hard', reversibility);
  }

  const follows = fields.followsGuidelines;
  if (typeof follows !== 'boolean') throw invalid('impact.followsGuidelines', 'true or false', follows);
  const guidelinesReason = follows ? followsGuidelinesReason : beyondGuidelinesReason;

  const autonomousLimit = readAmount(policy.autonomousCostLimit, 'policy.autonomousCostLimit');
  const consultativeLimit = readAmount(policy.consultativeCostLimit, 'policy.consultativeCostLimit');
  if (autonomousLimit > consultativeLimit) checkThresholdPolicy(policy);

  let costTier: Tier;
  let costMessage: string;
  if (cost <= autonomousLimit) {
    costTier = 'autonomous';
    costMessage = `Cost ${formatAmountFast(cost)} is within the autonomous limit of ${autonomousLimitText(autonomousLimit)}`;
  } else if (cost <= consultativeLimit) {
    costTier = 'consultative';
    costMessage = `Cost ${formatAmountFast(cost)} is above the autonomous limit of ${autonomousLimitText(autonomousLimit)} and within the consultative limit of ${consultativeLimitText(consultativeLimit)}`;
  } else {
    costTier = 'collaborative';
    costMessage = `Cost ${formatAmountFast(cost)} is above the consultative limit of ${consultativeLimitText(consultativeLimit)}`;
  }

  const rank = Math.max(
    tierRank(costTier),
    tierRank(crossDomainReason.tier),
    tierRank(horizonReason.tier),
    tierRank(reversibilityReason.tier),
    tierRank(guidelinesReason.tier),
  );
  return {
    tier: rank === 0 ? 'autonomous' : rank === 1 ? 'consultative' : 'collaborative',
    reasons: [
      { criterion: 'cost', tier: costTier, message: costMessage },
      crossDomainReason,
      horizonReason,
      reversibilityReason,
      guidelinesReason,
    ],
  };
}
