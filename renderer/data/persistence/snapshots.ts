/**
 * Automatic local snapshots of a workspace's document, kept for restore (DESIGN.md, "Data:
 * one Yjs document per workspace"). A snapshot is `Y.encodeStateAsUpdate(doc)` at one
 * moment, with why it was taken; they live in the `snapshots` table
 * (`++id, workspaceId, [workspaceId+createdAt]`) and never sync.
 *
 * Order: newest first means by `createdAt`, then by `id` (insertion order) for equal times,
 * which is the order of the `[workspaceId+createdAt]` index. `prune` reads only that
 * index's primary keys, never the states.
 *
 * Daily policy: a daily snapshot is due when the workspace has no daily snapshot yet or the
 * last one is at least 24 h old. Only `daily` snapshots count: a `before-import` or
 * `before-restore` snapshot holds the state that was about to be replaced, so it must not
 * postpone a snapshot of the new state. When due, the snapshot is skipped if the document
 * equals the newest snapshot of any reason, so a workspace left untouched for weeks does
 * not push its older, different restore points out with copies of one state. Then the
 * workspace is pruned to the newest `keep`.
 */
import { Dexie } from 'dexie';
import * as Y from 'yjs';
import type { LatitudeDatabase, SnapshotReason, SnapshotRow } from '../../db/database';

/** A snapshot without its state: what a restore list shows. */
export interface SnapshotSummary {
  id: number;
  /** Milliseconds since the epoch. */
  createdAt: number;
  reason: SnapshotReason;
  /** Size of the stored state. */
  bytes: number;
}

/** A stored snapshot with its state. */
export interface Snapshot extends SnapshotSummary {
  workspaceId: string;
  /** `Y.encodeStateAsUpdate` of the document when the snapshot was taken. */
  state: Uint8Array;
}

/** Stored snapshots of workspace documents. */
export interface SnapshotStore {
  /** Stores a copy of `state` taken at `now` and returns its summary. */
  take(workspaceId: string, state: Uint8Array, reason: SnapshotReason, now: number): Promise<SnapshotSummary>;
  /** The workspace's snapshots, newest first, without their states. */
  list(workspaceId: string): Promise<SnapshotSummary[]>;
  /** One snapshot with its state, or `undefined` if there is none with this id. */
  get(id: number): Promise<Snapshot | undefined>;
  /** The newest snapshot of the workspace (of the given reason, if one is given), with its state. */
  latest(workspaceId: string, reason?: SnapshotReason): Promise<Snapshot | undefined>;
  /** Deletes all but the newest `keep` (default 10) snapshots of the workspace; returns how many it deleted. */
  prune(workspaceId: string, keep?: number): Promise<number>;
  /** Deletes every snapshot of the workspace. */
  deleteAll(workspaceId: string): Promise<void>;
}

/** How many snapshots per workspace are kept by default. */
export const DEFAULT_SNAPSHOTS_KEPT = 10;

/** 24 hours in milliseconds. */
export const DAY_MS = 24 * 60 * 60 * 1000;

const REASONS: readonly SnapshotReason[] = ['daily', 'manual', 'before-import', 'before-restore'];

/** Snapshots in the app's Dexie database (`snapshots` table). */
export function createSnapshotStore(db: LatitudeDatabase): SnapshotStore {
  /** The workspace's rows in index order: oldest first. */
  const rowsOf = (workspaceId: string) =>
    db.snapshots.where('[workspaceId+createdAt]').between([workspaceId, Dexie.minKey], [workspaceId, Dexie.maxKey]);

  return {
    async take(workspaceId, state, reason, now) {
      checkTake(workspaceId, state, reason, now);
      const id = await db.snapshots.add({ workspaceId, createdAt: now, reason, state });
      if (id === undefined) throw new Error('Snapshot store: the database gave the new snapshot no id.');
      return { id, createdAt: now, reason, bytes: state.byteLength };
    },

    async list(workspaceId) {
      checkWorkspaceId(workspaceId);
      // IndexedDB cannot read part of a value: the states are read here and dropped at once.
      const rows = await rowsOf(workspaceId).reverse().toArray();
      return rows.map((row) => summarize(toSnapshot(row)));
    },

    async get(id) {
      const row = await db.snapshots.get(id);
      return row === undefined ? undefined : toSnapshot(row);
    },

    async latest(workspaceId, reason) {
      checkWorkspaceId(workspaceId);
      const newestFirst = rowsOf(workspaceId).reverse();
      const row = await (reason === undefined ? newestFirst : newestFirst.filter((r) => r.reason === reason)).first();
      return row === undefined ? undefined : toSnapshot(row);
    },

    async prune(workspaceId, keep = DEFAULT_SNAPSHOTS_KEPT) {
      checkWorkspaceId(workspaceId);
      checkKeep(keep);
      return db.transaction('rw', db.snapshots, async () => {
        const oldestFirst = await rowsOf(workspaceId).primaryKeys();
        const doomed = oldestFirst.slice(0, Math.max(0, oldestFirst.length - keep));
        await db.snapshots.bulkDelete(doomed);
        return doomed.length;
      });
    },

    async deleteAll(workspaceId) {
      checkWorkspaceId(workspaceId);
      await db.snapshots.where('workspaceId').equals(workspaceId).delete();
    },
  };
}

/**
 * An in-memory snapshot store with the same behaviour as {@link createSnapshotStore}
 * (one id counter, same order, states copied in and out). For tests.
 */
export function createMemorySnapshotStore(): SnapshotStore {
  let rows: Snapshot[] = [];
  let lastId = 0;
  const settle = () => Promise.resolve();
  const newestFirst = (workspaceId: string) =>
    rows.filter((row) => row.workspaceId === workspaceId).sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
  const copy = (row: Snapshot): Snapshot => ({ ...row, state: row.state.slice() });

  return {
    async take(workspaceId, state, reason, now) {
      checkTake(workspaceId, state, reason, now);
      await settle();
      const row: Snapshot = { id: ++lastId, workspaceId, createdAt: now, reason, bytes: state.byteLength, state };
      rows.push(copy(row));
      return summarize(row);
    },

    async list(workspaceId) {
      checkWorkspaceId(workspaceId);
      await settle();
      return newestFirst(workspaceId).map(summarize);
    },

    async get(id) {
      await settle();
      const row = rows.find((candidate) => candidate.id === id);
      return row === undefined ? undefined : copy(row);
    },

    async latest(workspaceId, reason) {
      checkWorkspaceId(workspaceId);
      await settle();
      const row = newestFirst(workspaceId).find((candidate) => reason === undefined || candidate.reason === reason);
      return row === undefined ? undefined : copy(row);
    },

    async prune(workspaceId, keep = DEFAULT_SNAPSHOTS_KEPT) {
      checkWorkspaceId(workspaceId);
      checkKeep(keep);
      await settle();
      const doomed = new Set(newestFirst(workspaceId).slice(keep));
      rows = rows.filter((row) => !doomed.has(row));
      return doomed.size;
    },

    async deleteAll(workspaceId) {
      checkWorkspaceId(workspaceId);
      await settle();
      rows = rows.filter((row) => row.workspaceId !== workspaceId);
    },
  };
}

/**
 * Whether a daily snapshot is due: when there is none yet (`lastSnapshotAt` is `null`) or the
 * last one was taken at least 24 h before `now`. Pure; times are milliseconds since the epoch.
 */
export function isDailySnapshotDue(lastSnapshotAt: number | null, now: number): boolean {
  return lastSnapshotAt === null || now - lastSnapshotAt >= DAY_MS;
}

/**
 * Takes a `daily` snapshot of `doc` if one is due (see {@link isDailySnapshotDue}; only daily
 * snapshots count) and the document differs from the newest snapshot, then prunes the
 * workspace to the newest `keep`. Returns the snapshot taken, or `null` if none was.
 */
export async function takeDailySnapshotIfDue(
  store: SnapshotStore,
  workspaceId: string,
  doc: Y.Doc,
  now: number,
  keep: number = DEFAULT_SNAPSHOTS_KEPT,
): Promise<SnapshotSummary | null> {
  checkKeep(keep);
  const lastDaily = await store.latest(workspaceId, 'daily');
  if (!isDailySnapshotDue(lastDaily?.createdAt ?? null, now)) return null;
  const state = Y.encodeStateAsUpdate(doc);
  const newest = await store.latest(workspaceId);
  if (newest !== undefined && sameBytes(newest.state, state)) return null;
  const taken = await store.take(workspaceId, state, 'daily', now);
  await store.prune(workspaceId, keep);
  return taken;
}

function summarize(snapshot: Snapshot): SnapshotSummary {
  return { id: snapshot.id, createdAt: snapshot.createdAt, reason: snapshot.reason, bytes: snapshot.bytes };
}

function toSnapshot(row: SnapshotRow): Snapshot {
  if (row.id === undefined) throw new Error('Snapshot store: a stored snapshot has no id (the database is damaged).');
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    createdAt: row.createdAt,
    reason: row.reason,
    bytes: row.state.byteLength,
    state: row.state,
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, index) => byte === b[index]);
}

function checkWorkspaceId(workspaceId: string): void {
  if (typeof workspaceId !== 'string' || workspaceId === '') {
    throw new TypeError('Snapshot store: the workspace id must be a non-empty string.');
  }
}

function checkTake(workspaceId: string, state: Uint8Array, reason: SnapshotReason, now: number): void {
  checkWorkspaceId(workspaceId);
  if (Object.prototype.toString.call(state) !== '[object Uint8Array]') {
    throw new TypeError('Snapshot store: the state must be a Uint8Array (Y.encodeStateAsUpdate).');
  }
  if (!REASONS.includes(reason)) throw new TypeError(`Snapshot store: unknown snapshot reason "${String(reason)}".`);
  if (!Number.isFinite(now))
    throw new TypeError(`Snapshot store: the time must be a finite number, got ${String(now)}.`);
}

function checkKeep(keep: number): void {
  if (!Number.isInteger(keep) || keep < 0) {
    throw new RangeError(`Snapshot store: keep must be a whole number ≥ 0, got ${String(keep)}.`);
  }
}
