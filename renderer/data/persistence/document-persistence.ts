/**
 * Keeps one workspace's `Y.Doc` in its stored update log (DESIGN.md, "Data: one Yjs
 * document per workspace", Persistence: batched writes, bounded log).
 *
 * Algorithm
 * 1. Listen to `doc.on('update')` first, so nothing done to the document while it loads is
 *    missed. Updates whose origin is {@link PERSISTENCE_ORIGIN} came from the log and are
 *    not written back. If the document already had content, its whole state is queued.
 * 2. Load: read all rows and apply them in ONE transaction with origin PERSISTENCE_ORIGIN
 *    (one update event, one re-render; the undo manager only tracks the origins it is told
 *    to, so loading is never undoable).
 * 3. If more than one row was loaded, compact at once: encode the whole state and `replace`
 *    the rows up to the last loaded seq with it. Reopening a workspace therefore never grows
 *    the log: it is one row after every open.
 * 4. Edits: each update is queued; the first update of a batch starts a timer of
 *    `flushDelayMs` (not restarted by later ones, so a steady stream of edits is still saved
 *    every `flushDelayMs`). When it fires, the queue is merged (`Y.mergeUpdates`) and
 *    appended as one row in one transaction: a burst of edits is one write and one row.
 * 5. When the log holds more than `compactAfterRows` rows, compact again: re-read the log,
 *    apply the rows this handle did not load or write itself (rows another writer may have
 *    added, which would otherwise be deleted; the others are in the document already, and
 *    decoding them again would cost as much as loading), encode the state and `replace` up
 *    to the last row read. The queued updates are in that state too, so they
 *    are dropped from the queue when the replace succeeds. At rest the log holds at most
 *    `compactAfterRows + 1` rows, and right after a compaction it holds one row of exactly
 *    `Y.encodeStateAsUpdate(doc)` bytes (deleted content is garbage-collected by Yjs).
 * 6. Nothing is lost: all writes run one after another on one chain, so a flush never
 *    interleaves with a compaction. A failed append puts the updates back at the head of the
 *    queue, reports the error to `onError` and is retried on the next flush (an edit, an
 *    explicit `flush()`, `close()`, or an automatic retry with backoff). A failed compaction
 *    loses nothing either (the replace is one transaction) and is retried after the next
 *    append. `close()` flushes and only detaches once the queue is stored.
 * 7. Mirror: whenever the log is known to hold exactly the document's content, `mirror.onMatch`
 *    is told the log's latest seq and what `mirror.capture` returned at that instant (the
 *    document store's snapshot cache is written from them). That is after each compaction
 *    (captured when the state is encoded), and on `settle()` when, after the queue is
 *    written, every row in the log is one this handle loaded or wrote and the document has
 *    not changed since: the rows' content is then the document's, with no need to compact.
 */
import { describeError } from '@shared/errors';
import * as Y from 'yjs';
import type { UpdateLog, UpdateLogStats } from './update-log';

/**
 * Transaction origin of everything the persistence layer applies to a document (the stored
 * log). Updates with this origin are not written back, and an undo manager must not track it.
 * Compared by identity; shaped like the other origins (`{ source }`, workspace-document.ts).
 */
export const PERSISTENCE_ORIGIN: Readonly<{ source: 'persistence' }> = Object.freeze({ source: 'persistence' });

/** Options of {@link openPersistedDocument}. */
export interface PersistedDocumentOptions<C = unknown> {
  /** The workspace whose log holds the document. */
  workspaceId: string;
  /** The document to load into and keep stored; normally empty when opened. */
  doc: Y.Doc;
  /** Where the updates are stored. */
  log: UpdateLog;
  /** How long after the first unsaved edit the queue is written. Default 100 ms. */
  flushDelayMs?: number;
  /** Compact when the stored log holds more rows than this. Default 200. */
  compactAfterRows?: number;
  /** First automatic retry after a failed write; doubles on each failure up to 30 s. Default 1000 ms. */
  retryDelayMs?: number;
  /**
   * Called with an `Error` whose message says what failed and that nothing was lost, each
   * time a write or a compaction fails. The one place to show "could not save" to the user.
   */
  onError: (error: Error) => void;
  /** Told when the log holds exactly the document's content (algorithm step 7). */
  mirror?: {
    /** Runs synchronously at the instant the log and the document may match. If it throws, nothing is told. */
    capture: () => C;
    /** The log's latest seq, with what `capture` returned. Its errors are ignored. */
    onMatch: (seq: number, captured: C) => void;
  };
}

/** Size of the stored log and of what is still waiting to be written. */
export interface PersistedDocumentStats extends UpdateLogStats {
  /** Document updates (edits) queued in memory, not yet stored. */
  pendingUpdates: number;
}

/** A document kept in its update log; see {@link openPersistedDocument}. */
export interface PersistedDocument {
  /** Settled when the stored rows have been applied to the document (already so when the handle is returned). */
  readonly whenLoaded: Promise<void>;
  /**
   * Writes the queued updates now, after any write in progress. Resolves when they are stored;
   * rejects (after calling `onError` with the same error) if they could not be, in which case
   * they stay queued.
   */
  flush(): Promise<void>;
  /**
   * Flushes, waits for any compaction, then stops listening to the document. If the flush
   * fails it rejects and the document stays attached (nothing is dropped), so `close()` can be
   * called again. Calling it after it succeeded does nothing.
   */
  close(): Promise<void>;
  /** The stored log's rows and bytes (after any write in progress) and the number of queued updates. */
  stats(): Promise<PersistedDocumentStats>;
  /**
   * Writes the queue, then tells `mirror.onMatch` if the log holds exactly the document
   * (algorithm step 7). Rejects, after `onError`, when the queue could not be written.
   */
  settle(): Promise<void>;
}

const MAX_RETRY_DELAY_MS = 30_000;

/**
 * Loads a workspace's document from its update log and keeps every later change stored
 * (batched, compacted). Resolves once the stored rows are applied to `doc`; rejects, with
 * nothing left attached, if the log cannot be read.
 */
export async function openPersistedDocument<C>(options: PersistedDocumentOptions<C>): Promise<PersistedDocument> {
  const { workspaceId, doc, log, onError, mirror } = options;
  const flushDelayMs = options.flushDelayMs ?? 100;
  const compactAfterRows = options.compactAfterRows ?? 200;
  const retryDelayMs = options.retryDelayMs ?? 1000;
  checkNonNegative('flushDelayMs', flushDelayMs);
  checkNonNegative('retryDelayMs', retryDelayMs);
  if (!Number.isInteger(compactAfterRows) || compactAfterRows < 1) {
    throw new RangeError(`compactAfterRows must be a whole number ≥ 1, got ${String(compactAfterRows)}.`);
  }

  let queue: Uint8Array[] = [];
  /** Document updates not yet stored (the queue may hold them merged into fewer entries). */
  let pendingEdits = 0;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  /** Rows in the stored log as far as this handle knows (exact after load and compaction). */
  let storedRows = 0;
  /** Set when a compaction failed; the next append tries again whatever the row count. */
  let compactionOwed = false;
  let attached = true;
  /** Rows whose content is in the document: loaded or written by this handle. */
  const knownSeqs = new Set<number>();
  /** Document updates seen since opening; tells whether the document changed since a moment. */
  let changes = 0;
  /** Every write runs on this chain, one after another. It never rejects. */
  let chain: Promise<void> = Promise.resolve();
  /** Tasks scheduled on the chain and not yet settled. */
  let runningTasks = 0;

  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    runningTasks += 1;
    const result = chain.then(task);
    chain = result.then(
      () => void (runningTasks -= 1),
      () => void (runningTasks -= 1),
    );
    return result;
  };

  const onUpdate = (update: Uint8Array, origin: unknown): void => {
    changes += 1;
    if (origin === PERSISTENCE_ORIGIN) return;
    queue.push(update);
    pendingEdits += 1;
    if (flushTimer === undefined) {
      flushTimer = setTimeout(() => {
        flushTimer = undefined;
        flushInBackground();
      }, flushDelayMs);
    }
  };

  const flushInBackground = (): void => {
    // Failures are already reported through onError and retried; nothing else to do here.
    exclusive(writeQueue).catch(() => undefined);
  };

  const scheduleRetry = (): void => {
    if (retryTimer !== undefined) clearTimeout(retryTimer);
    const delay = Math.min(retryDelayMs * 2 ** (failures - 1), MAX_RETRY_DELAY_MS);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      flushInBackground();
    }, delay);
  };

  const writeQueue = async (): Promise<void> => {
    if (queue.length === 0) return;
    const batch = queue;
    const edits = pendingEdits;
    queue = [];
    pendingEdits = 0;
    const merged = batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch);
    try {
      for (const seq of await log.append(workspaceId, [merged])) knownSeqs.add(seq);
    } catch (cause: unknown) {
      // Back at the head: anything queued meanwhile is newer.
      queue = [merged, ...queue];
      pendingEdits += edits;
      failures += 1;
      const error = new Error(
        `Could not save ${edits} change${edits === 1 ? '' : 's'} to workspace "${workspaceId}": ` +
          `${describeError(cause)}. They are kept in memory and saving will be retried.`,
        { cause },
      );
      onError(error);
      if (attached) scheduleRetry();
      throw error;
    }
    failures = 0;
    if (retryTimer !== undefined) {
      clearTimeout(retryTimer);
      retryTimer = undefined;
    }
    storedRows += 1;
    if (storedRows > compactAfterRows || compactionOwed) await compactReportingErrors();
  };

  /** Replaces the rows up to `upToSeq` (all of which are in the document) with the document's state. */
  const replaceWithState = async (upToSeq: number): Promise<void> => {
    // Everything queued so far is already in the document, hence in the state.
    const covered = queue;
    const coveredEdits = pendingEdits;
    queue = [];
    pendingEdits = 0;
    const state = Y.encodeStateAsUpdate(doc);
    const captured = captureMirror();
    let seq: number;
    try {
      seq = await log.replace(workspaceId, upToSeq, state);
    } catch (cause: unknown) {
      queue = [...covered, ...queue];
      pendingEdits += coveredEdits;
      throw cause;
    }
    for (const known of knownSeqs) if (known <= upToSeq) knownSeqs.delete(known);
    knownSeqs.add(seq);
    if (captured === null) return;
    // Another writer may have added a row between the read and the replace; the replace kept
    // it, below the merged row, and the document does not have it.
    const seqs = await log.seqs(workspaceId);
    if (seqs.every((stored) => stored > seq || knownSeqs.has(stored))) tellMatch(seq, captured);
  };

  /** What `mirror.capture` returns now, or null without a mirror or when it throws. */
  const captureMirror = (): { value: C } | null => {
    try {
      return mirror ? { value: mirror.capture() } : null;
    } catch {
      return null;
    }
  };

  const tellMatch = (seq: number, captured: { value: C }): void => {
    try {
      mirror?.onMatch(seq, captured.value);
    } catch {
      // What the listener does with it (a cache) must never stop saving.
    }
  };

  const compact = async (): Promise<void> => {
    const rows = await log.load(workspaceId);
    storedRows = rows.length;
    const last = rows.at(-1);
    if (last === undefined || rows.length === 1) return;
    applyRows(
      doc,
      rows.filter((row) => !knownSeqs.has(row.seq)),
    );
    await replaceWithState(last.seq);
    storedRows = 1;
  };

  const reportCompactionFailure = (cause: unknown): void => {
    // The rows are intact (replace is one transaction); the next append tries again.
    compactionOwed = true;
    onError(
      new Error(
        `Could not compact the stored history of workspace "${workspaceId}": ${describeError(cause)}. ` +
          'Nothing was lost; it will be tried again after the next save.',
        { cause },
      ),
    );
  };

  const compactReportingErrors = async (): Promise<void> => {
    try {
      await compact();
      compactionOwed = false;
    } catch (cause: unknown) {
      reportCompactionFailure(cause);
    }
  };

  // 1. Listen before loading, so edits made while loading are queued.
  const hadContent = doc.store.clients.size > 0;
  doc.on('update', onUpdate);
  if (hadContent) {
    queue.push(Y.encodeStateAsUpdate(doc));
    pendingEdits += 1;
  }

  // 2. Load.
  let loaded: { seq: number; update: Uint8Array }[];
  try {
    loaded = await log.load(workspaceId);
    // While anyone listens, Yjs encodes every transaction into an 'update' event; for the
    // loaded rows that would re-encode the whole stored state only for onUpdate to skip it.
    // Applying is synchronous, so nothing else can edit the document in between.
    doc.off('update', onUpdate);
    try {
      applyRows(doc, loaded);
    } finally {
      doc.on('update', onUpdate);
    }
    for (const row of loaded) knownSeqs.add(row.seq);
  } catch (cause: unknown) {
    doc.off('update', onUpdate);
    throw new Error(`Could not load workspace "${workspaceId}" from local storage: ${describeError(cause)}.`, {
      cause,
    });
  }
  storedRows = loaded.length;

  // 3. Compact what was loaded, unless it is one row already. In the background: the document
  // is ready to show; flush(), close() and stats() wait for it.
  const lastLoaded = loaded.at(-1);
  if (lastLoaded !== undefined && loaded.length > 1) {
    exclusive(async () => {
      try {
        await replaceWithState(lastLoaded.seq);
        storedRows = 1;
      } catch (cause: unknown) {
        reportCompactionFailure(cause);
      }
    }).catch(() => undefined);
  }
  if (queue.length > 0 && flushTimer === undefined) flushInBackground();

  let closed: Promise<void> | undefined;
  const detach = (): void => {
    attached = false;
    doc.off('update', onUpdate);
    doc.off('destroy', onDestroy);
    if (flushTimer !== undefined) clearTimeout(flushTimer);
    if (retryTimer !== undefined) clearTimeout(retryTimer);
    flushTimer = undefined;
    retryTimer = undefined;
  };

  const handle: PersistedDocument = {
    whenLoaded: Promise.resolve(),

    flush() {
      if (flushTimer !== undefined) {
        clearTimeout(flushTimer);
        flushTimer = undefined;
      }
      return exclusive(writeQueue);
    },

    close() {
      closed ??= (async () => {
        try {
          // Edits made while a write is in flight are queued behind it: repeat until nothing
          // is queued or running, then detach in the same tick so no edit slips in between.
          do {
            await handle.flush();
            await chain;
          } while (queue.length > 0 || runningTasks > 0);
          detach();
        } catch (error: unknown) {
          closed = undefined;
          throw error;
        }
      })();
      return closed;
    },

    async stats() {
      const stored = await exclusive(() => log.stats(workspaceId));
      return { ...stored, pendingUpdates: pendingEdits };
    },

    settle() {
      if (flushTimer !== undefined) {
        clearTimeout(flushTimer);
        flushTimer = undefined;
      }
      return exclusive(async () => {
        await writeQueue();
        if (!mirror || queue.length > 0) return;
        const changesBefore = changes;
        const seqs = await log.seqs(workspaceId);
        const last = seqs.at(-1);
        // Every row is in the document and every change to the document is in a row.
        if (last === undefined || changes !== changesBefore || !seqs.every((seq) => knownSeqs.has(seq))) return;
        const captured = captureMirror();
        if (captured !== null) tellMatch(last, captured);
      });
    },
  };

  // A destroyed document makes no more updates: store what is queued and let go of it.
  function onDestroy(): void {
    handle.close().catch(() => undefined);
  }
  doc.on('destroy', onDestroy);

  return handle;
}

/** Applies stored rows in one transaction, so observers see one change and it is not written back. */
function applyRows(doc: Y.Doc, rows: readonly { update: Uint8Array }[]): void {
  if (rows.length === 0) return;
  doc.transact(() => {
    for (const row of rows) Y.applyUpdate(doc, row.update, PERSISTENCE_ORIGIN);
  }, PERSISTENCE_ORIGIN);
}

function checkNonNegative(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number ≥ 0, got ${String(value)}.`);
  }
}
