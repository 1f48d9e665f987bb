import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  createDocumentStore,
  createFixedDocumentStore,
  selectEntity,
  selectLive,
  selectTrash,
  type DocumentState,
  type EntitiesByKind,
} from './document-store';
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

describe('reusing entities shown before', () => {
  it('keeps the given objects where the document holds an equal entity, and reads the others', () => {
    const { doc, repo } = setup();
    const same = repo.create('domains', domainFields('Same'));
    const changed = repo.create('domains', domainFields('Changed'));
    const removed = repo.create('domains', domainFields('Removed'));
    const decision = repo.create('decisions', decisionFields('X'));
    const preview = createDocumentStore(doc);
    const shown = preview.getState().entities;
    preview.destroy();
    repo.update('domains', changed.id, { name: 'Changed since' });
    getKindMap(doc, 'domains').delete(removed.id);
    const added = repo.create('members', { name: 'Ana', role: '' });

    const store = createDocumentStore(doc, { reuse: shown });
    const { entities } = store.getState();
    expect(entities.domains.get(same.id)).toBe(shown.domains.get(same.id));
    expect(entities.decisions.get(decision.id)).toBe(shown.decisions.get(decision.id));
    expect(entities.domains.get(changed.id)).not.toBe(shown.domains.get(changed.id));
    expect(entities.domains.get(changed.id)?.name).toBe('Changed since');
    expect(entities.domains.has(removed.id)).toBe(false);
    expect(entities.members.get(added.id)).toEqual(added);
    expect([...entities.domains.keys()].sort()).toEqual([same.id, changed.id].sort());
    store.destroy();
  });

  it('reuses an equal copy (not only the same object), and never a different one', () => {
    const { doc, repo } = setup();
    const a = repo.create('domains', domainFields('A'));
    const b = repo.create('domains', domainFields('B'));
    const copyOfA = structuredClone(a);
    const staleB = { ...b, purpose: 'What it was before' };
    const reuse = {
      ...createDocumentStore(new Y.Doc()).getState().entities,
      domains: new Map([
        [a.id, copyOfA],
        [b.id, staleB],
      ]),
    } as EntitiesByKind;
    const store = createDocumentStore(doc, { reuse });
    expect(store.getState().entities.domains.get(a.id)).toBe(copyOfA);
    expect(store.getState().entities.domains.get(b.id)).not.toBe(staleB);
    expect(store.getState().entities.domains.get(b.id)).toEqual(b);
    store.destroy();
  });

  it('reports an entity the document holds invalid even when an equal-id one was shown', () => {
    const { doc, repo } = setup();
    const a = repo.create('domains', domainFields('A'));
    const preview = createDocumentStore(doc);
    const shown = preview.getState().entities;
    preview.destroy();
    doc.transact(() => (getKindMap(doc, 'domains').get(a.id) as Y.Map<unknown>).set('level', 'galaxy'), 'peer');
    const store = createDocumentStore(doc, { reuse: shown });
    expect(store.getState().entities.domains.has(a.id)).toBe(false);
    expect(store.getState().invalid).toEqual([
      { kind: 'domains', id: a.id, problem: 'domains.level: must be one of "individual", "team", "domain"' },
    ]);
    store.destroy();
  });

  it('follows later changes to a reused entity like any other', () => {
    const { doc, repo } = setup();
    const a = repo.create('domains', domainFields('A'));
    const b = repo.create('domains', domainFields('B'));
    const preview = createDocumentStore(doc);
    const shown = preview.getState().entities;
    preview.destroy();
    const store = createDocumentStore(doc, { reuse: shown });
    repo.update('domains', a.id, { name: 'A2' });
    const { domains } = store.getState().entities;
    expect(domains.get(a.id)?.name).toBe('A2');
    expect(shown.domains.get(a.id)?.name).toBe('A');
    expect(domains.get(b.id)).toBe(shown.domains.get(b.id));
    store.destroy();
  });

  it('takes the read-only reason given, whatever is reused', () => {
    const { doc, repo } = setup();
    repo.create('domains', domainFields('A'));
    const shown = createDocumentStore(doc).getState().entities;
    const store = createDocumentStore(doc, { reuse: shown, readOnly: 'given when opened' });
    expect(store.getState().readOnly).toBe('given when opened');
    store.destroy();
  });
});

describe('fixed document store', () => {
  it('holds the given state, read-only with the given reason, for the selectors to read', () => {
    const { doc, repo, clock } = setup();
    const a = repo.create('domains', domainFields('A'));
    clock.advance(1);
    const b = repo.create('domains', domainFields('B'));
    repo.softDelete('domains', b.id);
    const source = createDocumentStore(doc).getState();
    const invalid = [{ kind: 'decisions', id: 'junk', problem: 'not an entity' }] as const;

    const fixed = createFixedDocumentStore({ entities: source.entities, invalid }, 'Still opening');
    const state = fixed.getState();
    expect(state.entities).toBe(source.entities);
    expect(state.invalid).toBe(invalid);
    expect(state.readOnly).toBe('Still opening');
    expect(selectLive(state, 'domains').map((d) => d.id)).toEqual([a.id]);
    expect(selectTrash(state).map((entry) => entry.entity.id)).toEqual([b.id]);
    expect(selectEntity(state, 'domains', a.id)).toBe(source.entities.domains.get(a.id));
  });

  it('does not follow any document, and destroy leaves its state as it was', () => {
    const { doc, repo } = setup();
    const entities = createDocumentStore(doc).getState().entities;
    const fixed = createFixedDocumentStore({ entities, invalid: [] }, 'Still opening');
    const before = fixed.getState();
    let notifications = 0;
    fixed.subscribe(() => (notifications += 1));
    repo.create('domains', domainFields('A'));
    expect(() => fixed.destroy()).not.toThrow();
    expect(fixed.getState()).toBe(before);
    expect(fixed.getState().entities.domains.size).toBe(0);
    expect(notifications).toBe(0);
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
