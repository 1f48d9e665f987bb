/**
 * Facilitator mode (framework.md § 6.4 "Regular retrospectives", § 9): a review runs through
 * fixed phases in order — check-in, health pulse, reflect, group, vote, discuss, actions. The
 * facilitator moves forward or back one phase at a time; every laptop shows the same phase
 * because the phase is one field of the review.
 */
import { invalid } from '../metrics/check';

/** The phases of a review, in order. */
export const reviewPhases = ['check-in', 'health-pulse', 'reflect', 'group', 'vote', 'discuss', 'actions'] as const;

/** A phase of a review. */
export type ReviewPhase = (typeof reviewPhases)[number];

/** What a phase is called and what the facilitator does in it. */
export interface ReviewPhaseDetails {
  phase: ReviewPhase;
  title: string;
  /** One or two sentences for the facilitator. */
  guidance: string;
}

/** Each phase's title and guidance for the facilitator. */
export const reviewPhaseDetails: Readonly<Record<ReviewPhase, ReviewPhaseDetails>> = Object.freeze({
  'check-in': {
    phase: 'check-in',
    title: 'Check-in',
    guidance:
      'Welcome everyone and ask each person for one word on how they arrive. Remind the group of the actions from last time.',
  },
  'health-pulse': {
    phase: 'health-pulse',
    title: 'Health pulse',
    guidance:
      "Look at the team's pulse figures and the governance alerts together. Figures of fewer than three people stay hidden to keep answers anonymous.",
  },
  reflect: {
    phase: 'reflect',
    title: 'Reflect',
    guidance:
      "Walk through the topics with their figures and lists. Everyone writes notes under each topic's prompts, anonymously if they prefer.",
  },
  group: {
    phase: 'group',
    title: 'Group',
    guidance: 'Gather similar notes into groups and give each group a short title.',
  },
  vote: {
    phase: 'vote',
    title: 'Vote',
    guidance: 'Everyone places their dots on the groups and notes that matter most, within their budget of votes.',
  },
  discuss: {
    phase: 'discuss',
    title: 'Discuss',
    guidance: 'Discuss the items with the most votes first, one at a time, and keep to the time box.',
  },
  actions: {
    phase: 'actions',
    title: 'Agree actions',
    guidance: 'Agree a few concrete actions, each with one owner and a due date. They carry into the next review.',
  },
});

function indexOf(phase: ReviewPhase): number {
  const index = (reviewPhases as readonly string[]).indexOf(phase);
  if (index < 0) throw invalid('phase', `one of ${reviewPhases.join(', ')}`, phase);
  return index;
}

/** The phase after `phase`; null after the last (actions). Throws an `Error` for an unknown phase. */
export function nextPhase(phase: ReviewPhase): ReviewPhase | null {
  return reviewPhases[indexOf(phase) + 1] ?? null;
}

/** The phase before `phase`; null before the first (check-in). Throws an `Error` for an unknown phase. */
export function previousPhase(phase: ReviewPhase): ReviewPhase | null {
  return reviewPhases[indexOf(phase) - 1] ?? null;
}
