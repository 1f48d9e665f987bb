/**
 * A domain's track record for progressive autonomy (framework.md §6.3, issue "Decisions",
 * deliverable 7), as plain data: the domain's live reviewed decisions mapped to what the
 * shared `suggestThresholds` engine reads, and the reason written into the threshold history
 * when a suggestion is accepted.
 */
import type { ProgressionEvidence, ReviewedDecision, ThresholdSuggestion } from '@shared/decisions/progression';
import { formatNumber } from '@shared/domains/format';
import type { Entity } from '@shared/model/entities';
import { classifyRecord } from '../../decisions/classification';

/**
 * The live decisions of `domainId` whose outcome was reviewed, as the engine reads them:
 * the effective tier and the override from the decision's classification, the outcome,
 * whether it was rolled back, and when it was reviewed.
 */
export function reviewedDecisionsOf(
  domainId: string,
  decisions: Iterable<Entity<'decisions'>>,
  domains: readonly Entity<'domains'>[],
  policies: readonly Entity<'policies'>[],
): ReviewedDecision[] {
  const reviewed: ReviewedDecision[] = [];
  for (const decision of decisions) {
    if (decision.deletedAt !== null || decision.domainId !== domainId || decision.reviewOutcome === null) continue;
    const { tier, override } = classifyRecord(decision, domains, policies);
    reviewed.push({
      id: decision.id,
      tier,
      cost: decision.cost,
      outcome: decision.reviewOutcome,
      rolledBack: decision.rolledBackAt !== null,
      overridden: override,
      escalated: Object.keys(decision.escalations).length > 0,
      // Reviews recorded before `reviewedAt` existed: the last change is the closest (recording
      // the review is a change), with the decision date as a fallback.
      reviewedAt: decision.reviewedAt ?? (decision.updatedAt || (decision.decidedAt ?? 0)),
    });
  }
  return reviewed;
}

/**
 * When the limits a domain follows last changed: the latest change in the history of the
 * policy they come from (its creation when it has none), or null for the built-in limits.
 */
export function limitsChangedAt(policy: Entity<'policies'> | undefined): number | null {
  if (policy === undefined) return null;
  const changes = Object.values(policy.changes).map((change) => change.changedAt);
  return changes.length === 0 ? policy.createdAt : Math.max(...changes);
}

/** "none rolled back" / "1 rolled back". */
function rolledBack(evidence: ProgressionEvidence): string {
  return evidence.rollbacks === 0 ? 'none rolled back' : `${formatNumber(evidence.rollbacks)} rolled back`;
}

/**
 * The reason kept in the threshold history when a suggestion is accepted, e.g.
 * "Progressive autonomy: 7 of 8 reviewed decisions worked, none rolled back".
 */
export function acceptanceReason(suggestion: ThresholdSuggestion): string {
  const { evidence } = suggestion;
  const of = `${formatNumber(evidence.worked)} of ${formatNumber(evidence.count)}`;
  const noun = evidence.count === 1 ? 'reviewed decision' : 'reviewed decisions';
  if (suggestion.direction === 'lower') {
    return `Progressive autonomy: ${formatNumber(evidence.setbacks)} of ${formatNumber(evidence.count)} ${noun} failed or were rolled back`;
  }
  return `Progressive autonomy: ${of} ${noun} worked, ${rolledBack(evidence)}`;
}
