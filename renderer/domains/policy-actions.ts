/**
 * Changing a threshold policy, the one way the app does it: the new limits (or "inherit"
 * again) and a history entry saying who, when, from what, to what and why are written as
 * ONE intent, so they are undone together and a peer never sees one without the other.
 *
 * A domain (or the workspace, `domainId` null) has at most one live policy record; when two
 * laptops created one at the same time, `policyFor` picks the same one on every peer and the
 * change goes there. Its history stays in that record's keyed `changes` collection, so
 * concurrent changes from two laptops are both kept.
 */
import { policyFor, type ThresholdLimits } from '@shared/domains/policy';
import type { Entity } from '@shared/model/entities';
import type { WorkspaceRepository } from '../data/repository';

/** What a person asks for: new limits, or null to inherit again, and why. */
export interface PolicyChangeRequest {
  /** The domain, or null for the workspace's default policy. */
  domainId: string | null;
  limits: ThresholdLimits | null;
  reason: string;
}

/** Who is making the change. */
export interface PolicyAuthor {
  userId: string;
  name: string;
}

/**
 * Writes the change and its history entry in one intent; throws (writing nothing) when the
 * limits or the reason are invalid, and does nothing when the limits are already those.
 * Returns whether anything was written.
 */
export function changePolicy(
  repository: WorkspaceRepository,
  policies: readonly Entity<'policies'>[],
  request: PolicyChangeRequest,
  author: PolicyAuthor,
  now: number,
): boolean {
  const to = request.limits;
  const current = policyFor(policies, request.domainId);
  const from = current ?? null;
  const fromAutonomous = from?.autonomousCostLimit ?? null;
  const fromConsultative = from?.consultativeCostLimit ?? null;
  const toAutonomous = to?.autonomousCostLimit ?? null;
  const toConsultative = to?.consultativeCostLimit ?? null;
  if (fromAutonomous === toAutonomous && fromConsultative === toConsultative) return false;
  repository.transact(() => {
    const fields = { autonomousCostLimit: toAutonomous, consultativeCostLimit: toConsultative };
    const policy = current
      ? repository.update('policies', current.id, fields)
      : repository.create('policies', { domainId: request.domainId, ...fields });
    repository.addToCollection('policies', policy.id, 'changes', {
      changedAt: now,
      changedBy: author.userId,
      changedByName: author.name,
      fromAutonomous,
      fromConsultative,
      toAutonomous,
      toConsultative,
      reason: request.reason,
    });
  });
  return true;
}
