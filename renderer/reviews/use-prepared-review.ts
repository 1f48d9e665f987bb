/**
 * A review prepared from the open workspace (`prepareReview`), recomputed when the records
 * change. The records are read through `useDeferredValue`, so typing a note renders first and
 * the figures follow in a render React may interrupt.
 */
import { useDeferredValue, useMemo, useState } from 'react';
import { describeError } from '@shared/errors';
import type { Entity } from '@shared/model/entities';
import { prepareReview, type PreparedReview, type ReviewTemplate } from '@shared/review';
import { thresholdSettings, thresholdsOption } from '../metrics/thresholds';
import { useDocument } from '../workspaces/session-store';
import { deviceTimeZone, templateOf } from './review-data';
import { reviewInputOf } from './review-input';

/** A prepared review, or why it could not be prepared; and the template problem, if any. */
export interface PreparedReviewState {
  prepared: PreparedReview | null;
  error: string | null;
  /** Why the review's template is not used (broken, trashed or of another cadence); null otherwise. */
  templateProblem: string | null;
}

/** The review's template as the engine reads it, or why it is not used. */
export function useReviewTemplate(review: Entity<'reviews'>): {
  template: ReviewTemplate | undefined;
  problem: string | null;
} {
  const stored = useDocument((state) =>
    review.templateId === null ? undefined : state.entities.reviewTemplates.get(review.templateId),
  );
  return useMemo(() => {
    if (review.templateId === null) return { template: undefined, problem: null };
    if (stored === undefined || stored.deletedAt !== null) {
      return {
        template: undefined,
        problem: "The review's template is in the trash or gone; the framework's prompts are used.",
      };
    }
    if (stored.cadence !== review.cadence) {
      return {
        template: undefined,
        problem: `The template "${stored.name}" is for another cadence; the framework's prompts are used.`,
      };
    }
    const read = templateOf(stored);
    return read.template === null
      ? { template: undefined, problem: read.problem }
      : { template: read.template, problem: null };
  }, [review.templateId, review.cadence, stored]);
}

/** The review prepared from the workspace's records, now. */
export function usePreparedReview(review: Entity<'reviews'>): PreparedReviewState {
  const entities = useDocument((state) => state.entities);
  const deferred = useDeferredValue(entities);
  // Prepared as of opening the page, like the data it shows; moving on reopens it.
  const [now] = useState(() => Date.now());
  const { template, problem } = useReviewTemplate(review);
  const thresholds = useMemo(
    () => thresholdsOption(thresholdSettings(deferred.metricThresholds.values())),
    [deferred.metricThresholds],
  );
  const current = deferred.reviews.get(review.id) ?? review;
  return useMemo(() => {
    try {
      const input = reviewInputOf(deferred, current, { now, timeZone: deviceTimeZone(), thresholds, template });
      return { prepared: prepareReview(input), error: null, templateProblem: problem };
    } catch (error) {
      return { prepared: null, error: describeError(error), templateProblem: problem };
    }
  }, [deferred, current, now, thresholds, template, problem]);
}
