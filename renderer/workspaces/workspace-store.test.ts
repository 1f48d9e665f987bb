// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createDexieSetupStateStorage } from '../setup/setup-state';
import { createDexieSyncStorage } from '../sync/sync-storage';
import { LatitudeDatabase } from '../db/database';
import {
  createDexieWorkspaceRegistry,
  createMemoryWorkspaceRegistry,
  type WorkspaceRegistry,
} from './workspace-registry';
import {
  createWorkspaceStore,
  selectActiveWorkspace,
  selectLiveWorkspaces,
  selectTrashedWorkspaces,
} from './workspace-store';

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
    expect(created).toEqual({
      id: 'w1',
      name: 'Guild',
      kind: 'team',
      createdAt: 1001,
      updatedAt: 1001,
      deletedAt: null,
    });
    expect(selectActiveWorkspace(store.getState())).toEqual(created);
  });

  it('refuses an invalid workspace and stores nothing', async () => {
    const registry = makeRegistry();
    const store = createWorkspaceStore(deps(registry));
    await store.getState().load();
    await expect(store.getState().create({ name: '', kind: 'personal' })).rejects.toThrow(
      /^Give the workspace a name\.$/,
    );
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

describe.each([
  ['memory', () => createMemoryWorkspaceRegistry()],
  ['dexie', () => dexieRegistry()],
])('workspace lifecycle on the %s registry', (_name, makeRegistry) => {
  async function withTwo() {
    const registry = makeRegistry();
    const store = createWorkspaceStore(deps(registry));
    await store.getState().load();
    const first = await store.getState().create({ name: 'First', kind: 'personal' });
    const second = await store.getState().create({ name: 'Second', kind: 'team' });
    return { registry, store, first, second };
  }

  it('renames a workspace, and refuses an empty name without changing it', async () => {
    const { registry, store, first } = await withTwo();
    await store.getState().rename(first.id, '  Renamed  ');
    expect(store.getState().workspaces[0]?.name).toBe('Renamed');
    expect((await registry.list())[0]?.name).toBe('Renamed');
    await expect(store.getState().rename(first.id, ' ')).rejects.toThrow(/^Give the workspace a name\.$/);
    expect((await registry.list())[0]?.name).toBe('Renamed');
  });

  it('moves the open workspace to the trash and opens the next live one', async () => {
    const { registry, store, first, second } = await withTwo();
    expect(store.getState().activeId).toBe(second.id);
    await store.getState().trash(second.id);
    expect(store.getState().activeId).toBe(first.id);
    expect(selectLiveWorkspaces(store.getState()).map((w) => w.name)).toEqual(['First']);
    expect(selectTrashedWorkspaces(store.getState()).map((w) => w.name)).toEqual(['Second']);
    expect((await registry.list()).find((w) => w.id === second.id)?.deletedAt).toEqual(expect.any(Number));
    await expect(store.getState().select(second.id)).rejects.toThrow('That workspace no longer exists.');
  });

  it('restores a trashed workspace, opening it when nothing else is open', async () => {
    const { store, first, second } = await withTwo();
    await store.getState().trash(first.id);
    await store.getState().trash(second.id);
    expect(store.getState().activeId).toBeNull();
    await store.getState().restore(first.id);
    expect(store.getState().activeId).toBe(first.id);
    expect(selectLiveWorkspaces(store.getState()).map((w) => w.name)).toEqual(['First']);
  });

  it('deletes only trashed workspaces for good', async () => {
    const { registry, store, first } = await withTwo();
    await expect(store.getState().deleteForever(first.id)).rejects.toThrow(
      'Move the workspace to the trash before deleting it for good.',
    );
    await store.getState().trash(first.id);
    await store.getState().deleteForever(first.id);
    expect(store.getState().workspaces.map((w) => w.name)).toEqual(['Second']);
    expect((await registry.list()).map((w) => w.name)).toEqual(['Second']);
  });

  it('keeps the selectors stable while the list is unchanged', async () => {
    const { store } = await withTwo();
    expect(selectLiveWorkspaces(store.getState())).toBe(selectLiveWorkspaces(store.getState()));
  });
});

describe('dexie registry', () => {
  it('gives a team workspace an invite secret of its own, a personal one none, and deletes it with the workspace', async () => {
    const db = new LatitudeDatabase(`secrets-${++counter}`);
    databases.push(db);
    const registry = createDexieWorkspaceRegistry(db);
    const store = createWorkspaceStore(deps(registry));
    await store.getState().load();
    const team = await store.getState().create({ name: 'Team', kind: 'team' });
    const other = await store.getState().create({ name: 'Other team', kind: 'team' });
    const personal = await store.getState().create({ name: 'Mine', kind: 'personal' });
    const secret = await registry.getInviteSecret(team.id);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await registry.getInviteSecret(other.id)).not.toBe(secret);
    expect(await registry.getInviteSecret(personal.id)).toBeNull();
    await store.getState().trash(team.id);
    await store.getState().deleteForever(team.id);
    expect(await db.secrets.get(team.id)).toBeUndefined();
  });

  it('deletes a workspace document and snapshots with it, and nothing of another workspace', async () => {
    const db = new LatitudeDatabase(`purge-${++counter}`);
    databases.push(db);
    const store = createWorkspaceStore(deps(createDexieWorkspaceRegistry(db)));
    await store.getState().load();
    const gone = await store.getState().create({ name: 'Gone', kind: 'personal' });
    const kept = await store.getState().create({ name: 'Kept', kind: 'personal' });
    const setup = createDexieSetupStateStorage(db);
    const sync = createDexieSyncStorage(db);
    for (const workspace of [gone, kept]) {
      await db.updates.add({ workspaceId: workspace.id, update: new Uint8Array([1, 2]) });
      await db.snapshots.add({ workspaceId: workspace.id, createdAt: 1, reason: 'daily', state: new Uint8Array([3]) });
      await setup.setDismissed(workspace.id, true);
      await sync.setSyncPaused(workspace.id, true);
      await sync.setRelayUrl(workspace.id, 'wss://relay.example.org');
    }
    await store.getState().trash(gone.id);
    await store.getState().deleteForever(gone.id);
    expect(await db.updates.where('workspaceId').equals(gone.id).count()).toBe(0);
    expect(await db.snapshots.where('workspaceId').equals(gone.id).count()).toBe(0);
    expect(await db.updates.where('workspaceId').equals(kept.id).count()).toBe(1);
    expect(await db.snapshots.where('workspaceId').equals(kept.id).count()).toBe(1);
    expect(await setup.read(gone.id)).toEqual({ done: [], dismissed: false });
    expect(await setup.read(kept.id)).toEqual({ done: [], dismissed: true });
    expect([await sync.isSyncPaused(gone.id), await sync.getRelayUrl(gone.id)]).toEqual([false, null]);
    expect([await sync.isSyncPaused(kept.id), await sync.getRelayUrl(kept.id)]).toEqual([
      true,
      'wss://relay.example.org',
    ]);
  });

  it("deletes a workspace's cached first snapshot with it, and keeps another workspace's", async () => {
    const db = new LatitudeDatabase(`first-snapshots-${++counter}`);
    databases.push(db);
    const registry = createDexieWorkspaceRegistry(db);
    const store = createWorkspaceStore(deps(registry));
    await store.getState().load();
    const gone = await store.getState().create({ name: 'Gone', kind: 'personal' });
    const kept = await store.getState().create({ name: 'Kept', kind: 'team' });
    for (const [seq, workspace] of [gone, kept].entries()) {
      await db.firstSnapshots.put({ workspaceId: workspace.id, seq: seq + 1, format: '[1]', json: '{}' });
    }
    await store.getState().trash(gone.id);
    await store.getState().deleteForever(gone.id);
    expect(await db.firstSnapshots.get(gone.id)).toBeUndefined();
    expect(await db.firstSnapshots.toArray()).toEqual([{ workspaceId: kept.id, seq: 2, format: '[1]', json: '{}' }]);

    // Purged straight from the registry too (no snapshot row is no error).
    await registry.purge(kept.id);
    expect(await db.firstSnapshots.count()).toBe(0);
    await expect(registry.purge(kept.id)).resolves.toBeUndefined();
  });

  it('reads registry entries written before the trash existed as live', async () => {
    const db = new LatitudeDatabase(`legacy-${++counter}`);
    databases.push(db);
    await db.workspaces.add({ id: 'old', name: 'Old', kind: 'team', createdAt: 1, updatedAt: 1 } as never);
    const store = createWorkspaceStore(deps(createDexieWorkspaceRegistry(db)));
    await store.getState().load();
    expect(store.getState().workspaces).toEqual([
      { id: 'old', name: 'Old', kind: 'team', createdAt: 1, updatedAt: 1, deletedAt: null },
    ]);
    expect(store.getState().activeId).toBe('old');
  });

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
    await db.workspaces.add({ id: 'bad', name: '', kind: 'team', createdAt: 1, updatedAt: 1, deletedAt: null });
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
