/**
 * What the metrics engine (`shared/metrics`) reads of the open workspace: its live records
 * as plain snapshots, and the learnings recorded in closed reviews. Each decision carries the
 * tier it was made at (the chosen tier, else its classification with its domain's limits),
 * whether that was an override, how often it was escalated, and its handoffs: the other
 * domains it asked for advice (asked, or advice recorded for them) and, for a collaborative
 * decision that affects other domains, one joint decision with them.
 */
import type { MetricsDecision, MetricsSnapshot, MetricsSuccessMetric, MetricsMetricValue } from '@shared/metrics';
import type { Entity } from '@shared/model/entities';
import type { DocumentState } from '../data/document-store';
import { classifyForLog, limitsResolver } from '../decisions/log/log-index';
import { reviewLearningsOf } from '../reviews/review-data';

type Decision = Entity<'decisions'>;

/** The other domains a decision involved for advice: asked, or advice recorded for them. */
function adviceDomains(decision: Decision, domains: DocumentState['entities']['domains']): number {
  const others = new Set<string>();
  for (const id of decision.adviceFrom) if (domains.has(id) && id !== decision.domainId) others.add(id);
  for (const item of Object.values(decision.advice)) {
    if (item.fromDomainId !== null && item.fromDomainId !== decision.domainId) others.add(item.fromDomainId);
  }
  return others.size;
}

/** The engine's reading of one decision, with its tier from `limitsOf`. */
export function metricsDecisionOf(
  decision: Decision,
  limitsOf: ReturnType<typeof limitsResolver>,
  domains: DocumentState['entities']['domains'],
): MetricsDecision {
  const { tier, override } = classifyForLog(decision, limitsOf(decision.domainId));
  return {
    id: decision.id,
    domainId: decision.domainId,
    kind: decision.kind,
    tier,
    override,
    status: decision.status,
    proposedAt: decision.proposedAt ?? decision.createdAt,
    decidedAt: decision.decidedAt,
    cost: decision.cost,
    escalationCount: Object.keys(decision.escalations).length,
    adviceFromOtherDomains: adviceDomains(decision, domains),
    jointWithOtherDomains: tier === 'collaborative' && decision.crossDomain !== 'none' ? 1 : 0,
    reviewedAt: decision.reviewOutcome === null ? null : (decision.reviewedAt ?? decision.updatedAt),
    lessons: decision.lessons,
    startOn: decision.startOn,
    endOn: decision.endOn,
    result: decision.result,
  };
}

function live<T extends { deletedAt: number | null }>(map: ReadonlyMap<string, T>): T[] {
  return [...map.values()].filter((entity) => entity.deletedAt === null);
}

/** The workspace as the metrics engine reads it: live records only. */
export function metricsSnapshotOf(state: Pick<DocumentState, 'entities'>): MetricsSnapshot {
  const { domains, decisions, policies, valueEntries, pulseChecks, reviews, anonymousReviewNotes } = state.entities;
  const limitsOf = limitsResolver(domains, policies);
  const liveDomains = live(domains);
  const successMetrics: MetricsSuccessMetric[] = [];
  const metricValues: MetricsMetricValue[] = [];
  for (const domain of liveDomains) {
    for (const metric of Object.values(domain.metrics)) {
      successMetrics.push({ ...metric, domainId: domain.id });
    }
    for (const value of Object.values(domain.metricValues)) {
      if (domain.metrics[value.metricId] !== undefined) metricValues.push(value);
    }
  }
  return {
    decisions: live(decisions).map((decision) => metricsDecisionOf(decision, limitsOf, domains)),
    valueEntries: live(valueEntries).map((entry) => ({
      id: entry.id,
      domainId: entry.domainId,
      startedOn: entry.startedOn,
      deliveredOn: entry.deliveredOn,
      satisfaction: entry.satisfaction,
      defects: entry.defects,
    })),
    pulses: live(pulseChecks).map((pulse) => ({
      periodStart: pulse.periodStart,
      domainId: pulse.domainId,
      satisfaction: pulse.satisfaction,
      stress: pulse.stress,
      collaboration: pulse.collaboration,
      trust: pulse.trust,
    })),
    // The items closed reviews discussed (renderer/reviews/review-data.ts).
    reviewLearnings: reviewLearningsOf(reviews.values(), [...anonymousReviewNotes.values()]),
    budgets: liveDomains.map((domain) => ({
      domainId: domain.id,
      amount: domain.budgetAmount,
      period: domain.budgetPeriod,
    })),
    successMetrics,
    metricValues,
    domains: liveDomains.map((domain) => ({ id: domain.id, parentId: domain.parentId })),
  };
}
