/**
 * How a decision is classified on its page and in its forms (framework.md §1 "Levels of
 * autonomy" and "Decision thresholds"), as plain data in and out:
 *
 * - the classification is the shared `classifyDecision` applied to the decision's impact
 *   with the limits that apply to its domain (`effectivePolicy`: the domain's own, an
 *   ancestor's, the workspace's or the built-in ones); a decision not yet costed counts as
 *   costing 0;
 * - the effective tier is the chosen tier when one is set, else the classification's; a
 *   chosen tier less demanding than the classification's is an override (it needs a
 *   written reason, and is marked wherever the decision appears);
 * - the category (one of the framework's twelve kinds of decision) suggests the level of
 *   autonomy that should own it — individual, team or domain, four kinds each — and a
 *   decision whose domain sits at a lower level than that is flagged as recorded below its
 *   level. A decision without a domain (a workspace-level decision) is never flagged.
 */
import { classifyDecision, tierRank, type Classification, type Tier } from '@shared/decisions/classify';
import { effectivePolicy, type EffectivePolicy } from '@shared/domains/policy';
import { type decisionCategories, type Entity } from '@shared/model/entities';

/** One of the framework's kinds of decision (§1 levels of autonomy). */
export type DecisionCategory = (typeof decisionCategories)[number];

/** A level of autonomy, from the least to the most encompassing. */
export type AutonomyLevel = Entity<'domains'>['level'];

const levelRanks: Record<AutonomyLevel, number> = { individual: 0, team: 1, domain: 2 };

/** How each level reads. */
export const autonomyLevelLabels: Record<AutonomyLevel, string> = {
  individual: 'Individual',
  team: 'Team',
  domain: 'Domain',
};

/**
 * The level that should own each kind of decision (framework §1): the first four are
 * individual, the next four team, the last four domain, as `decisionCategories` lists them.
 */
export const categoryLevels: Record<DecisionCategory, AutonomyLevel> = {
  'personal-work-organisation': 'individual',
  'task-prioritisation': 'individual',
  'learning-and-development': 'individual',
  'direct-user-interactions': 'individual',
  'resource-allocation-within-budget': 'team',
  'process-improvements': 'team',
  'technical-decisions': 'team',
  'local-experiments': 'team',
  'strategic-initiatives': 'domain',
  'resource-distribution': 'domain',
  'cross-team-coordination': 'domain',
  'major-experiments': 'domain',
};

/** Each category in plain words. */
export const categoryLabels: Record<DecisionCategory, string> = {
  'personal-work-organisation': 'Personal work organisation',
  'task-prioritisation': 'Task prioritisation',
  'learning-and-development': 'Learning and development',
  'direct-user-interactions': 'Direct user interactions',
  'resource-allocation-within-budget': 'Resource allocation within budget',
  'process-improvements': 'Process improvements',
  'technical-decisions': 'Technical decisions',
  'local-experiments': 'Local experiments',
  'strategic-initiatives': 'Strategic initiatives',
  'resource-distribution': 'Resource distribution',
  'cross-team-coordination': 'Cross-team coordination',
  'major-experiments': 'Major experiments',
};

/** How each tier reads. */
export const tierLabels: Record<Tier, string> = {
  autonomous: 'Autonomous',
  consultative: 'Consultative',
  collaborative: 'Collaborative',
};

/** What each tier means for the people deciding. */
export const tierMeanings: Record<Tier, string> = {
  autonomous: 'Decide alone.',
  consultative: 'Seek advice, then decide.',
  collaborative: 'Decide together.',
};

/** What the classification reads of a decision. */
export type ClassifiedFields = Pick<
  Entity<'decisions'>,
  'domainId' | 'cost' | 'crossDomain' | 'horizon' | 'reversibility' | 'followsGuidelines' | 'chosenTier' | 'category'
>;

/** A decision's classification and what follows from it. */
export interface DecisionClassification {
  /** The shared engine's tier and one reason per criterion. */
  classification: Classification;
  /** The limits used and where they come from. */
  policy: EffectivePolicy;
  /** The tier the decision is made at: the chosen one, else the classification's. */
  tier: Tier;
  /** Whether the chosen tier is less demanding than the classification's. */
  override: boolean;
  /** The level the category suggests should own it; null without a category. */
  suggestedLevel: AutonomyLevel | null;
  /** The level of the decision's domain; null without a (known) domain. */
  domainLevel: AutonomyLevel | null;
  /** Whether the domain sits at a lower level than the category suggests. */
  belowLevel: boolean;
}

/** Whether `chosen` is less demanding than `classified` (an override). */
export function isOverride(chosen: Tier | null, classified: Tier): boolean {
  return chosen !== null && tierRank(chosen) < tierRank(classified);
}

/** The suggested level of a category, and whether a domain at `domainLevel` sits below it. */
export function categoryFit(
  category: DecisionCategory | null,
  domainLevel: AutonomyLevel | null,
): { suggestedLevel: AutonomyLevel | null; belowLevel: boolean } {
  const suggestedLevel = category === null ? null : categoryLevels[category];
  const belowLevel =
    suggestedLevel !== null && domainLevel !== null && levelRanks[domainLevel] < levelRanks[suggestedLevel];
  return { suggestedLevel, belowLevel };
}

/**
 * Classifies a decision (saved or being edited) with its domain's limits. `domains` and
 * `policies` are the workspace's (those in the trash included: the policy walk skips them).
 */
export function classifyRecord(
  decision: ClassifiedFields,
  domains: readonly Entity<'domains'>[],
  policies: readonly Entity<'policies'>[],
): DecisionClassification {
  const policy = effectivePolicy(domains, policies, decision.domainId);
  const classification = classifyDecision(
    {
      cost: decision.cost ?? 0,
      crossDomain: decision.crossDomain,
      horizon: decision.horizon,
      reversibility: decision.reversibility,
      followsGuidelines: decision.followsGuidelines,
    },
    policy.limits,
  );
  const domain =
    decision.domainId === null ? undefined : domains.find((candidate) => candidate.id === decision.domainId);
  const domainLevel = domain?.level ?? null;
  return {
    classification,
    policy,
    tier: decision.chosenTier ?? classification.tier,
    override: isOverride(decision.chosenTier, classification.tier),
    domainLevel,
    ...categoryFit(decision.category, domainLevel),
  };
}
