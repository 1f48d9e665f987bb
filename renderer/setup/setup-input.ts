/**
 * What the guided setup reads of a workspace (`SetupInput` of the setup-guide engine),
 * gathered from the live entities of the open document, and which domain the "define
 * decision thresholds" step should send a person to.
 */
import { flattenDomainTree, domainTree } from '@shared/domains/hierarchy';
import { effectivePolicy } from '@shared/domains/policy';
import type { SetupInput } from '@shared/domains/setup-guide';
import type { Entity } from '@shared/model/entities';

/** The live entities the guided setup looks at. */
export interface SetupSource {
  domains: readonly Entity<'domains'>[];
  policies: readonly Entity<'policies'>[];
  decisionCount: number;
  reviewCount: number;
  pulseCheckCount: number;
}

/**
 * The engine's input. A threshold change counts as an adjustment when the limits it
 * changed had been set before: the change that first sets a policy's limits (from a
 * template, or by hand) is the "define thresholds" step, not an adjustment.
 */
export function setupInputOf(source: SetupSource): SetupInput {
  const policyChangeCount = source.policies
    .filter((policy) => policy.deletedAt === null)
    .flatMap((policy) => Object.values(policy.changes))
    .filter((change) => change.fromAutonomous !== null || change.fromConsultative !== null).length;
  return {
    domains: source.domains,
    policies: source.policies,
    decisionCount: source.decisionCount,
    reviewCount: source.reviewCount,
    pulseCheckCount: source.pulseCheckCount,
    policyChangeCount,
  };
}

/**
 * The domain whose page the thresholds step links to: the first live domain (in the order
 * the domain list shows them) without limits of its own, else the first domain; null when
 * there is none.
 */
export function domainNeedingThresholds(
  domains: readonly Entity<'domains'>[],
  policies: readonly Entity<'policies'>[],
): Entity<'domains'> | null {
  const ordered = flattenDomainTree(domainTree(domains)).map((node) => node.domain);
  const withoutOwn = ordered.find((domain) => effectivePolicy(domains, policies, domain.id).source.kind !== 'own');
  return withoutOwn ?? ordered[0] ?? null;
}
