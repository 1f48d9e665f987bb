// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { entityKinds } from '@shared/model/entities';
import type { WorkspaceMeta } from '@shared/workspace/workspace-meta';
import futureFixture from '../../test/fixtures/documents/v5-future.bin?url&inline';
import { selectLive, selectTrash } from '../data/document-store';
import { decodeFixture } from '../data/test-support';
import {
  createMemoryFirstSnapshotCache,
  type FirstSnapshot,
  type FirstSnapshotCache,
} from '../data/persistence/first-snapshot';
import { createMemorySnapshotStore, createSnapshotStore } from '../data/persistence/snapshots';
import { createDexieUpdateLog, createMemoryUpdateLog, type UpdateLog } from '../data/persistence/update-log';
import { CURRENT_SCHEMA_VERSION, readSchemaVersion } from '../data/workspace-document';
import { LatitudeDatabase } from '../db/database';
import { backupAsNewWorkspaceState, createBackupFile, loadDocumentCopy, readBackupFile } from './backup-service';
import { createSessionStore } from './session-store';
import { createDexieWorkspaceRegistry } from './workspace-registry';
import {
  openWorkspaceSession,
  SETTLE_DELAY_MS,
  writeStoredDocument,
  type SessionDeps,
  type WorkspaceSession,
} from './workspace-session';
import { createWorkspaceStore } from './workspace-store';

const databases: LatitudeDatabase[] = [];
let counter = 0;

afterEach(async () => {
  await Promise.all(databases.splice(0).map((db) => db.delete()));
});

function setUp() {
  const db = new LatitudeDatabase(`session-${++counter}`);
  databases.push(db);
  let id = 0;
  let time = Date.UTC(2026, 10, 23, 9);
  const clock = { advance: (ms: number) => (time += ms) };
  const errors: Error[] = [];
  const deps: SessionDeps = {
    log: createDexieUpdateLog(db),
    snapshots: createSnapshotStore(db),
    userId: 'me',
    now: () => time,
    newId: () => `id-${++id}`,
    onSaveError: (error) => errors.push(error),
  };
  return { db, deps, clock, errors };
}

const team: WorkspaceMeta = { id: 'w1', name: 'Team', kind: 'team', createdAt: 1, updatedAt: 1, deletedAt: null };
const domain = { name: 'Onboarding', level: 'team', parentId: null, purpose: 'Fast starts.' } as const;

describe('workspace session', () => {
  it('stamps a new workspace, and keeps every edit across closing and reopening', async () => {
    const { deps, errors } = setUp();
    const first = await openWorkspaceSession(team, deps);
    expect(first.readOnly).toBeNull();
    expect(readSchemaVersion(first.doc)).toBe(CURRENT_SCHEMA_VERSION);
    const created = first.repository.create('domains', domain);
    first.repository.update('domains', created.id, { name: 'Onboarding and training' });
    await first.close();

    const second = await openWorkspaceSession(team, deps);
    expect(selectLive(second.documentStore.getState(), 'domains').map((d) => d.name)).toEqual([
      'Onboarding and training',
    ]);
    await second.close();
    expect(errors).toEqual([]);
  });

  it('undoes each intent separately, only its own', async () => {
    const { deps } = setUp();
    const session = await openWorkspaceSession(team, deps);
    session.repository.create('domains', domain);
    session.repository.create('domains', { ...domain, name: 'Billing' });
    expect(session.undo.undo()).toBe(true);
    expect(selectLive(session.documentStore.getState(), 'domains').map((d) => d.name)).toEqual(['Onboarding']);
    expect(session.undo.redo()).toBe(true);
    expect(selectLive(session.documentStore.getState(), 'domains')).toHaveLength(2);
    await session.close();
  });

  it('takes one daily snapshot, and restores a snapshot as an undoable change', async () => {
    const { deps, clock } = setUp();
    const first = await openWorkspaceSession(team, deps);
    const kept = first.repository.create('domains', domain);
    await first.close();

    clock.advance(25 * 60 * 60 * 1000);
    const session = await openWorkspaceSession(team, deps);
    const [daily] = await session.listSnapshots();
    expect(daily?.reason).toBe('daily');
    session.repository.update('domains', kept.id, { name: 'Renamed by mistake' });
    session.repository.create('domains', { ...domain, name: 'Added later' });

    await session.restoreSnapshot(daily?.id ?? -1);
    const state = session.documentStore.getState();
    expect(selectLive(state, 'domains').map((d) => d.name)).toEqual(['Onboarding']);
    expect(selectTrash(state).map((entry) => entry.entity)).toMatchObject([{ name: 'Added later' }]);
    expect((await session.listSnapshots()).map((s) => s.reason)).toEqual(['before-restore', 'daily', 'daily']);

    session.undo.undo();
    expect(selectLive(session.documentStore.getState(), 'domains').map((d) => d.name)).toEqual([
      'Renamed by mistake',
      'Added later',
    ]);
    await session.close();
  });

  it('merges a backup of the same workspace back in, and refuses one of another workspace', async () => {
    const { deps, db } = setUp();
    const original = await openWorkspaceSession(team, deps);
    original.repository.create('domains', domain);
    const file = await createBackupFile(team, original.doc, 5);
    await original.close();

    // The stored copy is lost (another laptop, a wiped profile): the same workspace, empty.
    await db.updates.clear();
    const emptied = await openWorkspaceSession(team, deps);
    expect(selectLive(emptied.documentStore.getState(), 'domains')).toEqual([]);
    emptied.repository.create('domains', { ...domain, name: 'Written since' });
    await emptied.mergeBackup(await readBackupFile(file.data));
    expect(
      selectLive(emptied.documentStore.getState(), 'domains')
        .map((d) => d.name)
        .sort(),
    ).toEqual(['Onboarding', 'Written since']);
    expect((await emptied.listSnapshots()).map((s) => s.reason)).toContain('before-import');

    const other = await createBackupFile({ ...team, id: 'w2', name: 'Other' }, new Y.Doc(), 5);
    await expect(emptied.mergeBackup(await readBackupFile(other.data))).rejects.toThrow(
      'This backup is of another workspace (“Other”), so it can only be imported as a new workspace.',
    );
    await emptied.close();
  });

  it('opens a workspace from a newer version read-only, and changes nothing in it', async () => {
    const { deps, db } = setUp();
    const future = decodeFixture(futureFixture);
    await db.updates.add({ workspaceId: team.id, update: future });
    const session = await openWorkspaceSession(team, deps);
    expect(session.readOnly).toMatch(/^This workspace was saved by a newer version of Latitude \(schema 5\)/);
    expect(() => session.repository.create('domains', domain)).toThrow('This workspace is read-only');
    await expect(session.takeSnapshot('manual')).resolves.toMatchObject({ reason: 'manual' });
    await expect(session.restoreSnapshot(1)).rejects.toThrow('This workspace is read-only');
    await session.close();
    const rows = await db.updates.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.update).toEqual(future);
  });
});

describe('workspaces and sessions together', () => {
  it('imports a backup as a new workspace that opens with its content', async () => {
    const { deps, db } = setUp();
    const registry = createDexieWorkspaceRegistry(db);
    const workspaces = createWorkspaceStore({ registry, newId: deps.newId, now: deps.now });
    const sessions = createSessionStore(
      (workspace) => openWorkspaceSession(workspace, deps),
      (id) => loadDocumentCopy(deps.log, id),
      (id, write) => writeStoredDocument(deps.log, id, deps, write),
    );
    await workspaces.getState().load();
    const made = await workspaces.getState().create({ name: 'Research', kind: 'personal' });
    const session = await sessions.getState().ensureOpen(made);
    session?.repository.create('domains', domain);
    const file = await sessions.getState().readDocument(made, (doc) => createBackupFile(made, doc, 5));

    await workspaces.getState().trash(made.id);
    await sessions.getState().ensureOpen(null);
    await workspaces.getState().deleteForever(made.id);
    expect(await db.updates.count()).toBe(0);

    const backup = await readBackupFile(file.data);
    const copy: WorkspaceMeta = { ...made, id: 'copy' };
    await workspaces.getState().adopt(copy, backupAsNewWorkspaceState(backup, copy.id));
    const reopened = await sessions.getState().ensureOpen(copy);
    expect(
      selectLive(reopened?.documentStore.getState() ?? session!.documentStore.getState(), 'domains'),
    ).toMatchObject([{ name: 'Onboarding', purpose: 'Fast starts.' }]);
    await sessions.getState().ensureOpen(null);
  });

  it('reads a workspace that is not open without opening it', async () => {
    const { deps, db } = setUp();
    const sessions = createSessionStore(
      (workspace) => openWorkspaceSession(workspace, deps),
      (id) => loadDocumentCopy(deps.log, id),
      (id, write) => writeStoredDocument(deps.log, id, deps, write),
    );
    const first = await openWorkspaceSession(team, deps);
    first.repository.create('domains', domain);
    await first.close();
    const rowsBefore = await db.updates.toArray();
    const names = await sessions
      .getState()
      .readDocument(team, (doc) => [...doc.getMap('domains').values()].map((m) => (m as Y.Map<unknown>).get('name')));
    expect(names).toEqual(['Onboarding']);
    expect(sessions.getState().session).toBeNull();
    expect(await db.updates.toArray()).toEqual(rowsBefore);
  });

  it('writes to a workspace that is not open, as one stored update the workspace shows when opened', async () => {
    const { deps, db } = setUp();
    const sessions = createSessionStore(
      (workspace) => openWorkspaceSession(workspace, deps),
      (id) => loadDocumentCopy(deps.log, id),
      (id, write) => writeStoredDocument(deps.log, id, deps, write),
    );
    const first = await openWorkspaceSession(team, deps);
    first.repository.create('domains', domain);
    await first.close();
    const rowsBefore = await db.updates.count();
    const created = await sessions
      .getState()
      .writeDocument(team, (repository) =>
        repository.create('decisions', { title: 'Shared', domainId: null, status: 'draft' }),
      );
    expect(sessions.getState().session).toBeNull();
    expect(await db.updates.count()).toBe(rowsBefore + 1);
    const reopened = await sessions.getState().ensureOpen(team);
    expect(selectLive(reopened!.documentStore.getState(), 'decisions')).toEqual([created]);
    // While it is open, the same call writes through its own repository (one undo step).
    await sessions
      .getState()
      .writeDocument(team, (repository) => repository.update('decisions', created.id, { title: 'Shared too' }));
    expect(reopened!.repository.get('decisions', created.id)?.title).toBe('Shared too');
    expect(reopened!.undo.canUndo()).toBe(true);
    await sessions.getState().ensureOpen(null);
  });

  it('refuses to write to a stored workspace from a newer schema, storing nothing', async () => {
    const { deps, db } = setUp();
    const doc = new Y.Doc();
    doc.getMap('meta').set('schemaVersion', 99);
    await deps.log.append(team.id, [Y.encodeStateAsUpdate(doc)]);
    const rowsBefore = await db.updates.count();
    await expect(
      writeStoredDocument(deps.log, team.id, deps, (repository) =>
        repository.create('members', { name: 'Ana', role: '' }),
      ),
    ).rejects.toThrow('saved by a newer version of Latitude (schema 99)');
    expect(await db.updates.count()).toBe(rowsBefore);
  });
});

describe('first-snapshot cache', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Deps on an in-memory log, with a first-snapshot cache (`deps`) and without (`plain`). */
  function setUpCached() {
    const log = createMemoryUpdateLog();
    const firstSnapshots = createMemoryFirstSnapshotCache(log);
    let id = 0;
    const errors: Error[] = [];
    const plain: SessionDeps = {
      log,
      snapshots: createMemorySnapshotStore(),
      userId: 'me',
      now: () => Date.UTC(2026, 10, 23, 9),
      newId: () => `id-${++id}`,
      onSaveError: (error) => errors.push(error),
    };
    return { log, firstSnapshots, errors, plain, deps: { ...plain, firstSnapshots } };
  }

  const decision = (title: string) => ({ title, domainId: null, status: 'draft' }) as const;

  /** The cached snapshot once everything the session queued or started is done. */
  async function cachedAfter(session: WorkspaceSession, cache: FirstSnapshotCache): Promise<FirstSnapshot | null> {
    await session.flush();
    return cache.read(session.workspace.id);
  }

  /** The cache holds the log's latest seq and exactly the session store's entities. */
  async function expectCurrent(cache: FirstSnapshotCache, log: UpdateLog, session: WorkspaceSession) {
    const cached = await cachedAfter(session, cache);
    expect(cached).not.toBeNull();
    expect(cached?.seq).toBe((await log.seqs(session.workspace.id)).at(-1));
    const state = session.documentStore.getState();
    for (const kind of entityKinds) expect(cached?.entities[kind]).toEqual(state.entities[kind]);
    expect(cached?.invalid).toEqual(state.invalid);
  }

  it("caches the store's entities under the log's latest seq once settled", async () => {
    const { deps, log, firstSnapshots, errors } = setUpCached();
    const session = await openWorkspaceSession(team, deps);
    session.repository.create('domains', domain);
    const made = session.repository.create('decisions', decision('Hire a designer'));
    await session.settle();
    await expectCurrent(firstSnapshots, log, session);
    expect((await firstSnapshots.read(team.id))?.entities.decisions.get(made.id)).toEqual(made);
    await session.close();
    expect(errors).toEqual([]);
  });

  it('brings the cache up to date in the background right after opening', async () => {
    const { deps, plain, log, firstSnapshots } = setUpCached();
    // Written without a cache: the log has content and no cached snapshot.
    const first = await openWorkspaceSession(team, plain);
    first.repository.create('domains', domain);
    first.repository.create('decisions', decision('Hire a designer'));
    await first.close();
    expect(await firstSnapshots.read(team.id)).toBeNull();

    const session = await openWorkspaceSession(team, deps);
    await expectCurrent(firstSnapshots, log, session);
    expect((await firstSnapshots.read(team.id))?.entities.decisions.size).toBe(1);
    await session.close();
  });

  it('turns stale with an edit, and current again on settle', async () => {
    const { deps, log, firstSnapshots } = setUpCached();
    const session = await openWorkspaceSession(team, deps);
    await session.settle();
    await expectCurrent(firstSnapshots, log, session);

    const made = session.repository.create('domains', domain);
    expect(await cachedAfter(session, firstSnapshots)).toBeNull();
    await session.settle();
    await expectCurrent(firstSnapshots, log, session);
    expect((await firstSnapshots.read(team.id))?.entities.domains.get(made.id)).toEqual(made);
    await session.close();
  });

  it('brings the cache up to date SETTLE_DELAY_MS after the last change', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { deps, log, firstSnapshots } = setUpCached();
    const session = await openWorkspaceSession(team, deps);
    await session.settle();
    const made = session.repository.create('domains', domain);
    expect(await cachedAfter(session, firstSnapshots)).toBeNull();

    await vi.advanceTimersByTimeAsync(SETTLE_DELAY_MS - 500);
    session.repository.update('domains', made.id, { name: 'Onboarding and training' });
    await vi.advanceTimersByTimeAsync(SETTLE_DELAY_MS - 500);
    // The second change started the wait again.
    expect(await cachedAfter(session, firstSnapshots)).toBeNull();

    await vi.advanceTimersByTimeAsync(500);
    await expectCurrent(firstSnapshots, log, session);
    expect((await firstSnapshots.read(team.id))?.entities.domains.get(made.id)?.name).toBe('Onboarding and training');
    await session.close();
  });

  it('writes the cache once per log seq: not again while the log is unchanged', async () => {
    const { deps, log, firstSnapshots } = setUpCached();
    const write = vi.spyOn(firstSnapshots, 'write');
    const first = await openWorkspaceSession(team, deps);
    first.repository.create('domains', domain);
    await first.settle();
    await first.flush();
    const written = write.mock.calls.length;
    const latest = (await log.seqs(team.id)).at(-1);
    expect(write.mock.calls.at(-1)?.[1]).toBe(latest);
    await first.settle();
    await first.close();
    expect(write).toHaveBeenCalledTimes(written);

    // Reopened: the log is compacted into a new row, which is cached.
    const second = await openWorkspaceSession(team, deps, await firstSnapshots.read(team.id));
    await second.close();
    const afterSecond = write.mock.calls.length;
    expect(afterSecond).toBeGreaterThan(written);
    expect(await log.seqs(team.id)).toHaveLength(1);

    // Opened again on that one row, shown from the cache: nothing new to write.
    const third = await openWorkspaceSession(team, deps, await firstSnapshots.read(team.id));
    await third.settle();
    await expectCurrent(firstSnapshots, log, third);
    await third.close();
    expect(write).toHaveBeenCalledTimes(afterSecond);
  });

  it('leaves a current cache on close, and the next session keeps the entities shown from it', async () => {
    const { deps, log, firstSnapshots } = setUpCached();
    const first = await openWorkspaceSession(team, deps);
    const kept = first.repository.create('decisions', decision('Hire a designer'));
    const area = first.repository.create('domains', domain);
    await first.close();
    const shown = await firstSnapshots.read(team.id);
    expect(shown?.seq).toBe((await log.seqs(team.id)).at(-1));
    expect(shown?.entities.decisions.get(kept.id)).toEqual(kept);

    const second = await openWorkspaceSession(team, deps, shown);
    const { entities } = second.documentStore.getState();
    expect(entities.decisions.get(kept.id)).toBe(shown?.entities.decisions.get(kept.id));
    expect(entities.domains.get(area.id)).toBe(shown?.entities.domains.get(area.id));
    // Still a live store: an edit gives a new object, the one shown stays as it was.
    second.repository.update('decisions', kept.id, { title: 'Hire two designers' });
    expect(second.documentStore.getState().entities.decisions.get(kept.id)?.title).toBe('Hire two designers');
    expect(shown?.entities.decisions.get(kept.id)?.title).toBe('Hire a designer');
    await second.close();
    expect((await firstSnapshots.read(team.id))?.entities.decisions.get(kept.id)?.title).toBe('Hire two designers');
  });

  it('does not reuse an entity changed in the log behind the cache, even when shown anyway', async () => {
    const { deps, log, firstSnapshots } = setUpCached();
    const first = await openWorkspaceSession(team, deps);
    const changed = first.repository.create('decisions', decision('Hire a designer'));
    const untouched = first.repository.create('decisions', decision('Move offices'));
    await first.close();
    const shown = await firstSnapshots.read(team.id);
    expect(shown).not.toBeNull();

    await writeStoredDocument(log, team.id, deps, (repository) =>
      repository.update('decisions', changed.id, { title: 'Changed elsewhere' }),
    );
    expect(await firstSnapshots.read(team.id)).toBeNull();

    const second = await openWorkspaceSession(team, deps, shown);
    const { decisions } = second.documentStore.getState().entities;
    expect(decisions.get(changed.id)).not.toBe(shown?.entities.decisions.get(changed.id));
    expect(decisions.get(changed.id)?.title).toBe('Changed elsewhere');
    expect(decisions.get(untouched.id)).toBe(shown?.entities.decisions.get(untouched.id));
    await second.settle();
    await expectCurrent(firstSnapshots, log, second);
    expect((await firstSnapshots.read(team.id))?.entities.decisions.get(changed.id)?.title).toBe('Changed elsewhere');
    await second.close();
  });

  it('also ignores a stale snapshot changed by another session without a cache', async () => {
    const { deps, plain, firstSnapshots } = setUpCached();
    const first = await openWorkspaceSession(team, deps);
    const made = first.repository.create('decisions', decision('Hire a designer'));
    await first.close();
    const shown = await firstSnapshots.read(team.id);

    const other = await openWorkspaceSession(team, plain);
    other.repository.softDelete('decisions', made.id);
    await other.close();
    expect(await firstSnapshots.read(team.id)).toBeNull();

    const second = await openWorkspaceSession(team, deps, shown);
    const held = second.documentStore.getState().entities.decisions.get(made.id);
    expect(held).not.toBe(shown?.entities.decisions.get(made.id));
    expect(held?.deletedAt).not.toBeNull();
    await second.close();
  });

  it('caches nothing without a cache, and works as before (a shown snapshot is still reused)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { deps, plain, log, firstSnapshots, errors } = setUpCached();
    const write = vi.spyOn(firstSnapshots, 'write');
    const cached = await openWorkspaceSession(team, deps);
    const made = cached.repository.create('decisions', decision('Hire a designer'));
    await cached.close();
    const shown = await firstSnapshots.read(team.id);
    const writes = write.mock.calls.length;

    const session = await openWorkspaceSession(team, plain, shown);
    expect(session.documentStore.getState().entities.decisions.get(made.id)).toBe(
      shown?.entities.decisions.get(made.id),
    );
    session.repository.update('decisions', made.id, { title: 'Hire two designers' });
    await session.flush();
    // No wait for a settle is scheduled after a change.
    expect(vi.getTimerCount()).toBe(0);
    await session.settle();
    await session.close();
    expect(write).toHaveBeenCalledTimes(writes);
    expect(await firstSnapshots.read(team.id)).toBeNull();

    const reopened = await openWorkspaceSession(team, plain);
    expect(reopened.repository.get('decisions', made.id)?.title).toBe('Hire two designers');
    await reopened.close();
    expect(await log.seqs(team.id)).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('keeps working and closing when the cache cannot be written', async () => {
    const { plain, errors } = setUpCached();
    const write = vi.fn(() => Promise.reject(new Error('The disk is full.')));
    const failing: FirstSnapshotCache = { read: () => Promise.resolve(null), write };
    const session = await openWorkspaceSession(team, { ...plain, firstSnapshots: failing });
    const made = session.repository.create('decisions', decision('Hire a designer'));
    await expect(session.settle()).resolves.toBeUndefined();
    expect(session.documentStore.getState().entities.decisions.get(made.id)).toEqual(made);
    await expect(session.close()).resolves.toBeUndefined();
    expect(write).toHaveBeenCalled();
    expect(errors).toEqual([]);

    const reopened = await openWorkspaceSession(team, plain);
    expect(reopened.repository.get('decisions', made.id)).toEqual(made);
    await reopened.close();
  });

  it('writes a failed snapshot again on the next settle', async () => {
    const { plain, log, firstSnapshots } = setUpCached();
    let failures = 1;
    const write = vi.fn((...args: Parameters<FirstSnapshotCache['write']>) =>
      failures-- > 0 ? Promise.reject(new Error('The disk is full.')) : firstSnapshots.write(...args),
    );
    const flaky: FirstSnapshotCache = { read: (id) => firstSnapshots.read(id), write };
    const session = await openWorkspaceSession(team, { ...plain, firstSnapshots: flaky });
    // The settle started by opening is done, and its failed write too.
    await session.flush();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(write).toHaveBeenCalledTimes(1);
    expect(await firstSnapshots.read(team.id)).toBeNull();

    await session.settle();
    expect(write).toHaveBeenCalledTimes(2);
    expect(write.mock.calls.map((call) => call[1])).toEqual([
      (await log.seqs(team.id)).at(-1),
      (await log.seqs(team.id)).at(-1),
    ]);
    await expectCurrent(firstSnapshots, log, session);
    await session.close();
  });

  it('waits for the cache write before close resolves', async () => {
    const { plain, firstSnapshots } = setUpCached();
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const slow: FirstSnapshotCache = {
      read: (id) => firstSnapshots.read(id),
      write: async (...args) => {
        await released;
        await firstSnapshots.write(...args);
      },
    };
    const session = await openWorkspaceSession(team, { ...plain, firstSnapshots: slow });
    session.repository.create('decisions', decision('Hire a designer'));
    let closed = false;
    const closing = session.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(closed).toBe(false);
    release();
    await closing;
    expect(closed).toBe(true);
    expect((await firstSnapshots.read(team.id))?.entities.decisions.size).toBe(1);
  });
});
