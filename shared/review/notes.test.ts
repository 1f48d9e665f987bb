import { describe, expect, it } from 'vitest';
import { groupsOf, voteItemsOf, type ReviewNote, type ReviewNoteGroup } from './notes';

function note(id: string, createdAt: number, changes: Partial<ReviewNote> = {}): ReviewNote {
  return { id, topicId: 'quick-wins', text: `Note ${id}`, authorKey: 'ana', groupId: null, createdAt, ...changes };
}

function group(id: string, createdAt: number, changes: Partial<ReviewNoteGroup> = {}): ReviewNoteGroup {
  return { id, topicId: 'quick-wins', title: `Group ${id}`, createdAt, ...changes };
}

describe('groupsOf', () => {
  const notes = [
    note('n3', 30, { groupId: 'g1' }),
    note('n1', 10, { groupId: 'g1' }),
    note('n2', 10, { groupId: 'gone', authorKey: null }),
    note('n4', 40),
    note('n5', 50, { groupId: 'g2', topicId: 'value-creation' }),
    note('n6', 5, { groupId: 'g2' }),
  ];
  const groups = [group('g2', 20), group('g1', 20), group('g3', 25)];

  it('puts each note in its group, oldest first, groups oldest first (ties by id)', () => {
    const grouping = groupsOf(notes, groups);
    expect(grouping.groups.map(({ group: shown, notes: inside }) => [shown.id, inside.map((n) => n.id)])).toEqual([
      ['g1', ['n1', 'n3']],
      ['g2', ['n6']],
      ['g3', []],
    ]);
  });

  it('counts a note whose group no longer exists, or is on another topic, as ungrouped', () => {
    // n2's group was deleted; n5 was moved to another topic while someone grouped it.
    expect(groupsOf(notes, groups).ungrouped.map((n) => n.id)).toEqual(['n2', 'n4', 'n5']);
    expect(groupsOf(notes, []).ungrouped.map((n) => n.id)).toEqual(['n6', 'n1', 'n2', 'n3', 'n4', 'n5']);
  });

  it('does not depend on the order notes and groups arrive in', () => {
    expect(groupsOf([...notes].reverse(), [...groups].reverse())).toEqual(groupsOf(notes, groups));
  });

  it('keeps anonymous notes without an author', () => {
    const ungrouped = groupsOf(notes, groups).ungrouped;
    expect(ungrouped[0]).toMatchObject({ id: 'n2', authorKey: null });
  });

  it('gives the items to vote on: groups with notes, then the ungrouped notes', () => {
    expect(voteItemsOf(groupsOf(notes, groups))).toEqual([
      { itemId: 'g1', kind: 'group', topicId: 'quick-wins', title: 'Group g1', notes: 2 },
      { itemId: 'g2', kind: 'group', topicId: 'quick-wins', title: 'Group g2', notes: 1 },
      { itemId: 'n2', kind: 'note', topicId: 'quick-wins', title: 'Note n2', notes: 1 },
      { itemId: 'n4', kind: 'note', topicId: 'quick-wins', title: 'Note n4', notes: 1 },
      { itemId: 'n5', kind: 'note', topicId: 'value-creation', title: 'Note n5', notes: 1 },
    ]);
  });

  it('refuses invalid notes and groups, naming the field', () => {
    expect(() => groupsOf([note('n1', 1, { topicId: '' })], [])).toThrow(
      new Error('notes[0].topicId must be a non-empty id (got "")'),
    );
    expect(() => groupsOf([note('n1', 1, { authorKey: 7 as never })], [])).toThrow(
      new Error('notes[0].authorKey must be a non-empty id (got 7)'),
    );
    expect(() => groupsOf([], [group('g1', Number.NaN)])).toThrow(
      new Error('groups[0].createdAt must be a time in milliseconds since 1970 (got NaN)'),
    );
  });
});
