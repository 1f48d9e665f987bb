/**
 * How entities are named on screen: the word for each kind, and the field that names an
 * entity of that kind.
 */
import { metricDefinitions } from '@shared/metrics';
import type { AnyEntity, Entity, EntityKind } from '@shared/model/entities';

/** The singular word for one entity of each kind. */
export const kindLabels: Record<EntityKind, string> = {
  domains: 'Domain',
  decisions: 'Decision',
  experiments: 'Experiment',
  reviews: 'Review',
  pulseChecks: 'Pulse check',
  valueEntries: 'Delivered item',
  actions: 'Action',
  policies: 'Threshold policy',
  members: 'Member',
  metricThresholds: 'Metric thresholds',
  reviewTemplates: 'Review template',
  anonymousReviewNotes: 'Anonymous note in a review',
};

/**
 * What a person calls this entity. A threshold policy has no name of its own: it is named
 * after its domain, found with `domainName` (the domain's id when it cannot be found).
 */
export function entityName(
  entity: AnyEntity,
  domainName: (id: string) => string | undefined = () => undefined,
): string {
  if ('autonomousCostLimit' in entity) {
    return entity.domainId === null
      ? 'Workspace thresholds'
      : `Thresholds of ${domainName(entity.domainId) ?? entity.domainId}`;
  }
  if ('metric' in entity) return `Thresholds of ${metricDefinitions[entity.metric].name}`;
  if ('name' in entity && typeof entity.name === 'string') return entity.name;
  // An anonymous note of a review: its text, cut to a title's length.
  if ('text' in entity && typeof entity.text === 'string') {
    return entity.text.length > 80 ? `${entity.text.slice(0, 79)}…` : entity.text;
  }
  if ('title' in entity && typeof entity.title === 'string') return entity.title;
  if ('periodStart' in entity && typeof entity.periodStart === 'string') return `Pulse of ${entity.periodStart}`;
  return entity.id;
}

/** How each status of a decision reads. */
export const decisionStatusLabels: Record<Entity<'decisions'>['status'], string> = {
  draft: 'Draft',
  'seeking-advice': 'Seeking advice',
  'deciding-together': 'Deciding together',
  decided: 'Decided',
  implemented: 'Implemented',
  reviewed: 'Reviewed',
  withdrawn: 'Withdrawn',
  'rolled-back': 'Rolled back',
  superseded: 'Superseded',
};
