/**
 * A review as stored (the `reviews` entity with its keyed notes, groups, votes and check-ins,
 * its anonymous notes, actions, review templates) read into what the review engine
 * (`@shared/review`) takes, the period a review covers, and the learnings reviews record.
 *
 * Rules:
 * - A review's notes are its own `notes` and its anonymous notes, which are entities of their
 *   own (`anonymousReviewNotes`, see shared/model/entities.ts for why) read in among them as
 *   anonymous note items (`withAnonymousNotes`); every screen, the engine and the report read
 *   both alike. One in the trash is not a note of the review.
 * - The period is the calendar week, month or quarter of the review's cadence when its first
 *   and last days are exactly one; any other range is a custom range of those dates.
 * - Carried actions: the open and done actions agreed in the other live reviews, written
 *   before this review was closed (before now while it is not), so an old review in the
 *   history does not list actions agreed after it.
 * - A template is used only when `checkReviewTemplate` accepts it for the review's cadence; a
 *   template a merge broke (or of another cadence) is reported and the framework's prompts
 *   are used.
 * - Learnings (the metrics' learning rate): a closed live review records one learning per item
 *   it discussed (`discussedItemIds`: a group or ungrouped note with a counted vote), at the
 *   time it was closed, in the review's domain (null: the whole workspace).
 */
import {
  checkReviewTemplate,
  discussedItemIds,
  type ReviewActionInfo,
  type ReviewNote,
  type ReviewNoteGroup,
  type ReviewTemplate,
  type ReviewTopicChange,
  type ReviewTopicId,
  type VoteMap,
} from '@shared/review';
import { cadencePeriodKinds } from '@shared/review/agenda';
import { metricsPeriod, type MetricsReviewLearning } from '@shared/metrics';
import { startOfLocalDay } from '@shared/metrics/calendar';
import type { Entity, ReviewNoteItem } from '@shared/model/entities';
import { describeError } from '@shared/errors';

type Review = Entity<'reviews'>;
type Action = Entity<'actions'>;
type AnonymousNote = Entity<'anonymousReviewNotes'>;

/** The time zone periods are counted in: this device's. */
export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The period a review covers, in `timeZone` (see the rules above). */
export function reviewPeriod(review: Pick<Review, 'cadence' | 'periodStart' | 'periodEnd'>, timeZone: string) {
  const kind = cadencePeriodKinds[review.cadence];
  const calendar = metricsPeriod({ kind, at: startOfLocalDay(review.periodStart, timeZone) }, timeZone);
  if (calendar.firstDay === review.periodStart && calendar.lastDay === review.periodEnd) return calendar;
  return metricsPeriod({ kind: 'custom', start: review.periodStart, end: review.periodEnd }, timeZone);
}

/**
 * The review with its live anonymous notes (of all `anonymousNotes`, those of this review) among
 * its `notes`, each as an anonymous note item; the very same object when it has none.
 */
export function withAnonymousNotes(review: Review, anonymousNotes: Iterable<AnonymousNote>): Review {
  const apart: Record<string, ReviewNoteItem> = {};
  let found = false;
  for (const note of anonymousNotes) {
    if (note.reviewId !== review.id || note.deletedAt !== null) continue;
    found = true;
    apart[note.id] = Object.freeze({
      id: note.id,
      topicId: note.topicId,
      text: note.text,
      authorKey: '',
      authorName: '',
      anonymous: true,
      groupId: note.groupId,
      createdAt: note.createdAt,
    });
  }
  if (!found) return review;
  return Object.freeze({ ...review, notes: Object.freeze({ ...apart, ...review.notes }) });
}

/** The review's notes as the engine reads them (an anonymous note has no author key). */
export function notesOf(review: Review): ReviewNote[] {
  return Object.values(review.notes).map((note) => ({
    id: note.id,
    topicId: note.topicId,
    text: note.text,
    authorKey: note.anonymous ? null : note.authorKey,
    groupId: note.groupId,
    createdAt: note.createdAt,
  }));
}

/** The review's groups as the engine reads them. */
export function noteGroupsOf(review: Review): ReviewNoteGroup[] {
  return Object.values(review.groups).map(({ id, topicId, title, createdAt }) => ({ id, topicId, title, createdAt }));
}

/** The review's votes: vote key → count. */
export function voteMapOf(review: Review): VoteMap {
  return Object.fromEntries(Object.values(review.votes).map((vote) => [vote.id, vote.count]));
}

/** The names of everyone who took part, by person key (check-ins, named notes, votes). */
export function participantsOf(review: Review): { key: string; name: string }[] {
  const names = new Map<string, string>();
  for (const vote of Object.values(review.votes))
    if (vote.personName !== '') names.set(vote.personKey, vote.personName);
  for (const note of Object.values(review.notes)) {
    if (!note.anonymous && note.authorName !== '') names.set(note.authorKey, note.authorName);
  }
  for (const checkIn of Object.values(review.checkIns)) names.set(checkIn.id, checkIn.name);
  return [...names].map(([key, name]) => ({ key, name }));
}

/** The check-ins, first first. */
export function checkInsOf(review: Review): Review['checkIns'][string][] {
  return Object.values(review.checkIns).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/** A stored template as the engine reads it, or why it cannot be used. */
export function templateOf(
  template: Entity<'reviewTemplates'>,
): { template: ReviewTemplate; problem: null } | { template: null; problem: string } {
  const topics: Partial<Record<ReviewTopicId, ReviewTopicChange>> = {};
  for (const topic of Object.values(template.topics)) {
    const change: ReviewTopicChange = { prompts: topic.prompts, hidden: topic.hidden };
    if (topic.title !== '') change.title = topic.title;
    topics[topic.id] = change;
  }
  try {
    return { template: checkReviewTemplate({ name: template.name, cadence: template.cadence, topics }), problem: null };
  } catch (error) {
    return { template: null, problem: `The template "${template.name}" cannot be used: ${describeError(error)}` };
  }
}

/** An action as the engine reads it: its owner's name as typed, else the member's name. */
export function actionInfoOf(action: Action, memberName: (id: string) => string | undefined): ReviewActionInfo {
  const owner = action.ownerName !== '' ? action.ownerName : action.ownerId === null ? '' : memberName(action.ownerId);
  return {
    id: action.id,
    title: action.title,
    ownerName: owner === undefined || owner === '' ? null : owner,
    dueOn: action.dueOn,
    done: action.done,
    reviewId: action.reviewId,
  };
}

/** The live actions agreed in this review, oldest first. */
export function actionsOfReview(actions: readonly Action[], reviewId: string): Action[] {
  return actions.filter((action) => action.deletedAt === null && action.reviewId === reviewId);
}

/**
 * The actions of other live reviews that can carry into `review` (see the rules above),
 * open or done, oldest first.
 */
export function earlierActions(
  actions: readonly Action[],
  reviews: ReadonlyMap<string, Review>,
  review: Review,
  now: number,
): Action[] {
  const until = review.closedAt ?? now;
  return actions.filter((action) => {
    if (action.deletedAt !== null || action.reviewId === null || action.reviewId === review.id) return false;
    const source = reviews.get(action.reviewId);
    return source !== undefined && source.deletedAt === null && action.createdAt <= until;
  });
}

/**
 * The learnings recorded in `reviews` (see the rules above), for the metrics engine: one per
 * item discussed in each closed live review.
 */
export function reviewLearningsOf(
  reviews: Iterable<Review>,
  anonymousNotes: readonly AnonymousNote[],
): MetricsReviewLearning[] {
  const learnings: MetricsReviewLearning[] = [];
  for (const stored of reviews) {
    if (stored.deletedAt !== null || stored.status !== 'closed' || stored.closedAt === null) continue;
    const review = withAnonymousNotes(stored, anonymousNotes);
    const discussed = discussedItemIds({
      notes: notesOf(review),
      groups: noteGroupsOf(review),
      votes: voteMapOf(review),
      voteBudget: review.voteBudget,
    });
    for (let index = 0; index < discussed.length; index += 1) {
      learnings.push({ recordedAt: stored.closedAt, domainId: stored.domainId });
    }
  }
  return learnings;
}
