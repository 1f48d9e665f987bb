/**
 * Decision thresholds (framework.md § 1 "Decision Thresholds"): below the autonomous cost
 * limit a person decides alone, up to the consultative limit they seek advice and decide,
 * above it they decide together. Limits are set per domain by a policy record; the
 * workspace has a default policy (`domainId` null); a policy with both limits null
 * "inherits".
 *
 * The limits that apply to a domain (`effectivePolicy`) are found by walking up: the
 * domain's own policy, then its parent's, and so on up to the root, then the workspace
 * default, then `DEFAULT_LIMITS`. The first usable override wins. The walk follows the
 * parents the domain tree shows (`placeDomains`), so a domain whose parent is in the trash
 * or that sits on a cycle inherits straight from the workspace, as the tree suggests.
 *
 * Peer data is not trusted: two laptops can each create a domain's policy at once (then
 * `policyFor` keeps the most recently updated, ties by id, so every laptop picks the same
 * record), and a merge of two edits can hold an autonomous limit above the consultative one
 * or only one of the two limits. Such a record is skipped (the walk goes on) and reported
 * in `problem`, so the app still classifies decisions and shows what to fix.
 */
import { formatNumber } from './format';
import { placeDomains, type HierarchyDomain } from './hierarchy';
import { compareIds } from './order';

/** The two cost limits that separate autonomous, consultative and collaborative decisions. */
export interface ThresholdLimits {
  autonomousCostLimit: number;
  consultativeCostLimit: number;
}

/** The limits used when neither a domain, its parents nor the workspace set any. */
export const DEFAULT_LIMITS: Readonly<ThresholdLimits> = Object.freeze({
  autonomousCostLimit: 1_000,
  consultativeCostLimit: 10_000,
});

/**
 * The workspace default a new personal workspace starts with: one person's decisions are
 * mostly theirs alone, so the autonomous limit is higher; advice is sought above it, and
 * what is large enough to affect others is still decided together.
 */
export const PERSONAL_DEFAULT_LIMITS: Readonly<ThresholdLimits> = Object.freeze({
  autonomousCostLimit: 5_000,
  consultativeCostLimit: 50_000,
});

/** One recorded change of a policy's limits (null limits: inheriting). */
export interface PolicyChange {
  id: string;
  changedAt: number;
  changedBy: string;
  changedByName: string;
  fromAutonomous: number | null;
  fromConsultative: number | null;
  toAutonomous: number | null;
  toConsultative: number | null;
  reason: string;
}

/** A policy record: a domain's (or, with `domainId` null, the workspace's) limits; both null = inherits. */
export interface PolicyRecord {
  id: string;
  domainId: string | null;
  autonomousCostLimit: number | null;
  consultativeCostLimit: number | null;
  updatedAt: number;
  deletedAt: number | null;
  changes?: Readonly<Record<string, PolicyChange>>;
}

/** Where the limits that apply come from. */
export type PolicySource =
  { kind: 'own' } | { kind: 'inherited'; fromDomainId: string } | { kind: 'workspace' } | { kind: 'default' };

/** The limits that apply to a domain, where they come from, and the nearest unusable override if any. */
export interface EffectivePolicy {
  limits: ThresholdLimits;
  source: PolicySource;
  /** The policy record the limits come from; null for the built-in defaults. */
  policyId: string | null;
  /** One sentence about the nearest stored override that had to be skipped, or null. */
  problem: string | null;
}

/** The limit fields a person fills in. */
export type LimitField = keyof ThresholdLimits;

/** The outcome of checking limits typed in a form: the limits, or one sentence per field. */
export type LimitsValidation =
  { ok: true; limits: ThresholdLimits } | { ok: false; errors: Partial<Record<LimitField, string>> };

type PolicyIdentity = Pick<PolicyRecord, 'id' | 'domainId' | 'updatedAt' | 'deletedAt'>;
type PolicyLimits = PolicyIdentity & Pick<PolicyRecord, 'autonomousCostLimit' | 'consultativeCostLimit'>;
type PolicyDomain = Pick<HierarchyDomain, 'id' | 'parentId' | 'name' | 'deletedAt'>;

const fieldLabels: Record<LimitField, string> = {
  autonomousCostLimit: 'autonomous limit',
  consultativeCostLimit: 'consultative limit',
};

/**
 * The live policy record of a domain (of the workspace when `domainId` is null), or null.
 * Of several live records, the one updated last; equal times go to the greatest id.
 */
export function policyFor<P extends PolicyIdentity>(policies: readonly P[], domainId: string | null): P | null {
  let chosen: P | null = null;
  for (const policy of policies) {
    if (policy.deletedAt !== null || policy.domainId !== domainId) continue;
    if (
      chosen === null ||
      policy.updatedAt > chosen.updatedAt ||
      (policy.updatedAt === chosen.updatedAt && compareIds(policy.id, chosen.id) > 0)
    ) {
      chosen = policy;
    }
  }
  return chosen;
}

/** Whether a stored record overrides, inherits, or cannot be used (and why, as the end of a sentence). */
function readStoredLimits(
  policy: PolicyLimits,
): { kind: 'inherits' } | { kind: 'override'; limits: ThresholdLimits } | { kind: 'unusable'; why: string } {
  const { autonomousCostLimit: autonomous, consultativeCostLimit: consultative } = policy;
  if (autonomous === null && consultative === null) return { kind: 'inherits' };
  if (autonomous === null || consultative === null) {
    return { kind: 'unusable', why: `has only its ${autonomous === null ? 'consultative' : 'autonomous'} limit set` };
  }
  if (!isLimit(autonomous) || !isLimit(consultative)) {
    return { kind: 'unusable', why: 'has a limit that is not a number of 0 or more' };
  }
  if (autonomous > consultative) {
    return {
      kind: 'unusable',
      why: `has an autonomous limit (${formatNumber(autonomous)}) above its consultative limit (${formatNumber(consultative)})`,
    };
  }
  return { kind: 'override', limits: { autonomousCostLimit: autonomous, consultativeCostLimit: consultative } };
}

function isLimit(value: number): boolean {
  return Number.isFinite(value) && value >= 0;
}

/** The domains whose policies apply to `domainId`, nearest first: itself, then its shown parents. */
function inheritanceChain(domains: readonly PolicyDomain[], domainId: string): string[] {
  const placements = placeDomains(domains);
  const chain = [domainId];
  let parentId = placements.get(domainId)?.parentId ?? null;
  if (!placements.has(domainId)) {
    // A domain in the trash (or unknown) is not placed; it still inherits from a live parent.
    const own = domains.find((domain) => domain.id === domainId);
    parentId = own !== undefined && own.parentId !== null && placements.has(own.parentId) ? own.parentId : null;
  }
  // Placed parents never form a cycle, so this walk ends.
  while (parentId !== null) {
    chain.push(parentId);
    parentId = placements.get(parentId)?.parentId ?? null;
  }
  return chain;
}

/**
 * The limits that apply to a domain (to workspace-level decisions when `domainId` is null):
 * its own usable override, else the nearest ancestor's, else the workspace default, else
 * `DEFAULT_LIMITS`.
 */
export function effectivePolicy(
  domains: readonly PolicyDomain[],
  policies: readonly PolicyLimits[],
  domainId: string | null,
): EffectivePolicy {
  const steps: (string | null)[] = domainId === null ? [null] : [...inheritanceChain(domains, domainId), null];
  let problem: string | null = null;
  for (const stepId of steps) {
    const policy = policyFor(policies, stepId);
    if (policy === null) continue;
    const read = readStoredLimits(policy);
    if (read.kind === 'inherits') continue;
    if (read.kind === 'unusable') {
      problem ??= `${policyOwner(domains, stepId)} ${read.why}, so it is ignored until someone fixes it.`;
      continue;
    }
    const source: PolicySource =
      stepId === null
        ? { kind: 'workspace' }
        : stepId === domainId
          ? { kind: 'own' }
          : { kind: 'inherited', fromDomainId: stepId };
    return { limits: read.limits, source, policyId: policy.id, problem };
  }
  return { limits: { ...DEFAULT_LIMITS }, source: { kind: 'default' }, policyId: null, problem };
}

function policyOwner(domains: readonly PolicyDomain[], domainId: string | null): string {
  if (domainId === null) return 'The workspace default policy';
  const name = domains.find((domain) => domain.id === domainId)?.name;
  return name === undefined ? 'A domain policy' : `The policy of ${name}`;
}

/** Reads one limit typed in a form: a number (or a plain decimal string) of 0 or more. */
function readLimit(value: unknown, label: string): { value: number } | { error: string } {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    return { error: `Enter the ${label}.` };
  }
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())
        ? Number(value)
        : NaN;
  if (Number.isNaN(number)) return { error: `The ${label} must be a number.` };
  if (!Number.isFinite(number)) return { error: `The ${label} must be a finite number.` };
  if (number < 0) return { error: `The ${label} must not be negative.` };
  return { value: number === 0 ? 0 : number };
}

/**
 * Checks limits typed in the policy form: both required, finite, 0 or more, and the
 * autonomous limit not above the consultative one. Each problem is one sentence naming its field.
 */
export function validateLimits(input: {
  autonomousCostLimit: unknown;
  consultativeCostLimit: unknown;
}): LimitsValidation {
  const autonomous = readLimit(input.autonomousCostLimit, fieldLabels.autonomousCostLimit);
  const consultative = readLimit(input.consultativeCostLimit, fieldLabels.consultativeCostLimit);
  const errors: Partial<Record<LimitField, string>> = {};
  if ('error' in autonomous) errors.autonomousCostLimit = autonomous.error;
  if ('error' in consultative) errors.consultativeCostLimit = consultative.error;
  if ('value' in autonomous && 'value' in consultative) {
    if (autonomous.value <= consultative.value) {
      return { ok: true, limits: { autonomousCostLimit: autonomous.value, consultativeCostLimit: consultative.value } };
    }
    errors.autonomousCostLimit = `The autonomous limit must not be above the consultative limit (${formatNumber(consultative.value)}).`;
  }
  return { ok: false, errors };
}

/**
 * Every recorded change of a domain's policy (the workspace's when `domainId` is null),
 * from all its records including those in the trash, newest first; equal times by id.
 */
export function policyHistory<C extends PolicyChange>(
  policies: readonly { domainId: string | null; changes?: Readonly<Record<string, C>> }[],
  domainId: string | null,
): C[] {
  return policies
    .filter((policy) => policy.domainId === domainId)
    .flatMap((policy) => Object.values(policy.changes ?? {}))
    .sort((a, b) => b.changedAt - a.changedAt || compareIds(a.id, b.id));
}

type ChangeLimits = Pick<PolicyChange, 'fromAutonomous' | 'fromConsultative' | 'toAutonomous' | 'toConsultative'>;

function formatLimit(value: number | null): string {
  return value === null ? 'not set' : formatNumber(value);
}

function bothLimits(autonomous: number | null, consultative: number | null): string {
  return `autonomous limit ${formatLimit(autonomous)}, consultative limit ${formatLimit(consultative)}`;
}

/**
 * One line saying what a policy change did, e.g. "Autonomous limit 1,000 → 2,000;
 * consultative limit unchanged (10,000)", "Started overriding: …" or "Back to inheriting …".
 */
export function describeChange(change: ChangeLimits): string {
  const wasInheriting = change.fromAutonomous === null && change.fromConsultative === null;
  const isInheriting = change.toAutonomous === null && change.toConsultative === null;
  if (wasInheriting && isInheriting) return 'Still inheriting';
  if (wasInheriting) return `Started overriding: ${bothLimits(change.toAutonomous, change.toConsultative)}`;
  if (isInheriting) return `Back to inheriting (was ${bothLimits(change.fromAutonomous, change.fromConsultative)})`;
  const part = (label: string, from: number | null, to: number | null): string =>
    from === to ? `${label} unchanged (${formatLimit(to)})` : `${label} ${formatLimit(from)} → ${formatLimit(to)}`;
  const text = [
    part('autonomous limit', change.fromAutonomous, change.toAutonomous),
    part('consultative limit', change.fromConsultative, change.toConsultative),
  ].join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
