import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { openDocument } from './migrations';
import { createTestClock, createTestDoc, createTestRepository, storeOlderCollection, syncOneWay } from './test-support';
import { createUndoManager } from './undo';
import { IMPORT_ORIGIN, documentToPlain, getKindMap, toPlain } from './workspace-document';

const domainFields = { name: 'Product', level: 'team', parentId: null, purpose: '' } as const;

function setup() {
  const doc = createTestDoc(1);
  const clock = createTestClock(1_000);
  const { repo } = createTestRepository(doc, { clock });
  const undo = createUndoManager(doc, { captureTimeout: 0, now: () => 7_777 });
  return { doc, repo, clock, undo };
}

describe('undo', () => {
  it('undoes and redoes each local intent as one step', () => {
    const { repo, undo } = setup();
    const domain = repo.create('domains', domainFields);
    repo.update('domains', domain.id, { name: 'Renamed' });
    repo.softDelete('domains', domain.id);
    expect(undo.canUndo()).toBe(true);
    expect(undo.canRedo()).toBe(false);

    expect(undo.undo()).toBe(true);
    expect(repo.get('domains', domain.id)).toMatchObject({ name: 'Renamed', deletedAt: null });
    expect(undo.undo()).toBe(true);
    expect(repo.get('domains', domain.id)).toMatchObject({ name: 'Product' });
    // Undoing the creation moves the entity to the trash (see undo.ts).
    expect(undo.undo()).toBe(true);
    expect(repo.get('domains', domain.id)).toMatchObject({ name: 'Product', deletedAt: 7_777, updatedAt: 7_777 });
    expect(undo.undo()).toBe(false);

    expect(undo.redo()).toBe(true);
    expect(repo.get('domains', domain.id)).toEqual(domain);
    expect(undo.redo()).toBe(true);
    expect(repo.get('domains', domain.id)).toMatchObject({ name: 'Renamed', deletedAt: null });
    expect(undo.canRedo()).toBe(true);
    undo.destroy();
  });

  it('undoes a grouped intent as one step', () => {
    const { repo, undo } = setup();
    const [domain, decision] = repo.transact(() => {
      const created = repo.create('domains', domainFields);
      return [created, repo.create('decisions', { title: 'X', domainId: created.id, status: 'draft', context: '' })];
    });
    undo.undo();
    expect(undo.canUndo()).toBe(false);
    expect(repo.get('domains', domain.id)?.deletedAt).toBe(7_777);
    expect(repo.get('decisions', decision.id)?.deletedAt).toBe(7_777);
    undo.destroy();
  });

  it('never undoes a change with another origin: remote peers, imports, migrations', () => {
    const { doc, repo, undo } = setup();
    const local = repo.create('domains', domainFields);

    const peer = createTestDoc(2);
    const { repo: peerRepo } = createTestRepository(peer);
    const remote = peerRepo.create('members', { name: 'Ben', role: '' });
    syncOneWay(peer, doc, 'remote-peer');

    doc.transact(() => getKindMap(doc, 'domains').delete('never-there'), IMPORT_ORIGIN);
    const imported = new Y.Map<unknown>([['note', 'imported']]);
    doc.transact(() => getKindMap(doc, 'members').set('imported', imported), IMPORT_ORIGIN);

    expect(undo.undo()).toBe(true);
    expect(undo.canUndo()).toBe(false);
    // The local creation is undone (to the trash); what came from elsewhere stays.
    expect(repo.get('domains', local.id)?.deletedAt).toBe(7_777);
    expect(repo.get('members', remote.id)).toEqual(remote);
    expect(getKindMap(doc, 'members').has('imported')).toBe(true);
    undo.destroy();
  });

  it('does not undo a migration', () => {
    const doc = createTestDoc(1);
    getKindMap(doc, 'domains').set(
      'old',
      new Y.Map<unknown>(
        Object.entries({
          id: 'old',
          createdAt: 1,
          updatedAt: 2,
          createdBy: 'u',
          deleted: true,
          name: 'Old',
          level: 'team',
          parentId: null,
        }),
      ),
    );
    const undo = createUndoManager(doc, { captureTimeout: 0 });
    expect(openDocument(doc)).toEqual({ mode: 'editable', migratedFrom: 1 });
    expect(undo.canUndo()).toBe(false);
    undo.destroy();
  });

  it('keeps a remote change made after a local one when undoing the local one', () => {
    const { doc, repo, undo } = setup();
    const domain = repo.create('domains', domainFields);
    undo.stopCapturing();
    repo.update('domains', domain.id, { name: 'Local name' });
    const peer = createTestDoc(2);
    syncOneWay(doc, peer);
    createTestRepository(peer).repo.update('domains', domain.id, { purpose: 'Remote purpose' });
    syncOneWay(peer, doc);
    undo.undo();
    expect(repo.get('domains', domain.id)).toMatchObject({ name: 'Product', purpose: 'Remote purpose' });
    undo.destroy();
  });

  it('never leaves a field empty when undoing a value that won a concurrent conflict', () => {
    // Yjs alone deletes the winning value and cannot bring back the old one (the losing
    // peer's value lies in between), leaving no name at all. Both tie-break directions.
    for (const [undoingClient, otherClient] of [
      [2, 1],
      [1, 2],
    ] as const) {
      const doc = createTestDoc(undoingClient);
      const other = createTestDoc(otherClient);
      const { repo } = createTestRepository(doc);
      const { repo: otherRepo } = createTestRepository(other);
      const undo = createUndoManager(doc, { captureTimeout: 0 });
      const domain = otherRepo.create('domains', domainFields);
      syncOneWay(other, doc);
      repo.update('domains', domain.id, { name: 'Mine' });
      otherRepo.update('domains', domain.id, { name: 'Theirs' });
      syncOneWay(doc, other);
      syncOneWay(other, doc);
      const merged = repo.get('domains', domain.id)?.name;
      expect(merged).toBe(undoingClient > otherClient ? 'Mine' : 'Theirs');

      // Mine won: undo shows what this person saw before. Theirs won: the step no longer
      // shows anywhere, so Yjs finds nothing to undo, and theirs stays.
      const mineWon = undoingClient > otherClient;
      expect(undo.undo()).toBe(mineWon);
      syncOneWay(doc, other);
      const afterUndo = mineWon ? 'Product' : 'Theirs';
      expect(repo.get('domains', domain.id)?.name).toBe(afterUndo);
      expect(otherRepo.get('domains', domain.id)?.name).toBe(afterUndo);
      expect(undo.canUndo()).toBe(false);

      if (mineWon) {
        expect(undo.redo()).toBe(true);
        expect(repo.get('domains', domain.id)?.name).toBe('Mine');
      }
      undo.destroy();
    }
  });

  it("keeps a peer's edits inside an entity whose creation is undone, and redo brings it back whole", () => {
    const { doc, repo, undo } = setup();
    const peer = createTestDoc(2);
    const { repo: peerRepo } = createTestRepository(peer);
    const decision = repo.create('decisions', { title: 'Hire', domainId: null, status: 'draft', context: '' });
    syncOneWay(doc, peer);
    peerRepo.update('decisions', decision.id, { context: 'Written by the peer' });
    peerRepo.addToCollection('decisions', decision.id, 'advice', { authorId: 'p', text: 'Yes', createdAt: 1 });
    undo.undo();
    syncOneWay(peer, doc);
    syncOneWay(doc, peer);
    for (const r of [repo, peerRepo]) {
      expect(r.get('decisions', decision.id)).toMatchObject({ context: 'Written by the peer', deletedAt: 7_777 });
    }
    undo.redo();
    syncOneWay(doc, peer);
    for (const r of [repo, peerRepo]) {
      const entity = r.get('decisions', decision.id);
      expect(entity).toMatchObject({ title: 'Hire', context: 'Written by the peer', deletedAt: null });
      expect(Object.keys(entity?.advice ?? {})).toHaveLength(1);
    }
  });

  it('skips a creation step a peer already trashed, as Yjs skips steps with no visible effect', () => {
    const { doc, repo, undo } = setup();
    const first = repo.create('members', { name: 'Ana', role: '' });
    const decision = repo.create('decisions', { title: 'Hire', domainId: null, status: 'draft', context: '' });
    const peer = createTestDoc(2);
    syncOneWay(doc, peer);
    createTestRepository(peer).repo.softDelete('decisions', decision.id);
    syncOneWay(peer, doc);
    undo.undo();
    expect(repo.get('decisions', decision.id)?.deletedAt).not.toBeNull();
    expect(repo.get('members', first.id)?.deletedAt).toBe(7_777);
  });

  it('keeps a field written while a peer update was half-applied, so the late value cannot erase it', () => {
    const peer = createTestDoc(1);
    const { repo: peerRepo } = createTestRepository(peer);
    const updates: Uint8Array[] = [];
    peer.on('update', (update: Uint8Array) => updates.push(update));
    const decision = peerRepo.create('decisions', { title: 'Hire', domainId: null, status: 'draft', context: '' });
    peerRepo.create('members', { name: 'Ana', role: '' });
    peerRepo.update('decisions', decision.id, { title: 'Hire two' });
    const [created, member, renamed] = updates;

    const { doc, repo, undo } = setup();
    Y.applyUpdate(doc, created!, 'remote');
    // The rename arrives before the member it follows: Yjs applies its deletions (the old
    // title and updatedAt) now and holds its new values until the member arrives.
    Y.applyUpdate(doc, renamed!, 'remote');
    expect(repo.get('decisions', decision.id)).toBeUndefined();
    repo.addToCollection('decisions', decision.id, 'advice', { authorId: 'u', text: 'Yes', createdAt: 1 });
    undo.undo();
    Y.applyUpdate(doc, member!, 'remote');
    syncOneWay(doc, peer);
    for (const r of [repo, peerRepo]) {
      expect(r.get('decisions', decision.id)).toMatchObject({ title: 'Hire two', advice: {} });
    }
  });

  it('undoes and redoes adding an item: its key goes, and comes back', () => {
    const { doc, repo, clock, undo } = setup();
    const decision = repo.create('decisions', { title: 'Hire', domainId: null, status: 'draft', context: '' });
    undo.stopCapturing();
    clock.set(2_000);
    const advice = repo.addToCollection('decisions', decision.id, 'advice', {
      id: 'a1',
      authorId: 'u',
      text: 'Yes',
      createdAt: 1,
    });
    const map = getKindMap(doc, 'decisions').get(decision.id) as Y.Map<unknown>;
    expect(undo.undo()).toBe(true);
    expect(map.has('advice/a1')).toBe(false);
    expect(repo.get('decisions', decision.id)).toEqual(decision);
    expect(undo.redo()).toBe(true);
    expect(map.get('advice/a1')).toBeInstanceOf(Y.Map);
    expect(repo.get('decisions', decision.id)).toMatchObject({ updatedAt: 2_000, advice: { a1: advice } });
    undo.destroy();
  });

  it('undoes and redoes removing an item: it comes back whole, then goes again', () => {
    const { doc, repo, clock, undo } = setup();
    const decision = repo.create('decisions', { title: 'Hire', domainId: null, status: 'draft', context: '' });
    const position = {
      id: 'p1',
      participantName: 'Ada',
      stance: 'objection' as const,
      note: 'Not this quarter.',
      recordedBy: 'user-1',
      updatedAt: 1_500,
    };
    repo.addToCollection('decisions', decision.id, 'positions', position);
    const withItem = repo.get('decisions', decision.id);
    undo.stopCapturing();
    clock.set(3_000);
    repo.removeFromCollection('decisions', decision.id, 'positions', 'p1');
    expect(undo.undo()).toBe(true);
    expect(repo.get('decisions', decision.id)).toEqual(withItem);
    const map = getKindMap(doc, 'decisions').get(decision.id) as Y.Map<unknown>;
    expect(map.get('positions/p1')).toBeInstanceOf(Y.Map);
    expect(undo.redo()).toBe(true);
    expect(repo.get('decisions', decision.id)).toMatchObject({ updatedAt: 3_000, positions: {} });
    expect(map.has('positions/p1')).toBe(false);
    undo.destroy();
  });

  it('after add, remove, undo, undo: no item, and the entity readable; redo twice gets back to removed', () => {
    const { doc, repo, clock, undo } = setup();
    const decision = repo.create('decisions', { title: 'Hire', domainId: null, status: 'draft', context: '' });
    const map = getKindMap(doc, 'decisions').get(decision.id) as Y.Map<unknown>;
    const storedAfterCreate = toPlain(map);
    undo.stopCapturing();
    clock.set(2_000);
    const advice = repo.addToCollection('decisions', decision.id, 'advice', {
      id: 'a1',
      authorId: 'u',
      text: 'Yes',
      createdAt: 1,
    });
    clock.set(3_000);
    repo.removeFromCollection('decisions', decision.id, 'advice', 'a1');

    expect(undo.undo()).toBe(true);
    expect(repo.get('decisions', decision.id)).toMatchObject({ updatedAt: 2_000, advice: { a1: advice } });
    // Undoing the addition removes the item brought back by the undo before it: an item is
    // not a field that must keep a value.
    expect(undo.undo()).toBe(true);
    expect(map.has('advice/a1')).toBe(false);
    expect(repo.get('decisions', decision.id)).toEqual(decision);
    expect(toPlain(map)).toEqual(storedAfterCreate);

    expect(undo.redo()).toBe(true);
    expect(repo.get('decisions', decision.id)).toMatchObject({ updatedAt: 2_000, advice: { a1: advice } });
    expect(undo.redo()).toBe(true);
    expect(repo.get('decisions', decision.id)).toMatchObject({ updatedAt: 3_000, advice: {} });
    expect(undo.canRedo()).toBe(false);
    undo.destroy();
  });

  describe('an item in a collection map of schema 3 and before', () => {
    const advice = (id: string, text: string) => ({ id, authorId: 'u', text, createdAt: 1 });
    const read = (id: string, text: string) => ({ ...advice(id, text), authorName: '', fromDomainId: null });

    /** A decision whose advice a1 and a2 sit in its `advice` map, not written by this person. */
    function withOlderAdvice() {
      const context = setup();
      const decision = context.repo.create('decisions', {
        title: 'Hire',
        domainId: null,
        status: 'draft',
        context: '',
      });
      context.undo.stopCapturing();
      const older = storeOlderCollection(context.doc, 'decisions', decision.id, 'advice', [
        advice('a1', 'One'),
        advice('a2', 'Two'),
      ]);
      const entity = getKindMap(context.doc, 'decisions').get(decision.id) as Y.Map<unknown>;
      return { ...context, decision, older, entity, before: context.repo.get('decisions', decision.id) };
    }

    it('undoes and redoes an update of it in place: the same item map, nothing under its own key', () => {
      const { repo, clock, undo, decision, older, entity, before } = withOlderAdvice();
      const item = older.get('a1');
      clock.set(2_000);
      repo.updateInCollection('decisions', decision.id, 'advice', 'a1', { text: 'One, edited', authorName: 'Ana' });
      const after = repo.get('decisions', decision.id);
      expect(after?.advice.a1).toEqual({ ...read('a1', 'One, edited'), authorName: 'Ana' });

      expect(undo.undo()).toBe(true);
      expect(repo.get('decisions', decision.id)).toEqual(before);
      expect(older.get('a1')).toBe(item);
      expect(toPlain(item)).toEqual(advice('a1', 'One'));

      expect(undo.redo()).toBe(true);
      expect(repo.get('decisions', decision.id)).toEqual(after);
      expect(older.get('a1')).toBe(item);
      expect(entity.get('advice')).toBe(older);
      expect([...entity.keys()].filter((key) => key.includes('/'))).toEqual([]);
      undo.destroy();
    });

    it('undoes and redoes its removal: it comes back whole, in the map, then goes again', () => {
      const { repo, clock, undo, decision, older, entity, before } = withOlderAdvice();
      clock.set(3_000);
      repo.removeFromCollection('decisions', decision.id, 'advice', 'a1');
      expect(repo.get('decisions', decision.id)?.advice).toEqual({ a2: read('a2', 'Two') });

      expect(undo.undo()).toBe(true);
      expect(repo.get('decisions', decision.id)).toEqual(before);
      expect(entity.get('advice')).toBe(older);
      expect(older.get('a1')).toBeInstanceOf(Y.Map);
      expect(toPlain(older)).toEqual({ a1: advice('a1', 'One'), a2: advice('a2', 'Two') });
      expect([...entity.keys()].filter((key) => key.includes('/'))).toEqual([]);

      expect(undo.redo()).toBe(true);
      expect(repo.get('decisions', decision.id)).toMatchObject({ updatedAt: 3_000, advice: { a2: read('a2', 'Two') } });
      expect(toPlain(older)).toEqual({ a2: advice('a2', 'Two') });
      // And once more: undo brings it back again, where it was.
      expect(undo.undo()).toBe(true);
      expect(repo.get('decisions', decision.id)).toEqual(before);
      undo.destroy();
    });

    it('undoes an update then a removal of it, step by step, and redoes both', () => {
      const { repo, clock, undo, decision, older, before } = withOlderAdvice();
      clock.set(2_000);
      repo.updateInCollection('decisions', decision.id, 'advice', 'a1', { text: 'One, edited' });
      const edited = repo.get('decisions', decision.id);
      clock.set(3_000);
      repo.removeFromCollection('decisions', decision.id, 'advice', 'a1');
      const removed = repo.get('decisions', decision.id);

      expect(undo.undo()).toBe(true);
      expect(repo.get('decisions', decision.id)).toEqual(edited);
      expect(undo.undo()).toBe(true);
      expect(repo.get('decisions', decision.id)).toEqual(before);
      expect(toPlain(older)).toEqual({ a1: advice('a1', 'One'), a2: advice('a2', 'Two') });

      expect(undo.redo()).toBe(true);
      expect(repo.get('decisions', decision.id)).toEqual(edited);
      expect(undo.redo()).toBe(true);
      expect(repo.get('decisions', decision.id)).toEqual(removed);
      undo.destroy();
    });

    it('undoes the removal of an id that was in the map and under its own key: both come back', () => {
      const { doc, repo, clock, undo, decision, older, entity } = withOlderAdvice();
      // Under its own key too (a peer's write, not this person's).
      doc.transact(() => {
        entity.set('advice/a1', new Y.Map<unknown>(Object.entries(advice('a1', 'One, own key'))));
      }, 'remote');
      const before = repo.get('decisions', decision.id);
      expect(before?.advice.a1).toEqual(read('a1', 'One, own key'));
      clock.set(3_000);
      repo.removeFromCollection('decisions', decision.id, 'advice', 'a1');
      expect(Object.keys(repo.get('decisions', decision.id)?.advice ?? {})).toEqual(['a2']);

      expect(undo.undo()).toBe(true);
      expect(repo.get('decisions', decision.id)).toEqual(before);
      expect(toPlain(entity.get('advice/a1'))).toEqual(advice('a1', 'One, own key'));
      expect(toPlain(older.get('a1'))).toEqual(advice('a1', 'One'));
      expect(undo.redo()).toBe(true);
      expect(Object.keys(repo.get('decisions', decision.id)?.advice ?? {})).toEqual(['a2']);
      expect(entity.has('advice/a1')).toBe(false);
      expect(older.has('a1')).toBe(false);
      undo.destroy();
    });
  });

  it("undoes this person's item and keeps the item a peer added to the same collection at the same time", () => {
    const { doc, repo, undo } = setup();
    const peer = createTestDoc(2);
    const { repo: peerRepo } = createTestRepository(peer);
    const decision = repo.create('decisions', { title: 'Hire', domainId: null, status: 'draft', context: '' });
    undo.stopCapturing();
    syncOneWay(doc, peer);
    repo.addToCollection('decisions', decision.id, 'advice', { id: 'mine', authorId: 'u', text: 'A', createdAt: 1 });
    peerRepo.addToCollection('decisions', decision.id, 'advice', {
      id: 'theirs',
      authorId: 'p',
      text: 'B',
      createdAt: 2,
    });
    syncOneWay(peer, doc);
    undo.undo();
    syncOneWay(doc, peer);
    for (const r of [repo, peerRepo]) {
      expect(Object.keys(r.get('decisions', decision.id)?.advice ?? {})).toEqual(['theirs']);
    }
    expect(documentToPlain(doc)).toEqual(documentToPlain(peer));
    undo.destroy();
  });

  it('does not record an intent that failed and was rolled back', () => {
    const { repo, undo } = setup();
    const domain = repo.create('domains', domainFields);
    undo.stopCapturing();
    expect(() =>
      repo.transact(() => {
        repo.update('domains', domain.id, { name: 'Half' });
        repo.update('domains', domain.id, { name: '' });
      }),
    ).toThrow();
    undo.undo();
    expect(repo.get('domains', domain.id)).toMatchObject({ name: 'Product', deletedAt: 7_777 });
    expect(undo.canUndo()).toBe(false);
    undo.destroy();
  });

  it('merges intents closer together than captureTimeout into one step', () => {
    const doc = createTestDoc(1);
    const { repo } = createTestRepository(doc);
    const undo = createUndoManager(doc, { captureTimeout: 60_000 });
    repo.create('domains', domainFields);
    repo.create('domains', { ...domainFields, name: 'Second' });
    undo.undo();
    const domains = Object.values(documentToPlain(doc).entities.domains) as Array<{ deletedAt: unknown }>;
    expect(domains.map((domain) => domain.deletedAt === null)).toEqual([false, false]);
    expect(undo.canUndo()).toBe(false);
    undo.destroy();
  });

  it('tells subscribers when canUndo or canRedo changes', () => {
    const { repo, undo } = setup();
    const seen: Array<[boolean, boolean]> = [];
    const unsubscribe = undo.subscribe(() => seen.push([undo.canUndo(), undo.canRedo()]));
    const domain = repo.create('domains', domainFields);
    repo.update('domains', domain.id, { name: 'Second' });
    undo.undo();
    undo.undo();
    undo.redo();
    unsubscribe();
    undo.redo();
    expect(seen).toEqual([
      [true, false],
      [true, true],
      [false, true],
      [true, true],
    ]);
    undo.destroy();
  });

  it('refuses to undo while the workspace is read-only', () => {
    const doc = createTestDoc(1);
    const { repo } = createTestRepository(doc);
    let reason: string | null = null;
    const undo = createUndoManager(doc, { captureTimeout: 0, isReadOnly: () => reason });
    repo.create('domains', domainFields);
    reason = 'newer schema';
    expect(() => undo.undo()).toThrow('This workspace is read-only: newer schema');
    expect(undo.canUndo()).toBe(true);
    undo.destroy();
  });
});
