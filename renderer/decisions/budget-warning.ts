/**
 * The warning a decision form shows before a decision would take its domain's budget
 * over (issue "Domains", budget envelope): the domain's envelope for the period the
 * decision falls in, without the decision's own earlier cost when it is being edited.
 */
import { budgetEnvelope, checkBudget, committingStatuses } from '@shared/domains/budget';
import type { Entity } from '@shared/model/entities';

/** What the form knows about the decision being written. */
export interface DecisionDraft {
  /** The decision's id when editing, so its stored cost is not counted twice. */
  id: string | null;
  domainId: string | null;
  cost: number | null;
  status: Entity<'decisions'>['status'];
}

/** Whether a decision in this status commits its cost to the budget. */
export function commitsBudget(status: Entity<'decisions'>['status']): boolean {
  return (committingStatuses as readonly string[]).includes(status);
}

/**
 * A sentence warning that the draft would exceed its domain's budget, or null. Only a
 * draft that commits its cost (decided, implemented, reviewed) is checked; a proposal
 * still being prepared only counts as pending.
 */
export function budgetWarningFor(
  draft: DecisionDraft,
  domains: readonly Entity<'domains'>[],
  decisions: readonly Entity<'decisions'>[],
  at: number,
  timeZone: string,
): string | null {
  if (draft.domainId === null || draft.cost === null || draft.cost <= 0 || !commitsBudget(draft.status)) return null;
  const domain = domains.find((candidate) => candidate.id === draft.domainId);
  if (domain === undefined || domain.budgetAmount === null) return null;
  const envelope = budgetEnvelope({
    budget: { amount: domain.budgetAmount, unit: domain.budgetUnit, period: domain.budgetPeriod },
    decisions: decisions.filter((decision) => decision.id !== draft.id),
    domainId: domain.id,
    at,
    timeZone,
  });
  return checkBudget(envelope, draft.cost, domain.name);
}
