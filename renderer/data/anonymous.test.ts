import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createDocumentStore, selectLive } from './document-store';
import { ANONYMOUS_AUTHOR } from './repository';
import { createTestClock, createTestDoc, createTestRepository } from './test-support';
import { createUndoManager } from './undo';
import { documentToPlain } from './workspace-document';

const answer = {
  periodStart: '2026-11-23',
  domainId: null,
  satisfaction: 4,
  stress: 2,
  collaboration: 5,
  trust: 3,
  anonymous: true,
  respondentName: '',
};

/** The client ids the document has items from, with how many each wrote. */
function clients(doc: Y.Doc): Map<number, number> {
  return Y.decodeStateVector(Y.encodeStateVector(doc));
}

describe('repository.createAnonymous', () => {
  it('writes the answer from a client of its own, with nothing that names its author', () => {
    const doc = createTestDoc(7);
    const clock = createTestClock(Date.UTC(2026, 10, 23, 15, 42, 7));
    const { repo } = createTestRepository(doc, { clock, newId: () => 'pulse-1', userId: 'ana' });
    repo.create('domains', { name: 'Ops', level: 'team', parentId: null });
    const before = clients(doc);

    const created = repo.createAnonymous('pulseChecks', answer);

    const after = clients(doc);
    // The person's own client wrote nothing more; exactly one new client wrote the answer.
    expect(after.get(7)).toBe(before.get(7));
    const newClients = [...after.keys()].filter((client) => !before.has(client));
    expect(newClients).toHaveLength(1);
    expect(newClients[0]).not.toBe(7);
    const day = Date.UTC(2026, 10, 23);
    expect(created).toMatchObject({
      ...answer,
      id: 'pulse-1',
      createdBy: ANONYMOUS_AUTHOR,
      createdAt: day,
      updatedAt: day,
    });
    expect(repo.get('pulseChecks', 'pulse-1')).toEqual(created);
    // Nothing in the stored entry mentions the person.
    expect(JSON.stringify(documentToPlain(doc).entities.pulseChecks)).not.toContain('ana');
  });

  it('reaches the store and is not an undo step of the person', () => {
    const doc = createTestDoc(8);
    const { repo } = createTestRepository(doc, { newId: () => 'pulse-2' });
    const store = createDocumentStore(doc);
    const undo = createUndoManager(doc, { captureTimeout: 0 });
    repo.createAnonymous('pulseChecks', answer);
    expect(selectLive(store.getState(), 'pulseChecks').map((entry) => entry.id)).toEqual(['pulse-2']);
    expect(undo.canUndo()).toBe(false);
    store.destroy();
    undo.destroy();
  });

  it('refuses an answer with a name or not marked anonymous, and invalid scores, writing nothing', () => {
    const doc = createTestDoc(9);
    const { repo } = createTestRepository(doc);
    const before = Y.encodeStateAsUpdate(doc);
    expect(() => repo.createAnonymous('pulseChecks', { ...answer, respondentName: 'Ana' })).toThrow(
      'pulseChecks: an anonymous answer is marked anonymous and carries no name',
    );
    expect(() => repo.createAnonymous('pulseChecks', { ...answer, anonymous: false })).toThrow(
      'pulseChecks: an anonymous answer is marked anonymous and carries no name',
    );
    expect(() => repo.createAnonymous('pulseChecks', { ...answer, stress: 9 })).toThrow(
      'pulseChecks.stress: must be between 1 and 5',
    );
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('is not part of another intent', () => {
    const doc = createTestDoc(10);
    const { repo } = createTestRepository(doc);
    expect(() => repo.transact(() => repo.createAnonymous('pulseChecks', answer))).toThrow(
      'An anonymous entry is written on its own, not as part of another change.',
    );
    expect(doc.getMap('pulseChecks').size).toBe(0);
  });
});
