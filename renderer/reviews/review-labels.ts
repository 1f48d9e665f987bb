/**
 * How reviews read on screen: cadences, statuses, and a review's period and scope in words.
 */
import { formatDate, type ReviewCadence } from '@shared/review';
import type { Entity } from '@shared/model/entities';

/** Each cadence, capitalised. */
export const cadenceLabels: Record<ReviewCadence, string> = {
  weekly: 'Weekly',
  monthly: 'Monthly',
  quarterly: 'Quarterly',
};

/** Each status of a review. */
export const reviewStatusLabels: Record<Entity<'reviews'>['status'], string> = {
  planned: 'Planned',
  running: 'Running',
  closed: 'Closed',
};

/** "1 Nov 2026 – 30 Nov 2026". */
export function periodText(review: Pick<Entity<'reviews'>, 'periodStart' | 'periodEnd'>): string {
  return review.periodStart === review.periodEnd
    ? formatDate(review.periodStart)
    : `${formatDate(review.periodStart)} – ${formatDate(review.periodEnd)}`;
}

/** "Whole workspace", "Platform", "Platform and its sub-domains" (the domain's id when it is gone). */
export function scopeText(
  review: Pick<Entity<'reviews'>, 'domainId' | 'includeSubdomains'>,
  domainName: (id: string) => string | undefined,
): string {
  if (review.domainId === null) return 'Whole workspace';
  const name = domainName(review.domainId) ?? 'A domain that is gone';
  return review.includeSubdomains ? `${name} and its sub-domains` : name;
}
