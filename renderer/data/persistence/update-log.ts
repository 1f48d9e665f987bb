/**
 * The stored Yjs update log of each workspace (DESIGN.md, "Data: one Yjs document per
 * workspace", Persistence). A workspace's document is persisted as an ordered list of
 * Yjs updates; applying them all, in any order, rebuilds the document, because Yjs
 * updates commute and applying one twice changes nothing.
 *
 * Rows live in the `updates` table (`++seq, workspaceId`). The auto-incremented `seq` is
 * shared by all workspaces, so it orders rows within a workspace but is not dense.
 *
 * - `append` writes a batch in ONE transaction: a burst of edits is one disk write, and a
 *   crash keeps either the whole batch or none of it.
 * - `replace` is compaction's write: in ONE transaction it deletes the workspace's rows
 *   with `seq ≤ upToSeq` and adds the merged row. IndexedDB transactions are atomic, so a
 *   crash leaves either the old rows or the merged one, never neither. Rows appended after
 *   `upToSeq` (by another writer, while the merged state was being encoded) are kept.
 *
 * The in-memory twin behaves the same (same seq rules, same copies of byte arrays, same
 * argument checks) so one test suite runs against both (STYLE.md, rule 4).
 */
import type { LatitudeDatabase } from '../../db/database';

/** One stored update of a workspace, with its place in the log. */
export interface LoggedUpdate {
  /** Position in the log; larger is later. Not dense: the counter is shared by all workspaces. */
  seq: number;
  /** A Yjs update (`Y.encodeStateAsUpdate` / `doc.on('update')` format, v1). */
  update: Uint8Array;
}

/** Size of a workspace's stored log. */
export interface UpdateLogStats {
  /** Number of stored rows. */
  rows: number;
  /** Sum of the stored updates' byte lengths. */
  bytes: number;
}

/** The stored update log of workspace documents. Every method works on one workspace only. */
export interface UpdateLog {
  /** All stored updates of the workspace, ordered by `seq` (oldest first). */
  load(workspaceId: string): Promise<LoggedUpdate[]>;
  /**
   * Adds the updates, in order, in one transaction (all are stored or none) and resolves with
   * their seqs. An empty batch writes nothing.
   */
  append(workspaceId: string, updates: readonly Uint8Array[]): Promise<number[]>;
  /**
   * Compaction: atomically deletes the workspace's rows with `seq ≤ upToSeq` and adds `merged`
   * as a new (latest) row, whose seq it resolves with. `merged` must contain everything the
   * deleted rows contained.
   */
  replace(workspaceId: string, upToSeq: number, merged: Uint8Array): Promise<number>;
  /**
   * The seqs of the workspace's rows, oldest first, without reading any update. Any write
   * changes the latest (seqs are never reused), so it names the log's content.
   */
  seqs(workspaceId: string): Promise<number[]>;
  /** Deletes every stored update of the workspace. */
  clear(workspaceId: string): Promise<void>;
  /** How many rows and bytes the workspace's log holds. */
  stats(workspaceId: string): Promise<UpdateLogStats>;
}

/**
 * The update log in the app's Dexie database (`updates` table). Each method is one
 * IndexedDB transaction.
 */
export function createDexieUpdateLog(db: LatitudeDatabase): UpdateLog {
  const rowsOf = (workspaceId: string) => db.updates.where('workspaceId').equals(workspaceId);

  return {
    async load(workspaceId) {
      checkWorkspaceId(workspaceId);
      const rows = await rowsOf(workspaceId).toArray();
      // Entries of one index key come back in primary-key order already; sorting states the contract.
      return rows.map((row) => ({ seq: requireSeq(row.seq), update: row.update })).sort((a, b) => a.seq - b.seq);
    },

    async append(workspaceId, updates) {
      checkWorkspaceId(workspaceId);
      updates.forEach((update) => checkUpdate(update, 'append'));
      if (updates.length === 0) return [];
      const seqs = await db.transaction('rw', db.updates, () =>
        db.updates.bulkAdd(
          updates.map((update) => ({ workspaceId, update })),
          { allKeys: true },
        ),
      );
      return seqs.map(requireSeq);
    },

    async replace(workspaceId, upToSeq, merged) {
      checkWorkspaceId(workspaceId);
      checkSeq(upToSeq);
      checkUpdate(merged, 'replace');
      return db.transaction('rw', db.updates, async () => {
        // Primary keys come from the index alone: the (possibly large) updates are not read.
        const seqs = await rowsOf(workspaceId).primaryKeys();
        await db.updates.bulkDelete(seqs.filter((seq): seq is number => seq !== undefined && seq <= upToSeq));
        return requireSeq(await db.updates.add({ workspaceId, update: merged }));
      });
    },

    async seqs(workspaceId) {
      checkWorkspaceId(workspaceId);
      // From the index alone: entries of one key come in primary-key order.
      return (await rowsOf(workspaceId).primaryKeys()).map(requireSeq);
    },

    async clear(workspaceId) {
      checkWorkspaceId(workspaceId);
      await db.transaction('rw', db.updates, async () => {
        await rowsOf(workspaceId).delete();
      });
    },

    async stats(workspaceId) {
      checkWorkspaceId(workspaceId);
      let rows = 0;
      let bytes = 0;
      await rowsOf(workspaceId).each((row) => {
        rows += 1;
        bytes += row.update.byteLength;
      });
      return { rows, bytes };
    },
  };
}

/**
 * An in-memory update log with the same behaviour as {@link createDexieUpdateLog}: one seq
 * counter for all workspaces, stored and returned byte arrays are copies (as IndexedDB's
 * structured clone makes them), each call is all-or-nothing. For tests and for documents
 * that must not touch the disk.
 */
export function createMemoryUpdateLog(): UpdateLog {
  const rows: { seq: number; workspaceId: string; update: Uint8Array }[] = [];
  let lastSeq = 0;
  const rowsOf = (workspaceId: string) => rows.filter((row) => row.workspaceId === workspaceId);
  // Async like IndexedDB: callers never see a result in the same tick as the call.
  const settle = () => Promise.resolve();

  return {
    async load(workspaceId) {
      checkWorkspaceId(workspaceId);
      await settle();
      return rowsOf(workspaceId).map((row) => ({ seq: row.seq, update: row.update.slice() }));
    },

    async append(workspaceId, updates) {
      checkWorkspaceId(workspaceId);
      updates.forEach((update) => checkUpdate(update, 'append'));
      await settle();
      return updates.map((update) => {
        rows.push({ seq: ++lastSeq, workspaceId, update: update.slice() });
        return lastSeq;
      });
    },

    async replace(workspaceId, upToSeq, merged) {
      checkWorkspaceId(workspaceId);
      checkSeq(upToSeq);
      checkUpdate(merged, 'replace');
      await settle();
      const kept = rows.filter((row) => row.workspaceId !== workspaceId || row.seq > upToSeq);
      rows.splice(0, rows.length, ...kept, { seq: ++lastSeq, workspaceId, update: merged.slice() });
      return lastSeq;
    },

    async seqs(workspaceId) {
      checkWorkspaceId(workspaceId);
      await settle();
      return rowsOf(workspaceId).map((row) => row.seq);
    },

    async clear(workspaceId) {
      checkWorkspaceId(workspaceId);
      await settle();
      const kept = rows.filter((row) => row.workspaceId !== workspaceId);
      rows.splice(0, rows.length, ...kept);
    },

    async stats(workspaceId) {
      checkWorkspaceId(workspaceId);
      await settle();
      const mine = rowsOf(workspaceId);
      return { rows: mine.length, bytes: mine.reduce((sum, row) => sum + row.update.byteLength, 0) };
    },
  };
}

// Argument checks shared by both implementations, so a bad call fails the same way in
// tests (memory) and in the app (Dexie), before anything is written.

function checkWorkspaceId(workspaceId: string): void {
  if (typeof workspaceId !== 'string' || workspaceId === '') {
    throw new TypeError('Update log: the workspace id must be a non-empty string.');
  }
}

function checkSeq(seq: number): void {
  if (!Number.isFinite(seq)) throw new TypeError(`Update log: upToSeq must be a finite number, got ${String(seq)}.`);
}

function checkUpdate(update: Uint8Array, operation: string): void {
  // Realm-independent: a Uint8Array made in another realm fails `instanceof` but not this.
  if (Object.prototype.toString.call(update) !== '[object Uint8Array]') {
    throw new TypeError(`Update log: ${operation} takes Yjs updates as Uint8Array.`);
  }
}

function requireSeq(seq: number | undefined): number {
  if (seq === undefined) throw new Error('Update log: a stored row has no seq (the database is damaged).');
  return seq;
}
