// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WorkspaceMeta } from '@shared/workspace/workspace-meta';
import futureFixture from '../../test/fixtures/documents/v5-future.bin?url&inline';
import { selectLive, selectTrash } from '../data/document-store';
import { decodeFixture } from '../data/test-support';
import { createSnapshotStore } from '../data/persistence/snapshots';
import { createDexieUpdateLog } from '../data/persistence/update-log';
import { CURRENT_SCHEMA_VERSION, readSchemaVersion } from '../data/workspace-document';
import { LatitudeDatabase } from '../db/database';
import { backupAsNewWorkspaceState, createBackupFile, loadDocumentCopy, readBackupFile } from './backup-service';
import { createSessionStore } from './session-store';
import { createDexieWorkspaceRegistry } from './workspace-registry';
import { openWorkspaceSession, writeStoredDocument, type SessionDeps } from './workspace-session';
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
