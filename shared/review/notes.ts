/**
 * Notes written in a review and the groups the team gathers them into (reflect and group
 * phases). Notes and groups are stored keyed by id, so people adding them at once on their own
 * laptops never overwrite each other; a note says which group it is in (`groupId`), so moving
 * a note is one field.
 *
 * Rules:
 * - A note belongs to a group only when that group exists and is on the same topic; a note
 *   whose group was deleted (or is on another topic, after concurrent edits) is ungrouped.
 * - Notes and groups are listed oldest first (`createdAt`), ties by id, so every laptop shows
 *   the same order whatever order the data arrived in.
 * - An anonymous note has no author (`authorKey` null); nothing else about it names anyone.
 * - The items people vote on are the groups that hold at least one note and the ungrouped
 *   notes (`voteItemsOf`).
 */
import { compareIds } from '../domains/order';
import { invalid, isRecord, readList, readTime } from '../metrics/check';

/** A note written under a topic of a review. */
export interface ReviewNote {
  id: string;
  /** The agenda topic it answers. */
  topicId: string;
  text: string;
  /** Who wrote it (a member or local user id); null when written anonymously. */
  authorKey: string | null;
  /** The group it was put in; null when not grouped. */
  groupId: string | null;
  /** When it was written, in milliseconds since the epoch. */
  createdAt: number;
}

/** A group of similar notes on one topic. */
export interface ReviewNoteGroup {
  id: string;
  topicId: string;
  title: string;
  createdAt: number;
}

/** A group with the notes in it. */
export interface NoteGroupView {
  group: ReviewNoteGroup;
  /** Oldest first. */
  notes: ReviewNote[];
}

/** Notes sorted into their groups. */
export interface NoteGrouping {
  /** Every group, oldest first, with its notes (possibly none). */
  groups: NoteGroupView[];
  /** The notes in no existing group of their topic, oldest first. */
  ungrouped: ReviewNote[];
}

/** Something people can vote on: a group of notes or a note on its own. */
export interface VoteItem {
  /** The group's or the note's id. */
  itemId: string;
  kind: 'group' | 'note';
  topicId: string;
  /** The group's title or the note's text. */
  title: string;
  /** How many notes it stands for. */
  notes: number;
}

const byAge = (a: { createdAt: number; id: string }, b: { createdAt: number; id: string }): number =>
  a.createdAt - b.createdAt || compareIds(a.id, b.id);

function readId(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw invalid(field, 'a non-empty id', value);
  return value;
}

function readOptionalId(value: unknown, field: string): string | null {
  return value === null ? null : readId(value, field);
}

/** Checks notes, naming the field of the first problem ("notes[2].createdAt must be …"). */
export function checkNotes(notes: readonly ReviewNote[], name = 'notes'): readonly ReviewNote[] {
  readList(notes, name).forEach((note, index) => {
    const field = `${name}[${index}]`;
    if (!isRecord(note)) throw invalid(field, 'an object', note);
    readId(note.id, `${field}.id`);
    readId(note.topicId, `${field}.topicId`);
    if (typeof note.text !== 'string') throw invalid(`${field}.text`, 'text', note.text);
    readOptionalId(note.authorKey, `${field}.authorKey`);
    readOptionalId(note.groupId, `${field}.groupId`);
    readTime(note.createdAt, `${field}.createdAt`);
  });
  return notes;
}

/** Checks groups, naming the field of the first problem ("groups[0].title must be …"). */
export function checkNoteGroups(groups: readonly ReviewNoteGroup[], name = 'groups'): readonly ReviewNoteGroup[] {
  readList(groups, name).forEach((group, index) => {
    const field = `${name}[${index}]`;
    if (!isRecord(group)) throw invalid(field, 'an object', group);
    readId(group.id, `${field}.id`);
    readId(group.topicId, `${field}.topicId`);
    if (typeof group.title !== 'string') throw invalid(`${field}.title`, 'text', group.title);
    readTime(group.createdAt, `${field}.createdAt`);
  });
  return groups;
}

/**
 * Sorts notes into their groups: each group (oldest first) with its notes, and the notes in
 * no existing group of their own topic. Throws an `Error` naming the field for invalid notes
 * or groups.
 */
export function groupsOf(notes: readonly ReviewNote[], groups: readonly ReviewNoteGroup[]): NoteGrouping {
  checkNotes(notes);
  checkNoteGroups(groups);
  const views = new Map<string, NoteGroupView>();
  for (const group of [...groups].sort(byAge)) {
    if (!views.has(group.id)) views.set(group.id, { group, notes: [] });
  }
  const ungrouped: ReviewNote[] = [];
  for (const note of [...notes].sort(byAge)) {
    const view = note.groupId === null ? undefined : views.get(note.groupId);
    if (view !== undefined && view.group.topicId === note.topicId) view.notes.push(note);
    else ungrouped.push(note);
  }
  return { groups: [...views.values()], ungrouped };
}

/**
 * The items people vote on, in the order of `grouping`: the groups that hold at least one
 * note, then the ungrouped notes.
 */
export function voteItemsOf(grouping: NoteGrouping): VoteItem[] {
  const items: VoteItem[] = [];
  for (const { group, notes } of grouping.groups) {
    if (notes.length === 0) continue;
    items.push({ itemId: group.id, kind: 'group', topicId: group.topicId, title: group.title, notes: notes.length });
  }
  for (const note of grouping.ungrouped) {
    items.push({ itemId: note.id, kind: 'note', topicId: note.topicId, title: note.text, notes: 1 });
  }
  return items;
}
