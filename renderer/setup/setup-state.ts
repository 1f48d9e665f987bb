/**
 * What a person did with the guided setup of a workspace, on this device: which manual steps
 * they ticked and whether they hid the checklist. Kept in the local `settings` table under
 * `setup:<workspaceId>:done` (the ticked step ids) and `setup:<workspaceId>:dismissed`; never
 * synced, since it is about this person's walk through the guide, not about the workspace.
 *
 * Storage sits behind a small interface with a Dexie implementation and an in-memory twin.
 * Values read back are checked: a row that is not what this module writes reads as "nothing
 * ticked" / "not hidden" instead of breaking the dashboard.
 */
import { z } from 'zod';
import type { LatitudeDatabase } from '../db/database';

/** A workspace's guided-setup state on this device. */
export interface SetupState {
  /** Ids of the manual steps ticked as done. */
  done: readonly string[];
  /** Whether the checklist is hidden from the dashboard. */
  dismissed: boolean;
}

/** Where guided-setup state is kept. */
export interface SetupStateStorage {
  /** The workspace's state; nothing ticked and not hidden when nothing is stored. */
  read(workspaceId: string): Promise<SetupState>;
  /** Ticks (`done` true) or unticks a manual step. */
  setStepDone(workspaceId: string, stepId: string, done: boolean): Promise<void>;
  /** Hides (true) or shows the checklist again. */
  setDismissed(workspaceId: string, dismissed: boolean): Promise<void>;
  /** Forgets the workspace's state (when the workspace is deleted for good). */
  clear(workspaceId: string): Promise<void>;
}

/** The start of every settings key of a workspace's guided setup (purged with the workspace). */
export function setupKeyPrefix(workspaceId: string): string {
  return `setup:${workspaceId}:`;
}

/** The settings key of a workspace's ticked steps. */
export function setupDoneKey(workspaceId: string): string {
  return `${setupKeyPrefix(workspaceId)}done`;
}

/** The settings key of whether a workspace's checklist is hidden. */
export function setupDismissedKey(workspaceId: string): string {
  return `${setupKeyPrefix(workspaceId)}dismissed`;
}

const stepIdsSchema = z.array(z.string().min(1).max(100)).max(200);

function readDone(value: unknown): string[] {
  const parsed = stepIdsSchema.safeParse(value);
  return parsed.success ? [...new Set(parsed.data)] : [];
}

function withStep(done: readonly string[], stepId: string, isDone: boolean): string[] {
  const rest = done.filter((id) => id !== stepId);
  return isDone ? [...rest, stepId] : rest;
}

/** The state kept in the app's local database. */
export function createDexieSetupStateStorage(db: LatitudeDatabase): SetupStateStorage {
  return {
    async read(workspaceId) {
      const [done, dismissed] = await db.settings.bulkGet([setupDoneKey(workspaceId), setupDismissedKey(workspaceId)]);
      return { done: readDone(done?.value), dismissed: dismissed?.value === true };
    },
    async setStepDone(workspaceId, stepId, isDone) {
      const key = setupDoneKey(workspaceId);
      // Read and write in one transaction, so two ticks in quick succession both stay.
      await db.transaction('rw', db.settings, async () => {
        const row = await db.settings.get(key);
        await db.settings.put({ key, value: withStep(readDone(row?.value), stepId, isDone) });
      });
    },
    async setDismissed(workspaceId, dismissed) {
      await db.settings.put({ key: setupDismissedKey(workspaceId), value: dismissed });
    },
    async clear(workspaceId) {
      await db.settings.bulkDelete([setupDoneKey(workspaceId), setupDismissedKey(workspaceId)]);
    },
  };
}

/** The state kept in memory only, for tests and hosts without IndexedDB. */
export function createMemorySetupStateStorage(): SetupStateStorage {
  const rows = new Map<string, unknown>();
  return {
    read: (workspaceId) =>
      Promise.resolve({
        done: readDone(rows.get(setupDoneKey(workspaceId))),
        dismissed: rows.get(setupDismissedKey(workspaceId)) === true,
      }),
    setStepDone: (workspaceId, stepId, isDone) => {
      const key = setupDoneKey(workspaceId);
      rows.set(key, withStep(readDone(rows.get(key)), stepId, isDone));
      return Promise.resolve();
    },
    setDismissed: (workspaceId, dismissed) => {
      rows.set(setupDismissedKey(workspaceId), dismissed);
      return Promise.resolve();
    },
    clear: (workspaceId) => {
      rows.delete(setupDoneKey(workspaceId));
      rows.delete(setupDismissedKey(workspaceId));
      return Promise.resolve();
    },
  };
}
