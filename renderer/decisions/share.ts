/**
 * Sharing a personal decision into a team workspace (issue 5 "personal decisions"): the team
 * workspace gets a COPY of that one decision, and nothing else of the personal workspace
 * leaves the device. The copy keeps the record, impact, chosen tier, status and dates, safety
 * nets, experiment, advice and positions; it drops what only means something in the personal
 * workspace (its domain, owner, the domains and people asked for advice, its successor,
 * escalations and links), and links back to the original ("shared from"), which links to
 * the copy ("shared to").
 */
import { entityFieldSchemas, type Entity } from '@shared/model/entities';
import type { EntityFieldsInput, WorkspaceRepository } from '../data/repository';

type Decision = Entity<'decisions'>;

const fieldNames = Object.keys(entityFieldSchemas.decisions.shape) as (keyof EntityFieldsInput<'decisions'>)[];

/** The fields of the copy: the original's, without what points into the personal workspace. */
export function sharedCopyFields(decision: Decision): EntityFieldsInput<'decisions'> {
  const fields = Object.fromEntries(fieldNames.map((name) => [name, decision[name]])) as EntityFieldsInput<'decisions'>;
  return { ...fields, domainId: null, ownerId: null, adviceFrom: [], supersededById: null };
}

/**
 * Writes the copy with `target` (the team workspace's repository, inside one intent) and
 * returns it; then `linkOriginal` records the link on the original.
 */
export function writeSharedCopy(target: WorkspaceRepository, decision: Decision, fromWorkspaceId: string): Decision {
  const copy = target.create('decisions', sharedCopyFields(decision));
  for (const item of Object.values(decision.advice)) {
    target.addToCollection('decisions', copy.id, 'advice', { ...item, fromDomainId: null });
  }
  for (const item of Object.values(decision.positions)) {
    target.addToCollection('decisions', copy.id, 'positions', item);
  }
  target.addToCollection('decisions', copy.id, 'links', {
    relation: 'shared-from',
    decisionId: decision.id,
    workspaceId: fromWorkspaceId,
    title: decision.title,
    createdAt: copy.createdAt,
  });
  return copy;
}

/** Records on the original that it was shared, linking to its copy (made when the copy was). */
export function linkOriginal(
  source: WorkspaceRepository,
  decision: Decision,
  copy: Decision,
  toWorkspaceId: string,
): void {
  source.addToCollection('decisions', decision.id, 'links', {
    relation: 'shared-to',
    decisionId: copy.id,
    workspaceId: toWorkspaceId,
    title: copy.title,
    createdAt: copy.createdAt,
  });
}
