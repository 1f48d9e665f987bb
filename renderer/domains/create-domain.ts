/**
 * Creating a domain, the one way the app does it: from its basics alone ("blank"), or from a
 * template (framework § 2 "Domain clarity", § 3 "Resources", § 1 "Decision thresholds").
 *
 * From a template, ONE intent writes the domain with the template's charter (responsibility,
 * objectives, guidelines, budget), its success metrics and support resources (the domain's
 * keyed collections), and its threshold policy through `changePolicy`, whose history entry
 * says the limits came from the template. So the whole start is one undo step, a peer never
 * sees a domain without its policy, and when any part is refused nothing is written.
 */
import { parentProblem } from '@shared/domains/hierarchy';
import type { DomainTemplate } from '@shared/domains/templates';
import type { Entity, EntityFields } from '@shared/model/entities';
import type { WorkspaceRepository } from '../data/repository';
import { changePolicy, type PolicyAuthor } from './policy-actions';

/** What the domain form asks for every domain. */
export type DomainBasics = Pick<EntityFields<'domains'>, 'name' | 'level' | 'parentId' | 'purpose'>;

/** A request to create a domain: its basics, and the template it starts from (null: blank). */
export interface CreateDomainRequest {
  basics: DomainBasics;
  template: DomainTemplate | null;
}

/** The reason written in the policy history when a domain's limits come from a template. */
export function templatePolicyReason(template: Pick<DomainTemplate, 'name'>): string {
  return `Started from the ${template.name} template`;
}

/**
 * Creates the domain (see the module comment) and returns it as stored. `domains` are the
 * workspace's domains, to refuse a parent that `parentProblem` refuses. Throws, writing
 * nothing, when the basics, the parent or any part of the template is refused.
 */
export function createDomain(
  repository: WorkspaceRepository,
  domains: readonly Entity<'domains'>[],
  request: CreateDomainRequest,
  author: PolicyAuthor,
  now: number,
): Entity<'domains'> {
  const { basics, template } = request;
  const problem = parentProblem(domains, null, basics.level, basics.parentId);
  if (problem !== null) throw new Error(problem);
  if (template === null) return repository.create('domains', basics);

  return repository.transact(() => {
    const { fields, budget } = template;
    const domain = repository.create('domains', {
      ...basics,
      responsibility: fields.responsibility,
      objectives: fields.objectives,
      principles: fields.principles,
      qualityStandards: fields.qualityStandards,
      riskParameters: fields.riskParameters,
      ethics: fields.ethics,
      ...(budget ? { budgetAmount: budget.amount, budgetUnit: budget.unit, budgetPeriod: budget.period } : {}),
    });
    for (const metric of template.metrics) {
      repository.addToCollection('domains', domain.id, 'metrics', {
        name: metric.name,
        unit: metric.unit,
        target: metric.target,
        direction: metric.direction,
      });
    }
    for (const resource of template.resources) {
      repository.addToCollection('domains', domain.id, 'resources', {
        kind: resource.kind,
        title: resource.title,
        link: '',
        note: resource.note,
      });
    }
    // A brand-new domain has no policy record yet, so there is none to pass.
    changePolicy(
      repository,
      [],
      { domainId: domain.id, limits: template.policy, reason: templatePolicyReason(template) },
      author,
      now,
    );
    // Re-read: adding to collections bumped `updatedAt` and filled them.
    return repository.get('domains', domain.id) ?? domain;
  });
}
