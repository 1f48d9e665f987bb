/**
 * The review's report (issue 7 "history and report"): the Markdown of `reviewToMarkdown`, saved
 * through the platform like a backup (a save dialog in the desktop app, a download in a
 * browser). While the facilitator hides notes, the notes this laptop may not read are left out
 * of the report.
 */
import { reviewToMarkdown, type PreparedReview } from '@shared/review';
import type { Entity } from '@shared/model/entities';
import type { Platform, SaveFileResult } from '../platform/platform';
import type { ReviewPerson } from './person';
import { noteVisible } from './note-visibility';
import { actionInfoOf, actionsOfReview, noteGroupsOf, notesOf, participantsOf, voteMapOf } from './review-data';

/** The review as Markdown text. */
export function reviewMarkdown(
  prepared: PreparedReview,
  review: Entity<'reviews'>,
  actions: readonly Entity<'actions'>[],
  visibility: { person: ReviewPerson | null; writtenHere: ReadonlyMap<string, string> },
  memberName: (id: string) => string | undefined = () => undefined,
): string {
  const visible = new Set(
    Object.values(review.notes)
      .filter((note) => noteVisible(note, review.notesHidden, visibility.person, visibility.writtenHere))
      .map((note) => note.id),
  );
  return reviewToMarkdown(prepared, {
    phase: review.phase,
    notes: notesOf(review).filter((note) => visible.has(note.id)),
    groups: noteGroupsOf(review),
    votes: voteMapOf(review),
    voteBudget: review.voteBudget,
    actions: actionsOfReview(actions, review.id).map((action) => actionInfoOf(action, memberName)),
    participants: participantsOf(review),
  });
}

/** A file name for a review: its title in lower case, words joined by dashes, ".md". */
export function markdownFileName(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${slug === '' ? 'review' : slug}.md`;
}

/** Saves the Markdown through the platform. */
export function saveMarkdown(platform: Platform, title: string, markdown: string): Promise<SaveFileResult> {
  return platform.saveFile({
    title: 'Export the review as Markdown',
    suggestedName: markdownFileName(title),
    filters: [{ name: 'Markdown', extensions: ['md'] }],
    data: new TextEncoder().encode(markdown),
  });
}
