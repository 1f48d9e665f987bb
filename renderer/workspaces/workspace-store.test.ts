// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { LatitudeDatabase } from '../db/database';
import {
  createDexieWorkspaceRegistry,
  createMemoryWorkspaceRegistry,
  type WorkspaceRegistry,
} from './workspace-registry';
import { createWorkspaceStore, selectActiveWorkspace } from './workspace-store';

let counter = 0;
const databases: LatitudeDatabase[] = [];

function deps(registry: WorkspaceRegistry) {
  let id = 0;
  let time = 1_000;
  return { registry, newId: () => `w${++id}`, now: () => (time += 1) };
}

function dexieRegistry(name = `test-${++counter}`) {
  const db = new LatitudeDatabase(name);
  databases.push(db);
  return createDexieWorkspaceRegistry(db);
}

afterEach(async () => {
  await Promise.all(databases.splice(0).map((db) => db.delete()));
});

describe.each([
  ['memory', () => createMemoryWorkspaceRegistry()],
  ['dexie', () => dexieRegistry()],
])('workspace store on the %s registry', (_name, makeRegistry) => {
  it('starts empty with no open workspace', async () => {
    const store = createWorkspaceStore(deps(makeRegistry()));
    expect(store.getState().status).toBe('loading');
    await store.getState().load();
    expect(store.getState()).toMatchObject({ status: 'ready', workspaces: [], activeId: null, error: null });
  });

  it('creates a workspace, opens it, and lists it', async () => {
    const store = createWorkspaceStore(deps(makeRegistry()));
    await store.getState().load();
    const created = await store.getState().create({ name: ' Guild ', kind: 'team' });
    expect(created).toEqual({ id: 'w1', name: 'Guild', kind: 'team', createdAt: 1001, updatedAt: 1001 });
    expect(selectActiveWorkspace(store.getState())).toEqual(created);
  });

  it('refuses an invalid workspace and stores nothing', async () => {
    const registry = makeRegistry();
    const store = createWorkspaceStore(deps(registry));
    await store.getState().load();
    await expect(store.getState().create({ name: '', kind: 'personal' })).rejects.toThrow('Give the workspace a name.');
    expect(await registry.list()).toEqual([]);
    expect(store.getState().workspaces).toEqual([]);
  });

  it('switches between workspaces and refuses one that does not exist', async () => {
    const store = createWorkspaceStore(deps(makeRegistry()));
    await store.getState().load();
    const first = await store.getState().create({ name: 'One', kind: 'personal' });
    await store.getState().create({ name: 'Two', kind: 'personal' });
    await store.getState().select(first.id);
    expect(store.getState().activeId).toBe(first.id);
    await expect(store.getState().select('missing')).rejects.toThrow('That workspace no longer exists.');
    expect(store.getState().activeId).toBe(first.id);
  });
});

describe('dexie registry', () => {
  it('keeps workspaces and the open one across a reopen of the database', async () => {
    const name = `reopen-${++counter}`;
    const first = createWorkspaceStore(deps(dexieRegistry(name)));
    await first.getState().load();
    await first.getState().create({ name: 'Kept', kind: 'personal' });
    const second = await first.getState().create({ name: 'Open', kind: 'team' });
    databases[0]?.close();

    const reopened = createWorkspaceStore(deps(dexieRegistry(name)));
    await reopened.getState().load();
    expect(reopened.getState().workspaces.map((w) => w.name)).toEqual(['Kept', 'Open']);
    expect(reopened.getState().activeId).toBe(second.id);
  });

  it('skips a damaged registry entry instead of failing, and leaves it untouched', async () => {
    const db = new LatitudeDatabase(`damaged-${++counter}`);
    databases.push(db);
    await db.workspaces.add({ id: 'bad', name: '', kind: 'team', createdAt: 1, updatedAt: 1 });
    const store = createWorkspaceStore(deps(createDexieWorkspaceRegistry(db)));
    await store.getState().load();
    expect(store.getState()).toMatchObject({ status: 'ready', workspaces: [] });
    expect(await db.workspaces.get('bad')).toBeDefined();
  });

  it('reports a registry that cannot be read', async () => {
    const broken: WorkspaceRegistry = {
      ...createMemoryWorkspaceRegistry(),
      list: () => Promise.reject(new Error('disk unavailable')),
    };
    const store = createWorkspaceStore(deps(broken));
    await store.getState().load();
    expect(store.getState()).toMatchObject({
      status: 'failed',
      error: 'Your workspaces could not be loaded: disk unavailable',
    });
  });
});
