/**
 * The learnings a review records, as the metrics engine's learning rate counts them (framework
 * §8 "learning rate", §9): the items the team discussed, that is every group of notes and every
 * ungrouped note that received at least one counted vote (`countVotes`, within each person's
 * budget) — the discuss phase's list. A note or group nobody voted for was written but not
 * taken up; a review nobody voted in records none. The caller dates them (a review records its
 * learnings when it is closed) and scopes them (the review's domain).
 */
import { groupsOf, voteItemsOf, type ReviewNote, type ReviewNoteGroup } from './notes';
import { countVotes, topItems, type VoteMap } from './votes';

/** What a review's learnings are read from. */
export interface ReviewLearningInput {
  notes: readonly ReviewNote[];
  groups: readonly ReviewNoteGroup[];
  votes: VoteMap;
  /** Dot votes per person, a whole number of 1 or more. */
  voteBudget: number;
}

/**
 * The ids of the items discussed (see above), most votes first (`topItems`). Throws an
 * `Error` naming the field for invalid notes, groups or votes.
 */
export function discussedItemIds(input: ReviewLearningInput): string[] {
  const items = voteItemsOf(groupsOf(input.notes, input.groups)).map((item) => item.itemId);
  const count = countVotes(input.votes, { budgetPerPerson: input.voteBudget, items });
  return topItems(count.totals, Infinity).map((total) => total.itemId);
}
