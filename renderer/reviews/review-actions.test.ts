import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { groupsOf, voteItemsOf, voteKey } from '@shared/review';
import type { Entity } from '@shared/model/entities';
import { createDocumentStore, type DocumentStore } from '../data/document-store';
import type { WorkspaceRepository } from '../data/repository';
import { createTestClock, createTestDoc, createTestIds, createTestRepository } from '../data/test-support';
import { createUndoManager } from '../data/undo';
import { toPlain } from '../data/workspace-document';
import type { ReviewPerson } from './person';
import { addGroup, addNote, castVote, moveNote, removeGroup, removeNote, withdrawVote } from './review-actions';
import { noteGroupsOf, notesOf, reviewLearningsOf, voteMapOf, withAnonymousNotes } from './review-data';

const ana: ReviewPerson = { key: 'ana-user-id', name: 'Ana Lima', local: true };
const ben: ReviewPerson = { key: 'name:ben', name: 'Ben', local: false };
const WRITTEN_AT = Date.UTC(2026, 10, 23, 15, 42, 7);
const DAY = Date.UTC(2026, 10, 23);

let stores: DocumentStore[] = [];
afterEach(() => {
  for (const store of stores) store.destroy();
  stores = [];
});

/** A workspace with a running review, on a document whose own client id is 7. */
function setup() {
  const doc = createTestDoc(7);
  const clock = createTestClock(WRITTEN_AT);
  const { repo } = createTestRepository(doc, { clock, userId: ana.key, newId: createTestIds('e') });
  const store = createDocumentStore(doc);
  stores.push(store);
  const created = repo.create('reviews', {
    title: 'Monthly review: November 2026',
    cadence: 'monthly',
    periodStart: '2026-11-01',
    periodEnd: '2026-11-30',
    domainId: null,
    status: 'running',
    phase: 'reflect',
    voteBudget: 3,
  });
  /** The review as the screens read it: with its anonymous notes. */
  const review = (): Entity<'reviews'> => {
    const { entities } = store.getState();
    const stored = entities.reviews.get(created.id);
    if (stored === undefined) throw new Error('The review is gone.');
    return withAnonymousNotes(stored, entities.anonymousReviewNotes.values());
  };
  return { doc, repo, store, clock, review };
}

/** The client ids the document holds items of, with how many each wrote. */
function clients(doc: Y.Doc): Map<number, number> {
  return Y.decodeStateVector(Y.encodeStateVector(doc));
}

/** The ids of the clients that wrote an entity's map and each of its values. */
function writersOf(doc: Y.Doc, kind: string, id: string): Set<number> {
  const entity = doc.getMap(kind).get(id);
  if (!(entity instanceof Y.Map)) throw new Error(`No entity ${kind}.${id}.`);
  const map = entity as Y.Map<unknown>;
  const writers = new Set<number>();
  if (map._item !== null) writers.add(map._item.id.client);
  for (const item of map._map.values()) writers.add(item.id.client);
  return writers;
}

function addAnonymous(repo: WorkspaceRepository, review: Entity<'reviews'>, text: string): string {
  return addNote(repo, review, { topicId: 'support-needs', text, author: null, now: WRITTEN_AT });
}

describe('anonymous notes in a review', () => {
  it('are written by a client of their own, with nothing that names or dates their author', () => {
    const { doc, repo, review } = setup();
    addNote(repo, review(), { topicId: 'support-needs', text: 'Advice takes a week', author: ana, now: WRITTEN_AT });
    const before = clients(doc);

    const id = addAnonymous(repo, review(), 'I do not know whom to ask');

    // The person's own client wrote nothing more; one new client wrote the whole note.
    const after = clients(doc);
    expect(after.get(doc.clientID)).toBe(before.get(doc.clientID));
    const fresh = [...after.keys()].filter((client) => !before.has(client));
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).not.toBe(doc.clientID);
    const writers = writersOf(doc, 'anonymousReviewNotes', id);
    expect([...writers]).toEqual(fresh);
    expect(writers.has(doc.clientID)).toBe(false);

    // What is stored: the note, its review and topic; no author, the day only.
    const stored = toPlain(doc.getMap('anonymousReviewNotes').get(id));
    expect(stored).toEqual({
      id,
      reviewId: review().id,
      topicId: 'support-needs',
      text: 'I do not know whom to ask',
      createdAt: DAY,
      updatedAt: DAY,
      createdBy: 'anonymous',
      deletedAt: null,
    });
    expect(JSON.stringify(stored)).not.toMatch(/ana/i);
    // The review itself did not change: it holds the named note only.
    expect(Object.values(repo.get('reviews', review().id)?.notes ?? {}).map((note) => note.text)).toEqual([
      'Advice takes a week',
    ]);

    // The screens read it among the review's notes, as an anonymous note without an author.
    expect(review().notes[id]).toEqual({
      id,
      topicId: 'support-needs',
      text: 'I do not know whom to ask',
      authorKey: '',
      authorName: '',
      anonymous: true,
      groupId: null,
      createdAt: DAY,
    });
    expect(notesOf(review()).find((note) => note.id === id)?.authorKey).toBeNull();
  });

  it('are not an undo step of the person who wrote them', () => {
    const { doc, repo, review } = setup();
    const undo = createUndoManager(doc, { captureTimeout: 0 });
    addAnonymous(repo, review(), 'Nobody to ask');
    expect(undo.canUndo()).toBe(false);
    undo.destroy();
  });

  it('are grouped, voted on, ungrouped and removed like the review’s own notes', () => {
    const { repo, review } = setup();
    const named = addNote(repo, review(), {
      topicId: 'support-needs',
      text: 'Advice takes a week',
      author: ana,
      now: WRITTEN_AT,
    });
    const apart = addAnonymous(repo, review(), 'Nobody to ask');
    const alone = addAnonymous(repo, review(), 'Too many meetings');
    const group = addGroup(repo, review(), 'support-needs', 'Finding help', WRITTEN_AT);

    // Grouping: the anonymous note's group is set on its own entity, by the person grouping.
    moveNote(repo, review(), apart, group);
    moveNote(repo, review(), named, group);
    expect(repo.get('anonymousReviewNotes', apart)?.groupId).toBe(group);
    const grouping = groupsOf(notesOf(review()), noteGroupsOf(review()));
    expect(grouping.groups[0]?.notes.map((note) => note.id).sort()).toEqual([apart, named].sort());
    expect(grouping.ungrouped.map((note) => note.id)).toEqual([alone]);
    expect(() => moveNote(repo, review(), apart, 'no-such-group')).toThrow(
      'A note can only go into a group of its own topic.',
    );

    // Voting: an ungrouped anonymous note is an item like any other, within the budget.
    const items = voteItemsOf(groupsOf(notesOf(review()), noteGroupsOf(review()))).map((item) => item.itemId);
    expect(items).toEqual([group, alone]);
    for (let vote = 0; vote < 3; vote += 1) castVote(repo, review(), voteMapOf(review()), ben, alone, items);
    expect(() => castVote(repo, review(), voteMapOf(review()), ben, group, items)).toThrow();
    withdrawVote(repo, review(), voteMapOf(review()), ben, alone);
    castVote(repo, review(), voteMapOf(review()), ben, group, items);
    expect(voteMapOf(review())).toEqual({ [voteKey(ben.key, alone)]: 2, [voteKey(ben.key, group)]: 1 });

    // Removing the group ungroups both notes, wherever each is stored.
    removeGroup(repo, review(), group);
    expect(repo.get('anonymousReviewNotes', apart)?.groupId).toBeNull();
    expect(review().notes[named]?.groupId).toBeNull();
    expect(voteMapOf(review())).toEqual({ [voteKey(ben.key, alone)]: 2 });

    // Removing an anonymous note moves it to the trash and takes the votes on it away.
    removeNote(repo, review(), alone);
    expect(repo.get('anonymousReviewNotes', alone)?.deletedAt).not.toBeNull();
    expect(review().notes[alone]).toBeUndefined();
    expect(voteMapOf(review())).toEqual({});
    expect(Object.keys(review().notes).sort()).toEqual([apart, named].sort());
  });

  it('belong to their own review only', () => {
    const { repo, review } = setup();
    const other = repo.create('reviews', {
      title: 'Another review',
      cadence: 'weekly',
      periodStart: '2026-11-23',
      periodEnd: '2026-11-29',
      domainId: null,
    });
    const id = addAnonymous(repo, other, 'Elsewhere');
    expect(review().notes[id]).toBeUndefined();
    expect(() => moveNote(repo, review(), id, null)).toThrow('That note is gone.');
  });
});

describe('learnings recorded in reviews', () => {
  it('are the items a closed review discussed, anonymous notes included, at the time it was closed', () => {
    const { repo, review, store, clock } = setup();
    const apart = addAnonymous(repo, review(), 'Nobody to ask');
    addAnonymous(repo, review(), 'Nobody voted for this');
    const named = addNote(repo, review(), { topicId: 'support-needs', text: 'Slow advice', author: ana, now: 1 });
    const items = [apart, named];
    castVote(repo, review(), voteMapOf(review()), ana, apart, items);
    castVote(repo, review(), voteMapOf(review()), ben, named, items);
    const learnings = () => {
      const { entities } = store.getState();
      return reviewLearningsOf(entities.reviews.values(), [...entities.anonymousReviewNotes.values()]);
    };
    // Not closed yet: nothing recorded.
    expect(learnings()).toEqual([]);

    clock.set(Date.UTC(2026, 11, 1, 10));
    repo.update('reviews', review().id, { status: 'closed', closedAt: clock.now() });
    expect(learnings()).toEqual([
      { recordedAt: Date.UTC(2026, 11, 1, 10), domainId: null },
      { recordedAt: Date.UTC(2026, 11, 1, 10), domainId: null },
    ]);

    // A review in the trash records none.
    repo.softDelete('reviews', review().id);
    expect(learnings()).toEqual([]);
  });
});
