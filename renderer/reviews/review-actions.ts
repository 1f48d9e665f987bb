/**
 * Every change a review makes to the workspace, each one user intent (one transaction, one
 * undo step) through the repository: creating and running a review, notes, groups, dot votes,
 * check-ins, actions, templates, and turning a learning into a draft decision.
 *
 * Notes, groups, votes and check-ins are items of the review's keyed collections, so people
 * adding them at once on their own laptops all keep theirs. A person's votes on one item are
 * one item under `voteKey(person, item)`; taking the last one back removes it.
 *
 * An anonymous note is not an item of the review: it is an `anonymousReviewNotes` entity,
 * written by a throwaway Yjs client (`createAnonymous`), so that no Yjs item of it carries the
 * author's client id (which presence maps to a name). The screens read it among the review's
 * notes (review-data.ts `withAnonymousNotes`), and grouping, voting and removing work on it
 * alike: a note's group is set where the note is stored, and removing an anonymous note moves
 * its entity to the trash (entities are never removed for good). So the functions that look
 * at a review's notes (removing a group, moving a note) take the review as the screens read
 * it, with its anonymous notes.
 */
import {
  addVote,
  checkReviewTemplate,
  removeVote,
  reviewPhases,
  type ReviewCadence,
  type ReviewPhase,
  type ReviewTopicChange,
  type ReviewTopicId,
  type VoteMap,
} from '@shared/review';
import type { Entity } from '@shared/model/entities';
import type { EntityCreateInput, WorkspaceRepository } from '../data/repository';
import type { ReviewPerson } from './person';

type Review = Entity<'reviews'>;

/** The longest a title written from a note may be. */
const TITLE_LENGTH = 200;

/** The first line of a text, cut to a title's length. */
export function titleFrom(text: string, prefix = ''): string {
  const line = text.split('\n').find((part) => part.trim() !== '') ?? text;
  const title = `${prefix}${line.replace(/\s+/g, ' ').trim()}`;
  return title.length <= TITLE_LENGTH ? title : `${title.slice(0, TITLE_LENGTH - 1)}…`;
}

/** Creates a review; returns it. */
export function createReview(repository: WorkspaceRepository, fields: EntityCreateInput<'reviews'>): Review {
  return repository.create('reviews', fields);
}

/** Starts a review: running, facilitated by `person`, at its first phase unless it was moved already. */
export function startReview(repository: WorkspaceRepository, review: Review, person: ReviewPerson): void {
  repository.update('reviews', review.id, {
    status: 'running',
    facilitatorId: person.local ? person.key : review.facilitatorId,
    facilitatorName: person.name,
    closedAt: null,
  });
}

/** Moves every laptop to `phase`; the previous phase's timer ends. */
export function moveToPhase(repository: WorkspaceRepository, review: Review, phase: ReviewPhase): void {
  if (!(reviewPhases as readonly string[]).includes(phase)) throw new Error(`There is no phase ${phase}.`);
  repository.update('reviews', review.id, {
    phase,
    phaseEndsAt: null,
    ...(review.status === 'planned' ? { status: 'running' as const } : {}),
  });
}

/** Starts a time box of `minutes` for the current phase (null: no timer). */
export function setPhaseTimer(repository: WorkspaceRepository, review: Review, minutes: number | null, now: number) {
  if (minutes !== null && (!Number.isFinite(minutes) || minutes <= 0 || minutes > 240)) {
    throw new Error('Set between 1 and 240 minutes.');
  }
  repository.update('reviews', review.id, {
    phaseEndsAt: minutes === null ? null : now + Math.round(minutes * 60_000),
  });
}

/** Closes a review (or opens it again); its actions keep carrying into later reviews until done. */
export function closeReview(repository: WorkspaceRepository, review: Review, closed: boolean, now: number): void {
  repository.update(
    'reviews',
    review.id,
    closed ? { status: 'closed', closedAt: now, phaseEndsAt: null } : { status: 'running', closedAt: null },
  );
}

/** A note to add: its topic and text, and who wrote it (null: anonymous). */
export interface NewNote {
  topicId: ReviewTopicId;
  text: string;
  author: ReviewPerson | null;
  now: number;
}

/**
 * Adds a note; an anonymous one carries no author at all and is written apart, by a client of
 * its own (see above), with its time rounded down to the day. Returns its id.
 */
export function addNote(repository: WorkspaceRepository, review: Review, note: NewNote): string {
  if (note.author === null) {
    return repository.createAnonymous('anonymousReviewNotes', {
      reviewId: review.id,
      topicId: note.topicId,
      text: note.text,
      groupId: null,
    }).id;
  }
  return repository.addToCollection('reviews', review.id, 'notes', {
    topicId: note.topicId,
    text: note.text,
    authorKey: note.author === null ? '' : note.author.key,
    authorName: note.author === null ? '' : note.author.name,
    anonymous: note.author === null,
    groupId: null,
    createdAt: note.now,
  }).id;
}

/** Whether a note of `review` is an anonymous note stored apart (not an item of the review). */
function isStoredApart(repository: WorkspaceRepository, review: Review, noteId: string): boolean {
  const note = repository.get('anonymousReviewNotes', noteId);
  return note !== undefined && note.reviewId === review.id && note.deletedAt === null;
}

/** Puts a note into a group (null: none), where the note is stored. */
function setNoteGroup(repository: WorkspaceRepository, review: Review, noteId: string, groupId: string | null): void {
  if (isStoredApart(repository, review, noteId)) repository.update('anonymousReviewNotes', noteId, { groupId });
  else repository.updateInCollection('reviews', review.id, 'notes', noteId, { groupId });
}

/** Removes a note (an anonymous one stored apart goes to the trash), and the votes on it. */
export function removeNote(repository: WorkspaceRepository, review: Review, noteId: string): void {
  repository.transact(() => {
    if (isStoredApart(repository, review, noteId)) repository.softDelete('anonymousReviewNotes', noteId);
    else repository.removeFromCollection('reviews', review.id, 'notes', noteId);
    for (const vote of Object.values(review.votes)) {
      if (vote.itemId === noteId) repository.removeFromCollection('reviews', review.id, 'votes', vote.id);
    }
  });
}

/** Adds a group of notes to a topic; returns its id. */
export function addGroup(
  repository: WorkspaceRepository,
  review: Review,
  topicId: ReviewTopicId,
  title: string,
  now: number,
): string {
  return repository.addToCollection('reviews', review.id, 'groups', { topicId, title, createdAt: now }).id;
}

/** Removes a group: its notes become ungrouped, and the votes on it are removed. */
export function removeGroup(repository: WorkspaceRepository, review: Review, groupId: string): void {
  repository.transact(() => {
    for (const note of Object.values(review.notes)) {
      if (note.groupId === groupId) setNoteGroup(repository, review, note.id, null);
    }
    for (const vote of Object.values(review.votes)) {
      if (vote.itemId === groupId) repository.removeFromCollection('reviews', review.id, 'votes', vote.id);
    }
    repository.removeFromCollection('reviews', review.id, 'groups', groupId);
  });
}

/** Puts a note into a group of its topic (null: takes it out of its group). */
export function moveNote(
  repository: WorkspaceRepository,
  review: Review,
  noteId: string,
  groupId: string | null,
): void {
  const note = review.notes[noteId];
  if (note === undefined) throw new Error('That note is gone.');
  if (groupId !== null && review.groups[groupId]?.topicId !== note.topicId) {
    throw new Error('A note can only go into a group of its own topic.');
  }
  setNoteGroup(repository, review, noteId, groupId);
}

/**
 * Adds one vote of `person` to an item, within their budget (`addVote` refuses one more);
 * `items` are the items that exist now.
 */
export function castVote(
  repository: WorkspaceRepository,
  review: Review,
  votes: VoteMap,
  person: ReviewPerson,
  itemId: string,
  items: readonly string[],
): void {
  const change = addVote(votes, person.key, itemId, review.voteBudget, items);
  if (review.votes[change.key] === undefined) {
    repository.addToCollection('reviews', review.id, 'votes', {
      id: change.key,
      personKey: person.key,
      personName: person.name,
      itemId,
      count: change.count,
    });
  } else {
    repository.updateInCollection('reviews', review.id, 'votes', change.key, {
      count: change.count,
      personName: person.name,
    });
  }
}

/** Takes one vote of `person` off an item; the last one removes their entry. */
export function withdrawVote(
  repository: WorkspaceRepository,
  review: Review,
  votes: VoteMap,
  person: ReviewPerson,
  itemId: string,
): void {
  const change = removeVote(votes, person.key, itemId);
  if (review.votes[change.key] === undefined) return;
  if (change.count === 0) repository.removeFromCollection('reviews', review.id, 'votes', change.key);
  else repository.updateInCollection('reviews', review.id, 'votes', change.key, { count: change.count });
}

/** Records a person's check-in word; checking in again changes it. */
export function checkIn(
  repository: WorkspaceRepository,
  review: Review,
  person: ReviewPerson,
  word: string,
  now: number,
): void {
  if (review.checkIns[person.key] === undefined) {
    repository.addToCollection('reviews', review.id, 'checkIns', {
      id: person.key,
      name: person.name,
      word,
      createdAt: now,
    });
  } else {
    repository.updateInCollection('reviews', review.id, 'checkIns', person.key, { name: person.name, word });
  }
}

/** An action agreed in a review. */
export interface NewAction {
  title: string;
  ownerName: string;
  dueOn: string | null;
  sourceTopicId: ReviewTopicId | '';
}

/** Records an action agreed in `review`; returns it. */
export function addAction(repository: WorkspaceRepository, review: Review, action: NewAction): Entity<'actions'> {
  return repository.create('actions', {
    title: action.title,
    ownerId: null,
    ownerName: action.ownerName,
    dueOn: action.dueOn,
    done: false,
    reviewId: review.id,
    sourceTopicId: action.sourceTopicId,
  });
}

/** Marks an action done (with the time) or open again. */
export function setActionDone(repository: WorkspaceRepository, action: Entity<'actions'>, done: boolean, now: number) {
  repository.update('actions', action.id, { done, doneAt: done ? now : null });
}

/** A template's topics as a person edits them: title (left out: the framework's), prompts and whether hidden. */
export type TemplateTopics = Partial<Record<ReviewTopicId, ReviewTopicChange>>;

/**
 * Saves a template of `cadence` (a new one, or `templateId` changed), checked by
 * `checkReviewTemplate` first, and makes `review` use it. Returns the template's id.
 */
export function saveTemplate(
  repository: WorkspaceRepository,
  review: Review,
  template: { templateId: string | null; name: string; cadence: ReviewCadence; topics: TemplateTopics },
): string {
  const checked = checkReviewTemplate({ name: template.name, cadence: template.cadence, topics: template.topics });
  return repository.transact(() => {
    let id = template.templateId;
    if (id === null) id = repository.create('reviewTemplates', { name: checked.name, cadence: checked.cadence }).id;
    else repository.update('reviewTemplates', id, { name: checked.name, cadence: checked.cadence });
    const stored = repository.get('reviewTemplates', id);
    for (const [topicId, change] of Object.entries(checked.topics)) {
      const item = { title: change.title ?? '', prompts: [...(change.prompts ?? [])], hidden: change.hidden ?? false };
      if (stored?.topics[topicId] === undefined) {
        repository.addToCollection('reviewTemplates', id, 'topics', { id: topicId, ...item });
      } else {
        repository.updateInCollection('reviewTemplates', id, 'topics', topicId, item);
      }
    }
    repository.update('reviews', review.id, { templateId: id });
    return id;
  });
}

/** What a learning from a review becomes. */
export type LearningTarget = 'decision' | 'experiment' | 'threshold-change';

/**
 * Turns a learning (a note, a group, a discussed item) into a draft decision that says where it
 * came from: the review's title and period and the topic are in its context, so its record
 * links back in words (a decision's links point to decisions only). An experiment is a draft
 * decision of kind "experiment" (the app's experiments are decisions of that kind, with a
 * hypothesis, success criteria and dates to fill in on their record). A proposal to change the
 * decision limits is a draft decision of the category "process improvements" of the review's
 * domain. Returns the decision.
 */
export function learningToDecision(
  repository: WorkspaceRepository,
  review: Review,
  learning: { text: string; topicTitle: string },
  target: LearningTarget,
  now: number,
): Entity<'decisions'> {
  const source = `From the ${review.cadence} review "${review.title}" (${review.periodStart} to ${review.periodEnd}), topic "${learning.topicTitle}":\n\n${learning.text}`;
  const common = { domainId: review.domainId, status: 'draft', proposedAt: now } as const;
  let fields: EntityCreateInput<'decisions'>;
  switch (target) {
    case 'decision':
      fields = { ...common, title: titleFrom(learning.text), context: source, tags: ['review'] };
      break;
    case 'experiment':
      fields = {
        ...common,
        title: titleFrom(learning.text, 'Experiment: '),
        kind: 'experiment',
        context: `${source}\n\nAn experiment to try: write its hypothesis, its success criteria and when it starts and ends on this record.`,
        tags: ['review', 'experiment'],
      };
      break;
    case 'threshold-change':
      fields = {
        ...common,
        title: titleFrom(learning.text, 'Change the decision limits: '),
        category: 'process-improvements',
        context: `${source}\n\nA proposal to change the decision limits (threshold adjustment, framework §7). When it is agreed, change the limits on the domain's page under "Threshold policy", with this decision as the reason.`,
        tags: ['review', 'thresholds'],
      };
      break;
  }
  return repository.create('decisions', fields);
}
