import { describe, expect, it } from 'vitest';
import { discussedItemIds } from './learnings';
import type { ReviewNote, ReviewNoteGroup } from './notes';
import { voteKey } from './votes';

function note(id: string, changes: Partial<ReviewNote> = {}): ReviewNote {
  return { id, topicId: 'support-needs', text: `Note ${id}`, authorKey: null, groupId: null, createdAt: 1, ...changes };
}

const groups: ReviewNoteGroup[] = [{ id: 'g1', topicId: 'support-needs', title: 'Finding help', createdAt: 1 }];
const notes = [note('n1', { groupId: 'g1' }), note('n2', { groupId: 'g1' }), note('n3'), note('n4')];

describe('discussedItemIds', () => {
  it('is the groups and ungrouped notes with a counted vote, most votes first', () => {
    const votes = {
      [voteKey('ana', 'g1')]: 1,
      [voteKey('ana', 'n4')]: 2,
      [voteKey('ben', 'g1')]: 2,
      // A vote on a note inside a group is not on an item, and one taken back counts for nothing.
      [voteKey('ben', 'n1')]: 1,
      [voteKey('ben', 'n3')]: 0,
    };
    expect(discussedItemIds({ notes, groups, votes, voteBudget: 3 })).toEqual(['g1', 'n4']);
  });

  it('counts only the votes within each budget, and none without votes', () => {
    // Ana's 4 votes are cut to 2, from the greatest item id down: n4 loses both.
    const votes = { [voteKey('ana', 'g1')]: 2, [voteKey('ana', 'n4')]: 2 };
    expect(discussedItemIds({ notes, groups, votes, voteBudget: 2 })).toEqual(['g1']);
    expect(discussedItemIds({ notes, groups, votes: {}, voteBudget: 3 })).toEqual([]);
  });

  it('names the field of invalid input', () => {
    expect(() => discussedItemIds({ notes: [note('')], groups, votes: {}, voteBudget: 3 })).toThrow(
      'notes[0].id must be a non-empty id',
    );
  });
});
