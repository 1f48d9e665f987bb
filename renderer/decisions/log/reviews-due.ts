/**
 * The "reviews due" list (framework.md §3 "Safety nets", issue "Decisions", deliverable 5):
 * live decisions whose review date is today or past and whose outcome is not recorded yet,
 * the longest overdue first (then by title and id, so every laptop shows the same order).
 */
import type { Entity } from '@shared/model/entities';
import { compareIds } from '@shared/domains/order';

type Decision = Entity<'decisions'>;

/** A decision whose review is due, with its review date (YYYY-MM-DD). */
export interface DueReview {
  decision: Decision;
  reviewOn: string;
}

/** The decisions due for review on `today` (YYYY-MM-DD), oldest review date first. */
export function reviewsDue(decisions: Iterable<Decision>, today: string): DueReview[] {
  const due: DueReview[] = [];
  for (const decision of decisions) {
    const { reviewOn } = decision;
    if (decision.deletedAt !== null || reviewOn === null || decision.reviewOutcome !== null) continue;
    // ISO dates compare as text.
    if (reviewOn <= today) due.push({ decision, reviewOn });
  }
  return due.sort(
    (a, b) =>
      a.reviewOn.localeCompare(b.reviewOn) ||
      a.decision.title.localeCompare(b.decision.title) ||
      compareIds(a.decision.id, b.decision.id),
  );
}
