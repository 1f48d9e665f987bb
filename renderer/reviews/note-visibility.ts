/**
 * Which notes a person may read while the facilitator hides other people's notes (so nobody
 * anchors on what others wrote before the reveal): their own named notes, and the anonymous
 * notes they wrote on this laptop in this sitting (remembered here, in memory only, with the
 * person who wrote them, so the next person at a shared laptop does not see them). Every other
 * note shows as a placeholder, "A note by someone else", until the reveal.
 */
import { create } from 'zustand';
import type { ReviewNoteItem } from '@shared/model/entities';
import type { ReviewPerson } from './person';

interface WrittenHereState {
  /** Note id → key of the person who wrote it on this laptop. */
  notes: ReadonlyMap<string, string>;
  remember: (noteId: string, personKey: string) => void;
}

/** The notes written on this laptop since the app started. */
export const useWrittenHere = create<WrittenHereState>()((set) => ({
  notes: new Map(),
  remember: (noteId, personKey) => set((state) => ({ notes: new Map(state.notes).set(noteId, personKey) })),
}));

/** The placeholder of a hidden note. */
export const HIDDEN_NOTE_TEXT = 'A note by someone else';

/** Whether `person` may read `note` now (see above). */
export function noteVisible(
  note: ReviewNoteItem,
  notesHidden: boolean,
  person: ReviewPerson | null,
  writtenHere: ReadonlyMap<string, string>,
): boolean {
  if (!notesHidden) return true;
  if (person === null) return false;
  if (!note.anonymous && note.authorKey === person.key) return true;
  return writtenHere.get(note.id) === person.key;
}

/** The note's text for `person`, or the placeholder while it is hidden. */
export function noteText(
  note: ReviewNoteItem,
  notesHidden: boolean,
  person: ReviewPerson | null,
  writtenHere: ReadonlyMap<string, string>,
): string {
  return noteVisible(note, notesHidden, person, writtenHere) ? note.text : HIDDEN_NOTE_TEXT;
}
