import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import singleAuthorFixture from '../../test/fixtures/documents/v1-single-author.bin?url&inline';
import v3Fixture from '../../test/fixtures/documents/v3-workspace.bin?url&inline';
import futureFixture from '../../test/fixtures/documents/v5-future.bin?url&inline';
import { openDocument } from './migrations';
import { revertToState } from './revert';
import {
  createTestClock,
  createTestDoc,
  createTestRepository,
  decodeFixture,
  docFromUpdate,
  encodedState,
  syncAll,
  syncOneWay,
} from './test-support';
import { createUndoManager } from './undo';
import {
  RESTORE_ORIGIN,
  documentToPlain,
  getKindMap,
  initialiseDocument,
  toPlain,
  type PlainDocument,
} from './workspace-document';

const REVERT_TIME = 9_000_000;

function plainOf(state: Uint8Array): PlainDocument {
  return documentToPlain(docFromUpdate(state));
}

/** A workspace with some history, a snapshot of it, and then many kinds of change. */
function workspaceWithChangesSinceSnapshot() {
  const doc = createTestDoc(1);
  initialiseDocument(doc, 'ws-1');
  const clock = createTestClock(1_000);
  const { repo } = createTestRepository(doc, { clock });
  const kept = repo.create('domains', { name: 'Product', level: 'team', parentId: null, purpose: 'Build' });
  const trashed = repo.create('domains', { name: 'Old', level: 'team', parentId: null, purpose: '' });
  repo.softDelete('domains', trashed.id);
  const decision = repo.create('decisions', { title: 'Raise prices', domainId: kept.id, status: 'draft', context: '' });
  repo.addToCollection('decisions', decision.id, 'advice', { id: 'a1', authorId: 'u', text: 'Yes', createdAt: 1 });
  repo.addToCollection('decisions', decision.id, 'advice', { id: 'a2', authorId: 'u', text: 'No', createdAt: 2 });
  const gone = repo.create('members', { name: 'Ana', role: 'Lead' });
  const snapshot = Y.encodeStateAsUpdate(doc);

  clock.set(5_000);
  repo.update('domains', kept.id, { name: 'Product & design', purpose: 'Delight' });
  repo.restore('domains', trashed.id);
  repo.softDelete('decisions', decision.id);
  repo.update('decisions', decision.id, { status: 'decided' });
  repo.removeFromCollection('decisions', decision.id, 'advice', 'a1');
  repo.addToCollection('decisions', decision.id, 'advice', { id: 'a3', authorId: 'u', text: 'Maybe', createdAt: 3 });
  const added = repo.create('experiments', { title: 'New', domainId: null, hypothesis: '', status: 'planned' });
  const addedThenDeleted = repo.create('actions', {
    title: 'Gone already',
    ownerId: null,
    dueOn: null,
    done: false,
    reviewId: null,
  });
  repo.softDelete('actions', addedThenDeleted.id);
  // Removed outright (as undoing its creation would), not tombstoned.
  getKindMap(doc, 'members').delete(gone.id);
  return { doc, repo, snapshot, added, addedThenDeleted };
}

describe('revertToState', () => {
  it('makes the content equal to the snapshot, tombstoning what was added since', () => {
    const { doc, snapshot, added, addedThenDeleted } = workspaceWithChangesSinceSnapshot();
    const deletedAtBefore = documentToPlain(doc).entities.actions[addedThenDeleted.id];
    revertToState(doc, snapshot, REVERT_TIME);
    const reverted = documentToPlain(doc);
    const expected = plainOf(snapshot);
    const { experiments, actions, ...rest } = reverted.entities;
    const { experiments: snapshotExperiments, actions: snapshotActions, ...snapshotRest } = expected.entities;
    expect(rest).toEqual(snapshotRest);
    expect(snapshotExperiments).toEqual({});
    expect(snapshotActions).toEqual({});
    expect(experiments).toEqual({
      [added.id]: { ...added, deletedAt: REVERT_TIME, updatedAt: REVERT_TIME },
    });
    // Already in the trash: left as it was.
    expect(actions).toEqual({ [addedThenDeleted.id]: deletedAtBefore });
    expect(reverted.schemaVersion).toBe(expected.schemaVersion);
    expect(reverted.workspaceId).toBe(expected.workspaceId);
  });

  it('writes new operations in one transaction with RESTORE_ORIGIN, which undo does not track', () => {
    const { doc, snapshot } = workspaceWithChangesSinceSnapshot();
    const undo = createUndoManager(doc, { captureTimeout: 0 });
    const origins: unknown[] = [];
    doc.on('afterTransaction', (transaction) => origins.push(transaction.origin));
    const vectorBefore = Y.encodeStateVector(doc);
    revertToState(doc, snapshot, REVERT_TIME);
    expect(origins).toEqual([RESTORE_ORIGIN]);
    expect(Y.encodeStateVector(doc)).not.toEqual(vectorBefore);
    expect(undo.canUndo()).toBe(false);
    undo.destroy();
  });

  it('reaches a third peer that merges the reverted document', () => {
    const { doc, snapshot } = workspaceWithChangesSinceSnapshot();
    const second = createTestDoc(2);
    const third = createTestDoc(3);
    syncAll([doc, second, third]);
    revertToState(doc, snapshot, REVERT_TIME);
    syncOneWay(doc, second);
    syncOneWay(second, third);
    expect(documentToPlain(third)).toEqual(documentToPlain(doc));
    expect(documentToPlain(third).entities.domains).toEqual(plainOf(snapshot).entities.domains);
  });

  it('keeps a concurrent edit to an entity the revert tombstones', () => {
    const { doc, snapshot, added } = workspaceWithChangesSinceSnapshot();
    const peer = createTestDoc(2);
    syncAll([doc, peer]);
    createTestRepository(peer).repo.update('experiments', added.id, { hypothesis: 'Written offline' });
    revertToState(doc, snapshot, REVERT_TIME);
    syncAll([doc, peer]);
    expect(documentToPlain(peer).entities.experiments[added.id]).toMatchObject({
      hypothesis: 'Written offline',
      deletedAt: REVERT_TIME,
    });
  });

  it('writes nothing when the document already equals the snapshot', () => {
    const doc = createTestDoc(1);
    // Stamped as the app opens a workspace (see openWorkspaceSession): a snapshot without a
    // schema version but with entities would be taken for version 1 and migrated.
    initialiseDocument(doc, 'ws-1');
    expect(openDocument(doc)).toEqual({ mode: 'editable', migratedFrom: null });
    const { repo } = createTestRepository(doc);
    repo.create('domains', { name: 'Product', level: 'team', parentId: null, purpose: '' });
    const snapshot = Y.encodeStateAsUpdate(doc);
    const before = encodedState(doc);
    revertToState(doc, snapshot, REVERT_TIME);
    expect(encodedState(doc)).toEqual(before);
  });

  it("sets back a schema-3 snapshot's items where they are, in their collection maps", () => {
    const old = decodeFixture(v3Fixture);
    const doc = docFromUpdate(old, 61);
    openDocument(doc);
    const pricing = getKindMap(doc, 'decisions').get('decision-pricing') as Y.Map<unknown>;
    const pricingAdvice = pricing.get('advice') as Y.Map<unknown>;
    const benAdvice = pricingAdvice.get('advice-ben');
    const { repo } = createTestRepository(doc);
    repo.removeFromCollection('decisions', 'decision-pricing', 'advice', 'advice-ana');
    repo.updateInCollection('decisions', 'decision-pricing', 'advice', 'advice-ben', { text: 'Rewritten.' });
    repo.updateInCollection('policies', 'policy-product', 'changes', 'change-2', { reason: 'Rewritten.' });
    repo.addToCollection('decisions', 'decision-vendor', 'advice', {
      id: 'a1',
      authorId: 'u',
      text: 'New',
      createdAt: 1,
    });
    const agreement = 'agreement-pricing-page';
    repo.updateInCollection('domains', 'domain-web', 'agreements', agreement, { escalationPath: [] });
    revertToState(doc, old, REVERT_TIME);
    const migratedSnapshot = docFromUpdate(old, 62);
    openDocument(migratedSnapshot);
    expect(documentToPlain(doc).entities).toEqual(documentToPlain(migratedSnapshot).entities);
    // The removed item is back in the advice map, the edited one set back in its own map (the
    // same one), and the item added since under its own key is gone.
    expect(pricing.get('advice')).toBe(pricingAdvice);
    expect(pricingAdvice.get('advice-ana')).toBeInstanceOf(Y.Map);
    expect(pricingAdvice.get('advice-ben')).toBe(benAdvice);
    expect((benAdvice as Y.Map<unknown>).get('text')).toBe('Ask three customers first.');
    expect([...pricing.keys()].filter((key) => key.includes('/'))).toEqual([]);
    const vendor = getKindMap(doc, 'decisions').get('decision-vendor') as Y.Map<unknown>;
    expect(vendor.has('advice/a1')).toBe(false);
    expect(toPlain(vendor.get('advice'))).toEqual({});
    expect(repo.get('domains', 'domain-web')?.agreements[agreement]?.escalationPath).toEqual([
      'domain-web',
      'domain-product',
    ]);
    expect(Object.keys(repo.get('decisions', 'decision-pricing')?.advice ?? {})).toEqual(['advice-ana', 'advice-ben']);
  });

  it('migrates a snapshot taken before a migration, and refuses one from a newer schema', () => {
    const old = decodeFixture(singleAuthorFixture);
    const doc = docFromUpdate(old, 51);
    openDocument(doc);
    const { repo } = createTestRepository(doc);
    repo.update('domains', 'domain-product', { name: 'Renamed' });
    revertToState(doc, old, REVERT_TIME);
    const migratedSnapshot = docFromUpdate(old, 52);
    openDocument(migratedSnapshot);
    expect(documentToPlain(doc).entities).toEqual(documentToPlain(migratedSnapshot).entities);

    const before = encodedState(doc);
    expect(() => revertToState(doc, decodeFixture(futureFixture), REVERT_TIME)).toThrow(
      /^This snapshot cannot be restored\. This workspace was saved by a newer version of Latitude \(schema 5\)/,
    );
    expect(encodedState(doc)).toEqual(before);
  });
});
