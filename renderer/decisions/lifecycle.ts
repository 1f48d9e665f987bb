/**
 * A decision's lifecycle and safety nets (framework.md §3 "Safety nets"), as plain data:
 *
 * - statuses: draft → seeking advice / deciding together → decided → implemented →
 *   reviewed, or withdrawn, rolled back, superseded by another decision;
 * - moving to decided stamps `decidedAt` (kept from then on, also when the decision is
 *   later withdrawn or rolled back; cleared when it goes back to being prepared); moving to
 *   implemented stamps `implementedAt` the same way;
 * - a decided decision gets a review date by default: 30 days after deciding when it was
 *   autonomous, 60 when consultative, 90 when collaborative (editable afterwards);
 * - consultative and collaborative decisions need a rollback plan before they are decided;
 * - a consultative decision (advice process) needs the owner to say how the advice was
 *   weighed before it is decided;
 * - a collaborative decision (deciding together) is decided only once participants have
 *   recorded their positions and no objection stands. An objection raised after deciding
 *   does not undo the decision; it shows, and the decision can be reviewed.
 */
import type { Tier } from '@shared/decisions/classify';
import { pendingStatuses } from '@shared/domains/budget';
import type { Entity, Position } from '@shared/model/entities';

/** A decision's status. */
export type DecisionStatus = Entity<'decisions'>['status'];

/** Statuses in which a decision has been decided and is in force (its cost is committed). */
export const decidedStatuses: readonly DecisionStatus[] = ['decided', 'implemented', 'reviewed'];

/** Days from deciding to the default review date, per tier. */
export const reviewDelayDays: Record<Tier, number> = { autonomous: 30, consultative: 60, collaborative: 90 };

/** Whether a decision in `status` is still being prepared. */
export function isPending(status: DecisionStatus): boolean {
  return (pendingStatuses as readonly string[]).includes(status);
}

/** Whether a decision at `tier` needs a rollback plan before it is decided. */
export function needsRollbackPlan(tier: Tier): boolean {
  return tier !== 'autonomous';
}

/**
 * The message shown next to the rollback plan when a decision would be decided without
 * one, or null when it may be decided.
 */
export function rollbackPlanIssue(tier: Tier, status: DecisionStatus, rollbackPlan: string): string | null {
  if (!needsRollbackPlan(tier) || !decidedStatuses.includes(status) || rollbackPlan.trim() !== '') return null;
  return `A ${tier} decision needs a rollback plan before it is decided: say how it would be undone.`;
}

/**
 * The message shown next to the status when a consultative decision would be decided
 * without saying how the advice was weighed, or null when it may be decided.
 */
export function adviceWeighingIssue(tier: Tier, status: DecisionStatus, adviceWeighing: string): string | null {
  if (tier !== 'consultative' || !decidedStatuses.includes(status) || adviceWeighing.trim() !== '') return null;
  return 'A consultative decision needs to say how the advice was weighed before it is decided: write it in the Advice section.';
}

/** The positions that are objections, by participant name. */
export function openObjections(positions: Readonly<Record<string, Position>>): Position[] {
  return Object.values(positions)
    .filter((position) => position.stance === 'objection')
    .sort((a, b) => a.participantName.localeCompare(b.participantName));
}

/**
 * The message shown next to the status when a collaborative decision would move from being
 * prepared (or withdrawn…) to decided without positions or with an objection standing, or
 * null when it may be decided. A decision already decided is not refused again.
 */
export function positionsIssue(
  tier: Tier,
  previousStatus: DecisionStatus,
  status: DecisionStatus,
  positions: Readonly<Record<string, Position>>,
): string | null {
  if (tier !== 'collaborative' || !decidedStatuses.includes(status) || decidedStatuses.includes(previousStatus)) {
    return null;
  }
  if (Object.keys(positions).length === 0) {
    return "A collaborative decision is decided together: record the participants' positions first (in Deciding together).";
  }
  const objections = openObjections(positions);
  if (objections.length === 0) return null;
  const names = objections.map((position) => position.participantName).join(', ');
  return `An objection stands (${names}): it must be resolved before deciding together.`;
}

/** The calendar date `days` days after the moment `at`, where the person is, as YYYY-MM-DD. */
export function isoDateAfter(at: number, days: number): string {
  const date = new Date(at);
  date.setDate(date.getDate() + days);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The default review date of a decision at `tier` decided at `decidedAt`. */
export function defaultReviewOn(tier: Tier, decidedAt: number): string {
  return isoDateAfter(decidedAt, reviewDelayDays[tier]);
}

/** What a status change writes with the status. */
export interface StatusStamps {
  decidedAt: number | null;
  implementedAt: number | null;
  reviewOn: string | null;
}

/**
 * The dates that go with moving a decision to `status` at `now`: `decidedAt` and
 * `implementedAt` stamped the first time, cleared when it goes back to being prepared, and
 * the review date set to the tier's default when it is decided without one.
 */
export function stampsFor(status: DecisionStatus, previous: StatusStamps, tier: Tier, now: number): StatusStamps {
  if (isPending(status)) return { decidedAt: null, implementedAt: null, reviewOn: previous.reviewOn };
  const decided = decidedStatuses.includes(status);
  const decidedAt = previous.decidedAt ?? (decided ? now : null);
  const implementedAt =
    status === 'decided' ? null : (previous.implementedAt ?? (status === 'implemented' ? now : null));
  const reviewOn = previous.reviewOn ?? (decided && decidedAt !== null ? defaultReviewOn(tier, decidedAt) : null);
  return { decidedAt, implementedAt, reviewOn };
}
