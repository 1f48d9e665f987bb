/**
 * The local registry of workspaces behind a small interface, with a Dexie implementation
 * for the app and an in-memory twin for tests.
 */
import { workspaceMetaSchema, type WorkspaceMeta } from '@shared/workspace/workspace-meta';
import type { LatitudeDatabase } from '../db/database';
import type { UpdateLog } from '../data/persistence/update-log';
import { setupKeyPrefix } from '../setup/setup-state';
import { relayUrlKey, syncPausedKey } from '../sync/sync-storage';

const ACTIVE_WORKSPACE_KEY = 'activeWorkspaceId';

/** Where workspace entries and the choice of the open one are kept. */
export interface WorkspaceRegistry {
  /** Every workspace, live and trashed, oldest first. Entries that fail validation are skipped, not deleted. */
  list(): Promise<WorkspaceMeta[]>;
  /**
   * Adds a workspace; with `documentState` (an imported backup) its document is stored in
   * the same transaction, so there is never an entry without its content or the reverse.
   */
  add(workspace: WorkspaceMeta, documentState?: Uint8Array): Promise<void>;
  /** Replaces an existing entry (rename, trash, restore). */
  put(workspace: WorkspaceMeta): Promise<void>;
  /** Deletes a workspace for good: its entry, its document and its snapshots, in one transaction. */
  purge(id: string): Promise<void>;
  getActiveId(): Promise<string | null>;
  setActiveId(id: string | null): Promise<void>;
  /** A team workspace's invite secret (made when it is added), or null for a personal one. */
  getInviteSecret(id: string): Promise<string | null>;
}

/** 32 random bytes as base64url: the invite secret of a new team workspace. */
export function randomInviteSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function validEntries(rows: unknown[]): WorkspaceMeta[] {
  return rows
    .map((row) => workspaceMetaSchema.safeParse(row))
    .filter((result) => result.success)
    .map((result) => result.data)
    .sort((a, b) => a.createdAt - b.createdAt);
}

/** The registry stored in the app's IndexedDB database. */
export function createDexieWorkspaceRegistry(
  db: LatitudeDatabase,
  newSecret: () => string = randomInviteSecret,
): WorkspaceRegistry {
  return {
    list: async () => validEntries(await db.workspaces.toArray()),
    add: async (workspace, documentState) => {
      await db.transaction('rw', [db.workspaces, db.updates, db.secrets], async () => {
        await db.workspaces.add(workspace);
        if (documentState) await db.updates.add({ workspaceId: workspace.id, update: documentState });
        if (workspace.kind === 'team') await db.secrets.add({ workspaceId: workspace.id, inviteSecret: newSecret() });
      });
    },
    put: async (workspace) => {
      await db.transaction('rw', db.workspaces, async () => {
        if (!(await db.workspaces.get(workspace.id))) throw new Error('That workspace no longer exists.');
        await db.workspaces.put(workspace);
      });
    },
    purge: async (id) => {
      const tables = [db.workspaces, db.updates, db.snapshots, db.settings, db.secrets, db.firstSnapshots];
      await db.transaction('rw', tables, async () => {
        await db.workspaces.delete(id);
        await db.secrets.delete(id);
        await db.firstSnapshots.delete(id);
        await db.updates.where('workspaceId').equals(id).delete();
        await db.snapshots.where('workspaceId').equals(id).delete();
        const active = await db.settings.get(ACTIVE_WORKSPACE_KEY);
        if (active?.value === id) await db.settings.put({ key: ACTIVE_WORKSPACE_KEY, value: null });
        // The guided setup's ticks of this workspace go with it.
        await db.settings.where('key').startsWith(setupKeyPrefix(id)).delete();
        // So do its sync settings on this device.
        await db.settings.bulkDelete([syncPausedKey(id), relayUrlKey(id)]);
      });
    },
    getActiveId: async () => {
      const row = await db.settings.get(ACTIVE_WORKSPACE_KEY);
      return typeof row?.value === 'string' ? row.value : null;
    },
    setActiveId: async (id) => {
      await db.settings.put({ key: ACTIVE_WORKSPACE_KEY, value: id });
    },
    getInviteSecret: async (id) => (await db.secrets.get(id))?.inviteSecret ?? null,
  };
}

/**
 * An in-memory registry with the same behaviour, for tests; documents of added workspaces
 * go to `log` when one is given.
 */
export function createMemoryWorkspaceRegistry(initial: WorkspaceMeta[] = [], log?: UpdateLog): WorkspaceRegistry {
  const workspaces = new Map(initial.map((workspace) => [workspace.id, workspace]));
  const secrets = new Map<string, string>();
  let activeId: string | null = null;
  return {
    list: () => Promise.resolve(validEntries([...workspaces.values()])),
    add: (workspace) => {
      if (workspaces.has(workspace.id))
        return Promise.reject(new Error(`A workspace with id ${workspace.id} already exists.`));
      workspaces.set(workspace.id, workspace);
      return Promise.resolve();
    },
    put: (workspace) => {
      if (!workspaces.has(workspace.id)) return Promise.reject(new Error('That workspace no longer exists.'));
      workspaces.set(workspace.id, workspace);
      return Promise.resolve();
    },
    purge: async (id) => {
      await log?.clear(id);
      workspaces.delete(id);
      secrets.delete(id);
      if (activeId === id) activeId = null;
    },
    getActiveId: () => Promise.resolve(activeId),
    setActiveId: (id) => {
      activeId = id;
      return Promise.resolve();
    },
    getInviteSecret: (id) => Promise.resolve(secrets.get(id) ?? null),
  };
}
