/**
 * An open workspace: its Yjs document loaded from the update log and kept stored, migrated
 * to the current schema (or read-only when newer), with its document store, repository,
 * undo history and snapshots. Opening follows this order:
 *   1. load the stored updates into a new document (persistence keeps saving from then on);
 *   2. stamp a brand-new document with its id and the current schema version;
 *   3. migrate an older document, or mark a newer one read-only (never changed);
 *      a team workspace joined from an invite and not synced yet is neither stamped nor
 *      migrated: it opens read-only until its content arrives (see sync/joined-document);
 *   4. take the daily snapshot when one is due;
 *   5. build the store, repository and undo manager on top; the store keeps the entities of
 *      a first snapshot shown while opening (see session-store) wherever they are equal.
 * `close()` first tells its close listeners (sync stops there, before the document goes),
 * then saves everything still queued before letting go of the document.
 *
 * First snapshots (data/persistence/first-snapshot.ts): whenever the update log holds
 * exactly the document (after a compaction, and on `settle()`, which runs
 * `SETTLE_DELAY_MS` after the last change, when the window is hidden, and when closing),
 * the document store's state at that instant is cached under the log's latest seq, unless
 * the cache holds that seq already. The next opening shows it before decoding anything.
 */
import * as Y from 'yjs';
import type { SnapshotReason } from '../db/database';
import { createDocumentStore, type DocumentState, type DocumentStore } from '../data/document-store';
import type { FirstSnapshot, FirstSnapshotCache } from '../data/persistence/first-snapshot';
import { openDocument } from '../data/migrations';
import { openPersistedDocument, type PersistedDocument } from '../data/persistence/document-persistence';
import {
  DEFAULT_SNAPSHOTS_KEPT,
  takeDailySnapshotIfDue,
  type SnapshotStore,
  type SnapshotSummary,
} from '../data/persistence/snapshots';
import type { UpdateLog } from '../data/persistence/update-log';
import { createWorkspaceRepository, type WorkspaceRepository } from '../data/repository';
import { revertToState } from '../data/revert';
import { createUndoManager, type UndoController } from '../data/undo';
import { getMetaMap, hasNoEntities, initialiseDocument, LOCAL_ORIGIN } from '../data/workspace-document';
import { PERSONAL_DEFAULT_LIMITS } from '@shared/domains/policy';
import type { WorkspaceMeta } from '@shared/workspace/workspace-meta';
import { AWAITING_FIRST_SYNC, isAwaitingFirstSync } from '../sync/joined-document';
import { mergeBackupInto, type CheckedBackup } from './backup-service';

/** What opening a workspace needs from outside. */
export interface SessionDeps {
  log: UpdateLog;
  snapshots: SnapshotStore;
  userId: string;
  now: () => number;
  newId: () => string;
  /** Told when saving fails (the changes stay queued and are retried). */
  onSaveError: (error: Error) => void;
  /** Where first snapshots are cached; none are written without it. */
  firstSnapshots?: FirstSnapshotCache;
}

/** How long after the last change the first snapshot is brought up to date. */
export const SETTLE_DELAY_MS = 2000;

/** An open workspace. */
export interface WorkspaceSession {
  readonly workspace: WorkspaceMeta;
  /** The id of the person using this device (entities' `createdBy`). */
  readonly userId: string;
  readonly doc: Y.Doc;
  readonly documentStore: DocumentStore;
  readonly repository: WorkspaceRepository;
  readonly undo: UndoController;
  /** Why the workspace cannot be edited, or null. */
  readonly readOnly: string | null;
  /** The schema version it was migrated from when opened, or null. */
  readonly migratedFrom: number | null;
  /** Writes every queued change now. */
  flush(): Promise<void>;
  /** Writes every queued change and brings the cached first snapshot up to date. */
  settle(): Promise<void>;
  /** The workspace's snapshots, newest first. */
  listSnapshots(): Promise<SnapshotSummary[]>;
  /** Stores a snapshot of the current state. */
  takeSnapshot(reason: SnapshotReason): Promise<SnapshotSummary>;
  /**
   * Brings the content back to a snapshot's, as new changes (so peers follow and Ctrl+Z
   * undoes it); a snapshot of the state before is taken first.
   */
  restoreSnapshot(id: number): Promise<void>;
  /** Merges a checked backup of this same workspace (a snapshot of the state before is taken first). */
  mergeBackup(backup: CheckedBackup): Promise<void>;
  /**
   * Runs `listener` when closing starts, before anything is saved or let go (a sync
   * provider stops there). Returns a function that removes it.
   */
  onClose(listener: () => Promise<void> | void): () => void;
  /** Saves what is queued and lets go of the document. */
  close(): Promise<void>;
}

/**
 * Writes to a workspace that is not open (a personal decision shared into a team
 * workspace): loads its stored document, migrates it like opening would, runs `write` with a
 * repository on it as one intent, and appends what changed (the migration included) to its
 * update log, so the workspace shows it when opened. Refuses a workspace from a newer schema.
 */
export async function writeStoredDocument<T>(
  log: UpdateLog,
  workspaceId: string,
  deps: Pick<SessionDeps, 'userId' | 'now' | 'newId'>,
  write: (repository: WorkspaceRepository) => T,
): Promise<T> {
  const doc = new Y.Doc();
  try {
    for (const { update } of await log.load(workspaceId)) Y.applyUpdate(doc, update);
    const before = Y.encodeStateVector(doc);
    initialiseDocument(doc, workspaceId);
    const opened = openDocument(doc);
    if (opened.mode === 'read-only') throw new Error(opened.reason);
    const repository = createWorkspaceRepository(doc, deps);
    const result = repository.transact(() => write(repository));
    await log.append(workspaceId, [Y.encodeStateAsUpdate(doc, before)]);
    return result;
  } finally {
    doc.destroy();
  }
}

/**
 * Gives a new personal workspace its simpler default policy (`PERSONAL_DEFAULT_LIMITS`), with
 * the reason in its history like any change, so a person sees where the limits come from
 * and can change them.
 */
function seedPersonalPolicy(repository: WorkspaceRepository, userId: string, time: number): void {
  repository.transact(() => {
    const { autonomousCostLimit, consultativeCostLimit } = PERSONAL_DEFAULT_LIMITS;
    const policy = repository.create('policies', { domainId: null, autonomousCostLimit, consultativeCostLimit });
    repository.addToCollection('policies', policy.id, 'changes', {
      changedAt: time,
      changedBy: userId,
      changedByName: 'Latitude',
      fromAutonomous: null,
      fromConsultative: null,
      toAutonomous: autonomousCostLimit,
      toConsultative: consultativeCostLimit,
      reason:
        "The default of a personal workspace: most of one person's decisions are theirs alone, so only larger ones need advice or others.",
    });
  });
}

/**
 * Opens a workspace; see the module comment for the order of steps. `shown` is the cached
 * first snapshot shown while it opened, if any.
 */
export async function openWorkspaceSession(
  workspace: WorkspaceMeta,
  deps: SessionDeps,
  shown: FirstSnapshot | null = null,
): Promise<WorkspaceSession> {
  const { log, snapshots, userId, now, newId, firstSnapshots } = deps;
  const doc = new Y.Doc();
  // The store once built: its state is what a first snapshot caches.
  const built: { store?: DocumentStore } = {};
  let cachedSeq = shown?.seq ?? null;
  let cacheWrites: Promise<void> = Promise.resolve();
  const cacheFirstSnapshot = (seq: number, state: DocumentState | undefined): void => {
    if (firstSnapshots === undefined || state === undefined || seq === cachedSeq) return;
    cachedSeq = seq;
    cacheWrites = cacheWrites
      .then(() => firstSnapshots.write(workspace.id, seq, state))
      .catch(() => {
        // Only a head start is lost; the next settle writes it again.
        if (cachedSeq === seq) cachedSeq = null;
      });
  };
  let persistence: PersistedDocument;
  try {
    // Saved as soon as the current task ends: every change a person makes in one go is one
    // write, and closing or reloading the window right after an edit loses nothing.
    persistence = await openPersistedDocument({
      workspaceId: workspace.id,
      doc,
      log,
      flushDelayMs: 0,
      onError: deps.onSaveError,
      mirror: { capture: () => built.store?.getState(), onMatch: cacheFirstSnapshot },
    });
  } catch (error) {
    doc.destroy();
    throw error;
  }
  // A workspace made on this device and opened for the first time (not one joined and not yet synced).
  const isNew = !getMetaMap(doc).has('workspaceId') && hasNoEntities(doc);
  // Joined and not synced yet: stamping it now would mark the content to come as current.
  const awaitingFirstSync = workspace.kind === 'team' && isAwaitingFirstSync(doc);
  if (!awaitingFirstSync) initialiseDocument(doc, workspace.id);
  const opened = awaitingFirstSync ? ({ mode: 'read-only', reason: AWAITING_FIRST_SYNC } as const) : openDocument(doc);
  const readOnly = opened.mode === 'read-only' ? opened.reason : null;
  const isReadOnly = () => readOnly;
  if (readOnly === null) await takeDailySnapshotIfDue(snapshots, workspace.id, doc, now(), DEFAULT_SNAPSHOTS_KEPT);

  const store = createDocumentStore(doc, shown === null ? { readOnly } : { readOnly, reuse: shown.entities });
  built.store = store;
  const repository = createWorkspaceRepository(doc, { userId, now, newId, isReadOnly });
  // Before the undo manager exists, so it is not an undoable step.
  if (isNew && workspace.kind === 'personal' && readOnly === null) seedPersonalPolicy(repository, userId, now());
  // Every user intent is one transaction, so each is its own undo step: two domains created
  // in quick succession are undone one at a time.
  const undo = createUndoManager(doc, { isReadOnly, captureTimeout: 0 });

  // Brings the first snapshot up to date once changes have paused (and now, for what opening
  // did: a compaction, a migration, a log the cache did not match).
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  const settle = () => persistence.settle();
  const settleLater = () => {
    if (settleTimer !== undefined) clearTimeout(settleTimer);
    settleTimer = setTimeout(() => {
      settleTimer = undefined;
      // A failed write is already reported (onSaveError) and retried.
      settle().catch(() => undefined);
    }, SETTLE_DELAY_MS);
  };
  if (firstSnapshots !== undefined) {
    doc.on('update', settleLater);
    settle().catch(() => undefined);
  }

  const takeSnapshot = async (reason: SnapshotReason) => {
    const summary = await snapshots.take(workspace.id, Y.encodeStateAsUpdate(doc), reason, now());
    await snapshots.prune(workspace.id, DEFAULT_SNAPSHOTS_KEPT);
    return summary;
  };
  const refuseWhenReadOnly = () => {
    if (readOnly !== null) throw new Error(`This workspace is read-only: ${readOnly}`);
  };

  let closed = false;
  const closeListeners = new Set<() => Promise<void> | void>();
  return {
    workspace,
    userId,
    doc,
    documentStore: store,
    repository,
    undo,
    readOnly,
    migratedFrom: opened.mode === 'editable' ? opened.migratedFrom : null,
    flush: () => persistence.flush(),
    settle,
    listSnapshots: () => snapshots.list(workspace.id),
    takeSnapshot,
    async restoreSnapshot(id) {
      refuseWhenReadOnly();
      const snapshot = await snapshots.get(id);
      if (!snapshot || snapshot.workspaceId !== workspace.id) throw new Error('That snapshot no longer exists.');
      await takeSnapshot('before-restore');
      undo.stopCapturing();
      revertToState(doc, snapshot.state, now(), LOCAL_ORIGIN);
      undo.stopCapturing();
      await persistence.flush();
    },
    async mergeBackup(backup) {
      refuseWhenReadOnly();
      await takeSnapshot('before-import');
      mergeBackupInto(doc, workspace.id, backup);
      await persistence.flush();
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => void closeListeners.delete(listener);
    },
    async close() {
      if (closed) return;
      for (const listener of [...closeListeners]) {
        try {
          await listener();
        } catch {
          // A listener's failure must not keep the workspace from closing and saving.
        }
      }
      closeListeners.clear();
      if (firstSnapshots !== undefined) {
        doc.off('update', settleLater);
        clearTimeout(settleTimer);
        await settle().catch(() => undefined);
        await cacheWrites;
      }
      await persistence.close();
      closed = true;
      undo.destroy();
      store.destroy();
      doc.destroy();
    },
  };
}
