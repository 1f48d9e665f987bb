/**
 * A review as its screens read it: with its anonymous notes, which are entities of their own
 * (`anonymousReviewNotes`), among its notes (review-data.ts `withAnonymousNotes`).
 */
import { useMemo } from 'react';
import type { Entity } from '@shared/model/entities';
import { useDocument } from '../workspaces/session-store';
import { withAnonymousNotes } from './review-data';

/** `review` with its live anonymous notes among its notes; a new object only when they change. */
export function useReviewWithNotes(review: Entity<'reviews'>): Entity<'reviews'> {
  const anonymousNotes = useDocument((state) => state.entities.anonymousReviewNotes);
  return useMemo(() => withAnonymousNotes(review, anonymousNotes.values()), [review, anonymousNotes]);
}
