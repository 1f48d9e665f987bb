import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createDocumentStore, selectEntity, selectLive, selectTrash, type DocumentState } from './document-store';
import { createTestClock, createTestDoc, createTestRepository, syncOneWay } from './test-support';
import { getKindMap, getMetaMap, initialiseDocument } from './workspace-document';

const domainFields = (name: string) => ({ name, level: 'team', parentId: null, purpose: '' }) as const;
const decisionFields = (title: string) => ({ title, domainId: null, status: 'draft', context: '' }) as const;

function setup() {
  const doc = createTestDoc(1);
  initialiseDocument(doc, 'ws-1');
  const clock = createTestClock(1_000);
  const { repo } = createTestRepository(doc, { clock });
  return { doc, repo, clock };
}

describe('document store', () => {
  it('reads every entity once on open', () => {
    const { doc, repo, clock } = setup();
    const a = repo.create('domains', domainFields('A'));
    clock.advance(1);
    const x = repo.create('decisions', decisionFields('X'));
    const store = createDocumentStore(doc);
    const state = store.getState();
    expect(state.entities.domains.get(a.id)).toEqual(a);
    expect(state.entities.decisions.get(x.id)).toEqual(x);
    expect(state.entities.members.size).toBe(0);
    expect(state.invalid).toEqual([]);
    expect(state.readOnly).toBeNull();
    store.destroy();
  });

  it('updates incrementally: untouched entities keep identity, untouched kinds keep their Map', () => {
    const { doc, repo } = setup();
    const a = repo.create('domains', domainFields('A'));
    const b = repo.create('domains', domainFields('B'));
    const x = repo.create('decisions', decisionFields('X'));
    const store = createDocumentStore(doc);
    const before = store.getState();
    let notifications = 0;
    store.subscribe(() => (notifications += 1));

    repo.update('domains', a.id, { name: 'A2' });
    const after = store.getState();
    expect(notifications).toBe(1);
    expect(after.entities.domains).not.toBe(before.entities.domains);
    expect(after.entities.domains.get(a.id)?.name).toBe('A2');
    expect(after.entities.domains.get(b.id)).toBe(before.entities.domains.get(b.id));
    expect(after.entities.decisions).toBe(before.entities.decisions);
    expect(after.entities.decisions.get(x.id)).toBe(before.entities.decisions.get(x.id));
    expect(after.invalid).toBe(before.invalid);

    repo.addToCollection('decisions', x.id, 'advice', { authorId: 'u', text: 'Yes', createdAt: 1 });
    const third = store.getState();
    expect(third.entities.domains).toBe(after.entities.domains);
    expect(Object.keys(third.entities.decisions.get(x.id)?.advice ?? {})).toHaveLength(1);
    store.destroy();
  });

  it('keeps the object when a change leaves an entity structurally equal', () => {
    const { doc, repo } = setup();
    const a = repo.create('domains', domainFields('A'));
    const store = createDocumentStore(doc);
    const held = store.getState().entities.domains.get(a.id);
    const before = store.getState();
    // A peer writes the same value again: a Yjs change, but not a change of content.
    doc.transact(() => (getKindMap(doc, 'domains').get(a.id) as Y.Map<unknown>).set('name', 'A'), 'peer');
    expect(store.getState()).toBe(before);
    expect(store.getState().entities.domains.get(a.id)).toBe(held);
    store.destroy();
  });

  it('sets state once per transaction, even when it touches several kinds', () => {
    const { doc, repo } = setup();
    const store = createDocumentStore(doc);
    let notifications = 0;
    store.subscribe(() => (notifications += 1));
    repo.transact(() => {
      repo.create('domains', domainFields('A'));
      repo.create('decisions', decisionFields('X'));
      repo.create('members', { name: 'Ana', role: '' });
    });
    expect(notifications).toBe(1);
    expect(store.getState().entities.members.size).toBe(1);
    store.destroy();
  });

  it('follows changes from a peer, including removals', () => {
    const { doc, repo } = setup();
    const peer = createTestDoc(2);
    const store = createDocumentStore(doc);
    const { repo: peerRepo } = createTestRepository(peer);
    syncOneWay(doc, peer);
    const fromPeer = peerRepo.create('decisions', decisionFields('From peer'));
    syncOneWay(peer, doc);
    expect(store.getState().entities.decisions.get(fromPeer.id)).toEqual(fromPeer);
    const local = repo.create('domains', domainFields('A'));
    getKindMap(doc, 'domains').delete(local.id);
    expect(store.getState().entities.domains.has(local.id)).toBe(false);
    store.destroy();
  });

  it('reports invalid peer data instead of throwing, and clears the report once fixed', () => {
    const { doc, repo } = setup();
    const a = repo.create('domains', domainFields('A'));
    const store = createDocumentStore(doc);
    const entityMap = getKindMap(doc, 'domains').get(a.id) as Y.Map<unknown>;
    expect(() => {
      doc.transact(() => {
        entityMap.set('level', 'galaxy');
        getKindMap(doc, 'decisions').set('junk', 42);
      }, 'peer');
    }).not.toThrow();
    const state = store.getState();
    expect(state.entities.domains.has(a.id)).toBe(false);
    expect(state.invalid).toEqual([
      { kind: 'domains', id: a.id, problem: 'domains.level: must be one of "individual", "team", "domain"' },
      { kind: 'decisions', id: 'junk', problem: 'decisions: is not an entity (expected a map of fields)' },
    ]);
    doc.transact(() => entityMap.set('level', 'team'), 'peer');
    expect(store.getState().entities.domains.get(a.id)?.level).toBe('team');
    expect(store.getState().invalid).toEqual([
      { kind: 'decisions', id: 'junk', problem: 'decisions: is not an entity (expected a map of fields)' },
    ]);
    store.destroy();
  });

  it('turns read-only when a newer version migrates the open document', () => {
    const { doc } = setup();
    const store = createDocumentStore(doc);
    expect(store.getState().readOnly).toBeNull();
    doc.transact(() => getMetaMap(doc).set('schemaVersion', 5), 'newer-peer');
    expect(store.getState().readOnly).toContain('newer version of Latitude (schema 5)');
    const fixed = createDocumentStore(doc, { readOnly: 'given when opened' });
    expect(fixed.getState().readOnly).toBe('given when opened');
    fixed.destroy();
    store.destroy();
  });

  it('stops following the document after destroy', () => {
    const { doc, repo } = setup();
    const store = createDocumentStore(doc);
    const before = store.getState();
    store.destroy();
    repo.create('domains', domainFields('A'));
    expect(store.getState()).toBe(before);
  });
});

describe('selectors', () => {
  function populated() {
    const { doc, repo, clock } = setup();
    clock.set(3_000);
    const c = repo.create('domains', domainFields('C'));
    clock.set(1_000);
    const a = repo.create('domains', domainFields('A'));
    const b = repo.create('domains', domainFields('B'));
    const x = repo.create('decisions', decisionFields('X'));
    clock.set(5_000);
    repo.softDelete('domains', b.id);
    clock.set(6_000);
    repo.softDelete('decisions', x.id);
    return { doc, repo, clock, a, b, c, x, store: createDocumentStore(doc) };
  }

  it('selectLive lists live entities by creation time then id, and memoises', () => {
    const { repo, store, a, c, x } = populated();
    const state: DocumentState = store.getState();
    const live = selectLive(state, 'domains');
    expect(live.map((d) => d.id)).toEqual([a.id, c.id]);
    expect(selectLive(state, 'domains')).toBe(live);
    expect(selectLive(state, 'decisions')).toEqual([]);
    // A change in another kind: same array.
    repo.update('decisions', x.id, { title: 'Y' });
    expect(selectLive(store.getState(), 'domains')).toBe(live);
    // A change to a live entity: a new array.
    repo.update('domains', a.id, { name: 'A2' });
    const next = selectLive(store.getState(), 'domains');
    expect(next).not.toBe(live);
    expect(next[0]?.name).toBe('A2');
    expect(next[1]).toBe(live[1]);
    store.destroy();
  });

  it('selectLive keeps its array when only a trashed entity of the kind changed', () => {
    const { repo, store, b } = populated();
    const live = selectLive(store.getState(), 'domains');
    repo.update('domains', b.id, { name: 'B in the trash' });
    expect(selectLive(store.getState(), 'domains')).toBe(live);
    store.destroy();
  });

  it('selectTrash lists deleted entities of every kind, most recent first, and memoises', () => {
    const { repo, store, a, b, x } = populated();
    const trash = selectTrash(store.getState());
    expect(trash.map((entry) => [entry.kind, entry.entity.id])).toEqual([
      ['decisions', x.id],
      ['domains', b.id],
    ]);
    expect(selectTrash(store.getState())).toBe(trash);
    repo.update('domains', a.id, { name: 'A2' });
    expect(selectTrash(store.getState())).toBe(trash);
    repo.restore('decisions', x.id);
    expect(selectTrash(store.getState()).map((entry) => entry.entity.id)).toEqual([b.id]);
    store.destroy();
  });

  it('selectEntity returns the held object, live or deleted', () => {
    const { store, a, b } = populated();
    const state = store.getState();
    expect(selectEntity(state, 'domains', a.id)).toBe(state.entities.domains.get(a.id));
    expect(selectEntity(state, 'domains', b.id)?.deletedAt).toBe(5_000);
    expect(selectEntity(state, 'domains', 'nope')).toBeUndefined();
    store.destroy();
  });
});
