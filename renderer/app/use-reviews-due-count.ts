/**
 * How many decisions of the open workspace are due for review today, for the badge on the
 * sidebar's "Decisions" entry; the rule is the reviews-due list's own (`reviewsDue`).
 */
import { useMemo } from 'react';
import { reviewsDue } from '../decisions/log/reviews-due';
import { todayIsoDate } from '../domains/charter/dates';
import { useDocument } from '../workspaces/session-store';

/** The number of reviews due today in the open workspace; 0 while none is open. */
export function useReviewsDueCount(): number {
  const decisions = useDocument((state) => state.entities.decisions);
  const today = todayIsoDate();
  return useMemo(() => reviewsDue(decisions.values(), today).length, [decisions, today]);
}
