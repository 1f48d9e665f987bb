/**
 * The review process's data (issue 7): a review's fields and their defaults, its keyed notes,
 * groups, votes and check-ins, actions' new fields, and review templates, written through the
 * repository and merged between peers.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { voteKey } from '@shared/review';
import { createDocumentStore } from './document-store';
import { createTestDoc, createTestRepository, syncAll } from './test-support';
import { documentToPlain, getKindMap, initialiseDocument, plainDocumentSchema } from './workspace-document';

const monthly = {
  title: 'Monthly review: November 2026',
  cadence: 'monthly',
  periodStart: '2026-11-01',
  periodEnd: '2026-11-30',
  domainId: null,
} as const;

const note = (fields: Record<string, unknown> = {}) => ({
  topicId: 'support-needs' as const,
  text: 'Advice takes too long',
  authorKey: 'user-1',
  authorName: 'Ana',
  anonymous: false,
  groupId: null,
  createdAt: 5,
  ...fields,
});

describe('reviews: fields and collections', () => {
  it('gives a new review every default, stores none of them, and reads them back', () => {
    const doc = createTestDoc(1);
    initialiseDocument(doc, 'ws-1');
    const { repo } = createTestRepository(doc);
    const review = repo.create('reviews', monthly);
    expect(review).toMatchObject({
      includeSubdomains: false,
      phase: 'check-in',
      status: 'planned',
      facilitatorId: null,
      facilitatorName: '',
      notesHidden: false,
      phaseEndsAt: null,
      voteBudget: 3,
      templateId: null,
      summary: '',
      closedAt: null,
      notes: {},
      groups: {},
      votes: {},
      checkIns: {},
    });
    // Only what differs from a default is stored, so a review written before these fields existed reads the same.
    const stored = documentToPlain(doc).entities.reviews[review.id] as Record<string, unknown>;
    expect(Object.keys(stored).sort()).toEqual(
      ['id', 'createdAt', 'updatedAt', 'createdBy', 'deletedAt', ...Object.keys(monthly)].sort(),
    );
    expect(plainDocumentSchema.parse(documentToPlain(doc)).entities.reviews[review.id]).toEqual(review);
  });

  it('moves phases, times a phase and refuses an unknown phase or a budget outside 1–20', () => {
    const { repo } = createTestRepository(createTestDoc(1));
    const review = repo.create('reviews', monthly);
    expect(repo.update('reviews', review.id, { phase: 'vote', status: 'running', phaseEndsAt: 600_000 })).toMatchObject(
      {
        phase: 'vote',
        status: 'running',
        phaseEndsAt: 600_000,
      },
    );
    expect(() => repo.update('reviews', review.id, { phase: 'lunch' as 'vote' })).toThrow(/reviews\.phase/);
    expect(() => repo.update('reviews', review.id, { voteBudget: 0 })).toThrow(
      'reviews.voteBudget: must be between 1 and 20',
    );
    expect(() => repo.update('reviews', review.id, { voteBudget: 21 })).toThrow(
      'reviews.voteBudget: must be between 1 and 20',
    );
    expect(() => repo.update('reviews', review.id, { voteBudget: 2.5 })).toThrow(
      'reviews.voteBudget: must be a whole number',
    );
  });

  it('keeps no author with an anonymous note and refuses one that names somebody', () => {
    const { repo } = createTestRepository(createTestDoc(1));
    const review = repo.create('reviews', monthly);
    const anonymous = repo.addToCollection(
      'reviews',
      review.id,
      'notes',
      note({ authorKey: '', authorName: '', anonymous: true }),
    );
    expect(anonymous).toMatchObject({ authorKey: '', authorName: '', anonymous: true });
    expect(() =>
      repo.addToCollection(
        'reviews',
        review.id,
        'notes',
        note({ authorKey: 'user-1', authorName: '', anonymous: true }),
      ),
    ).toThrow(/an anonymous note carries no author/);
    expect(() =>
      repo.addToCollection('reviews', review.id, 'notes', note({ authorKey: '', authorName: 'Ana', anonymous: true })),
    ).toThrow(/an anonymous note carries no author/);
    expect(() => repo.addToCollection('reviews', review.id, 'notes', note({ authorKey: '' }))).toThrow(
      /a named one has one/,
    );
    expect(() => repo.addToCollection('reviews', review.id, 'notes', note({ topicId: 'lunch' }))).toThrow(/topicId/);
    expect(() => repo.addToCollection('reviews', review.id, 'notes', note({ text: '   ' }))).toThrow(
      /must not be empty/,
    );
  });

  it('stores each vote under its vote key and refuses a key of another person or item', () => {
    const { repo } = createTestRepository(createTestDoc(1));
    const review = repo.create('reviews', monthly);
    const key = voteKey('name:ana lima', 'note-1');
    expect(
      repo.addToCollection('reviews', review.id, 'votes', {
        id: key,
        personKey: 'name:ana lima',
        personName: 'Ana Lima',
        itemId: 'note-1',
        count: 2,
      }),
    ).toMatchObject({ id: 'name%3Aana%20lima|note-1', count: 2 });
    expect(() =>
      repo.addToCollection('reviews', review.id, 'votes', {
        id: voteKey('ben', 'note-1'),
        personKey: 'ana',
        personName: '',
        itemId: 'note-1',
        count: 1,
      }),
    ).toThrow(/must be the vote key of its person and item/);
    expect(() => repo.updateInCollection('reviews', review.id, 'votes', key, { count: 21 })).toThrow(/at most 20/);
    expect(repo.get('reviews', review.id)?.votes[key]?.count).toBe(2);
  });

  it('merges notes, votes and check-ins two laptops add at once', () => {
    const ana = createTestDoc(1);
    const ben = createTestDoc(2);
    const { repo: anaRepo } = createTestRepository(ana, { userId: 'ana' });
    const { repo: benRepo } = createTestRepository(ben, { userId: 'ben' });
    const review = anaRepo.create('reviews', monthly);
    syncAll([ana, ben]);
    anaRepo.addToCollection('reviews', review.id, 'notes', note({ id: 'n-ana', authorKey: 'ana' }));
    anaRepo.addToCollection('reviews', review.id, 'votes', {
      id: voteKey('ana', 'n-ana'),
      personKey: 'ana',
      personName: 'Ana',
      itemId: 'n-ana',
      count: 3,
    });
    anaRepo.addToCollection('reviews', review.id, 'checkIns', {
      id: 'ana',
      name: 'Ana',
      word: 'Curious',
      createdAt: 1,
    });
    benRepo.addToCollection(
      'reviews',
      review.id,
      'notes',
      note({ id: 'n-ben', authorKey: '', authorName: '', anonymous: true }),
    );
    benRepo.addToCollection('reviews', review.id, 'votes', {
      id: voteKey('ben', 'n-ana'),
      personKey: 'ben',
      personName: 'Ben',
      itemId: 'n-ana',
      count: 1,
    });
    benRepo.addToCollection('reviews', review.id, 'checkIns', { id: 'ben', name: 'Ben', word: 'Tired', createdAt: 2 });
    benRepo.update('reviews', review.id, { phase: 'reflect' });
    syncAll([ana, ben]);
    for (const doc of [ana, ben]) {
      const store = createDocumentStore(doc);
      const merged = store.getState().entities.reviews.get(review.id);
      expect(Object.keys(merged?.notes ?? {})).toEqual(['n-ana', 'n-ben']);
      expect(Object.keys(merged?.votes ?? {})).toEqual(['ana|n-ana', 'ben|n-ana']);
      expect(Object.keys(merged?.checkIns ?? {})).toEqual(['ana', 'ben']);
      expect(merged?.phase).toBe('reflect');
      expect(store.getState().invalid).toEqual([]);
      store.destroy();
    }
    expect(Y.encodeStateAsUpdate(ana)).toEqual(Y.encodeStateAsUpdate(ben));
  });

  it('gives actions an owner name, a done time and the topic they came from, all defaulted', () => {
    const { repo } = createTestRepository(createTestDoc(1));
    const review = repo.create('reviews', monthly);
    const action = repo.create('actions', {
      title: 'Pair on advice',
      ownerId: null,
      dueOn: null,
      done: false,
      reviewId: review.id,
    });
    expect(action).toMatchObject({ ownerName: '', doneAt: null, sourceTopicId: '' });
    expect(
      repo.update('actions', action.id, { done: true, doneAt: 99, ownerName: 'Ben', sourceTopicId: 'support-needs' }),
    ).toMatchObject({ done: true, doneAt: 99, ownerName: 'Ben', sourceTopicId: 'support-needs' });
    expect(() => repo.update('actions', action.id, { sourceTopicId: 'lunch' as '' })).toThrow(/sourceTopicId/);
  });
});

describe('review templates', () => {
  it('keeps a template of a cadence with its topics, prompts as a list, and reads it in backups', () => {
    const doc = createTestDoc(1);
    initialiseDocument(doc, 'ws-1');
    const { repo } = createTestRepository(doc);
    const template = repo.create('reviewTemplates', { name: 'Short monthly', cadence: 'monthly' });
    repo.addToCollection('reviewTemplates', template.id, 'topics', {
      id: 'support-needs',
      title: 'Help we need',
      prompts: ['Who is stuck?', 'Who can help?'],
      hidden: false,
    });
    repo.addToCollection('reviewTemplates', template.id, 'topics', {
      id: 'capability-gaps',
      title: '',
      prompts: [],
      hidden: true,
    });
    const read = repo.get('reviewTemplates', template.id);
    expect(read?.topics['support-needs']?.prompts).toEqual(['Who is stuck?', 'Who can help?']);
    expect(Object.isFrozen(read?.topics['support-needs']?.prompts)).toBe(true);
    expect(read?.topics['capability-gaps']).toEqual({ id: 'capability-gaps', title: '', prompts: [], hidden: true });
    expect(() =>
      repo.addToCollection('reviewTemplates', template.id, 'topics', {
        id: 'quick-wins',
        title: '',
        prompts: Array.from({ length: 11 }, (_, index) => `Question ${index}?`),
        hidden: false,
      }),
    ).toThrow('reviewTemplates.topics.quick-wins.prompts: must have at most 10 prompts');
    expect(plainDocumentSchema.parse(documentToPlain(doc)).entities.reviewTemplates[template.id]).toEqual(read);
    expect(getKindMap(doc, 'reviewTemplates').size).toBe(1);
  });
});
