/**
 * What `prepareReview` reads for one review, taken from the open workspace: the metrics
 * snapshot (renderer/metrics/metrics-snapshot.ts), each decision's words and dates, domains'
 * names, objectives and budget units, delivered items' titles, the actions of earlier reviews
 * (review-data.ts), the team's thresholds, the review's template and, for a quarterly review,
 * each live domain's track record and limits (renderer/domains/charter/progression-record.ts).
 */
import { effectivePolicy } from '@shared/domains/policy';
import type { MetricKey, MetricThresholds } from '@shared/metrics';
import type { Entity } from '@shared/model/entities';
import type { PrepareReviewInput, ReviewDecisionInfo, ReviewProgressionInput, ReviewTemplate } from '@shared/review';
import type { EntitiesByKind } from '../data/document-store';
import { limitsChangedAt, reviewedDecisionsOf } from '../domains/charter/progression-record';
import { metricsSnapshotOf } from '../metrics/metrics-snapshot';
import { actionInfoOf, earlierActions, reviewPeriod } from './review-data';

type Review = Entity<'reviews'>;

function live<T extends { deletedAt: number | null }>(map: ReadonlyMap<string, T>): T[] {
  return [...map.values()].filter((entity) => entity.deletedAt === null);
}

/** What the review lists read of a decision. */
export function decisionInfoOf(decision: Entity<'decisions'>): ReviewDecisionInfo {
  return {
    id: decision.id,
    title: decision.title,
    reviewOn: decision.reviewOn,
    reviewOutcome: decision.reviewOutcome,
    reversibility: decision.reversibility,
    implementedAt: decision.implementedAt,
    rolledBackAt: decision.rolledBackAt,
    overrideReason: decision.overrideReason,
    hypothesis: decision.hypothesis,
    adviceAsked: decision.adviceFrom.length,
    adviceReceived: Object.keys(decision.advice).length,
    escalations: Object.values(decision.escalations).map((escalation) => ({
      id: escalation.id,
      at: escalation.escalatedAt,
      fromTier: escalation.fromTier,
      toTier: escalation.toTier,
      toDomainId: escalation.toDomainId,
      reason: escalation.reason,
    })),
  };
}

/** Each live domain's track record and the limits it follows now. */
function progressionOf(entities: EntitiesByKind): ReviewProgressionInput[] {
  const domains = live(entities.domains);
  const policies = live(entities.policies);
  return domains.map((domain) => {
    const policy = effectivePolicy(domains, policies, domain.id);
    return {
      domainId: domain.id,
      limits: policy.limits,
      limitsChangedAt: limitsChangedAt(policy.policyId === null ? undefined : entities.policies.get(policy.policyId)),
      decisions: reviewedDecisionsOf(domain.id, entities.decisions.values(), domains, policies),
    };
  });
}

/** The settings of a preparation that do not come from the review itself. */
export interface ReviewInputOptions {
  now: number;
  timeZone: string;
  /** The team's thresholds (renderer/metrics/thresholds.ts). */
  thresholds: Partial<Record<MetricKey, MetricThresholds | null>>;
  /** The template's prompts, when the review uses a usable one. */
  template: ReviewTemplate | undefined;
}

/** The input of `prepareReview` for `review` in the workspace `entities`. */
export function reviewInputOf(
  entities: EntitiesByKind,
  review: Review,
  options: ReviewInputOptions,
): PrepareReviewInput {
  const { now, timeZone, thresholds, template } = options;
  const members = entities.members;
  const memberName = (id: string) => {
    const member = members.get(id);
    return member === undefined || member.deletedAt !== null ? undefined : member.name;
  };
  return {
    cadence: review.cadence,
    period: reviewPeriod(review, timeZone),
    scope: { domainId: review.domainId, includeSubdomains: review.domainId !== null && review.includeSubdomains },
    snapshot: metricsSnapshotOf({ entities }),
    decisions: live(entities.decisions).map(decisionInfoOf),
    domains: live(entities.domains).map((domain) => ({
      id: domain.id,
      name: domain.name,
      objectives: domain.objectives,
      budgetUnit: domain.budgetUnit,
    })),
    valueEntries: live(entities.valueEntries).map((entry) => ({ id: entry.id, title: entry.title })),
    previousActions: earlierActions([...entities.actions.values()], entities.reviews, review, now).map((action) =>
      actionInfoOf(action, memberName),
    ),
    reviewId: review.id,
    progression: review.cadence === 'quarterly' ? progressionOf(entities) : [],
    ...(template === undefined ? {} : { template }),
    now,
    timeZone,
    options: { thresholds },
  };
}
