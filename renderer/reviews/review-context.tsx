/**
 * What every part of a review's page reads: the review as stored, it prepared from the data,
 * the person acting at this laptop ("Voting as"), whether the workspace can be changed, and
 * one way to write that keeps the error to show.
 */
import { createContext, useContext } from 'react';
import { reviewTopics, type PreparedReview, type ReviewTopicId } from '@shared/review';
import type { Entity } from '@shared/model/entities';
import type { WorkspaceRepository } from '../data/repository';
import type { ReviewPerson } from './person';

/** The review a page shows, and who acts on it here. */
export interface ReviewContextValue {
  review: Entity<'reviews'>;
  prepared: PreparedReview;
  /** Null while no workspace is open. */
  person: ReviewPerson | null;
  readOnly: boolean;
  timeZone: string;
}

/** Provided by the review's page. */
export const ReviewContext = createContext<ReviewContextValue | null>(null);

/** The review of the page. */
export function useReview(): ReviewContextValue {
  const value = useContext(ReviewContext);
  if (value === null) throw new Error('useReview() needs a ReviewContext provider.');
  return value;
}

/** A topic's title in this review (its template's), else the framework's. */
export function topicTitleOf(prepared: PreparedReview, topicId: ReviewTopicId): string {
  return prepared.topics.find((topic) => topic.id === topicId)?.title ?? reviewTopics[topicId].title;
}

/** Runs a write with the open repository, or throws when none is open. */
export function withRepository<T>(
  repository: WorkspaceRepository | undefined,
  write: (repository: WorkspaceRepository) => T,
): T {
  if (!repository) throw new Error('No workspace is open.');
  return write(repository);
}
