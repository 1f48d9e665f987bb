// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { LatitudeDatabase } from '../../db/database';
import {
  openPersistedDocument,
  PERSISTENCE_ORIGIN,
  type PersistedDocument,
  type PersistedDocumentOptions,
} from './document-persistence';
import { createDexieUpdateLog, createMemoryUpdateLog, type UpdateLog } from './update-log';

const databases: LatitudeDatabase[] = [];
const handles: PersistedDocument[] = [];
afterEach(async () => {
  await Promise.allSettled(handles.splice(0).map((handle) => handle.close()));
  await Promise.all(databases.splice(0).map((db) => db.delete()));
});

let databaseCount = 0;
function openTestDatabase(name?: string): LatitudeDatabase {
  const db = new LatitudeDatabase(name ?? `persistence-test-${++databaseCount}-${Math.random().toString(36).slice(2)}`);
  databases.push(db);
  return db;
}

/** A place to store logs; `reopen` gives a log on the same storage as if the app had restarted. */
interface Storage {
  log: UpdateLog;
  reopen(): UpdateLog;
}

const backends: { name: string; make: () => Storage }[] = [
  {
    name: 'Dexie',
    make: () => {
      let db = openTestDatabase();
      return {
        log: createDexieUpdateLog(db),
        reopen: () => {
          db.close();
          db = openTestDatabase(db.name);
          return createDexieUpdateLog(db);
        },
      };
    },
  },
  {
    name: 'memory',
    make: () => ({
      log: createMemoryUpdateLog(),
      reopen() {
        return this.log;
      },
    }),
  },
];

type OpenOptions = Omit<PersistedDocumentOptions, 'doc' | 'onError'> & Partial<PersistedDocumentOptions>;

async function open(options: OpenOptions): Promise<{ doc: Y.Doc; handle: PersistedDocument; errors: Error[] }> {
  const errors: Error[] = [];
  const doc = options.doc ?? new Y.Doc();
  const handle = await openPersistedDocument({ onError: (error) => errors.push(error), ...options, doc });
  handles.push(handle);
  return { doc, handle, errors };
}

/** Records every append; `failAppends` / `failReplaces` make the next calls reject. */
function instrumented(inner: UpdateLog) {
  const appends: Uint8Array[][] = [];
  const control = { failAppends: 0, failReplaces: 0, replaces: 0 };
  const log: UpdateLog = {
    ...inner,
    async append(workspaceId, updates) {
      appends.push([...updates]);
      if (control.failAppends > 0) {
        control.failAppends -= 1;
        throw new Error('QuotaExceededError: the disk is full');
      }
      return inner.append(workspaceId, updates);
    },
    async replace(workspaceId, upToSeq, merged) {
      control.replaces += 1;
      if (control.failReplaces > 0) {
        control.failReplaces -= 1;
        throw new Error('AbortError: transaction aborted');
      }
      return inner.replace(workspaceId, upToSeq, merged);
    },
  };
  return { log, appends, control };
}

/** A small seeded generator (mulberry32), so a failing run can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One user-like edit per transaction on workspace-shaped data: entities as nested maps in
 * top-level maps, scalar fields overwritten, prose in Y.Text typed and deleted, tombstones.
 */
function edit(doc: Y.Doc, next: () => number): void {
  const pick = (n: number) => Math.floor(next() * n);
  doc.transact(() => {
    const kind = doc.getMap<Y.Map<unknown>>(pick(2) === 0 ? 'decisions' : 'domains');
    const id = `entity-${pick(12)}`;
    let entity = kind.get(id);
    if (entity === undefined) {
      entity = new Y.Map<unknown>();
      entity.set('notes', new Y.Text());
      kind.set(id, entity);
    }
    const notes = entity.get('notes') as Y.Text;
    const action = pick(10);
    if (action < 4) entity.set('title', `Title ${pick(1000)}`);
    else if (action < 5) entity.set('deletedAt', next() < 0.5 ? null : 1_700_000_000_000 + pick(1e6));
    else if (action < 8) notes.insert(pick(notes.length + 1), 'word ');
    else if (notes.length > 0) {
      const from = pick(notes.length);
      notes.delete(from, Math.min(notes.length - from, 1 + pick(8)));
    }
  });
}

function editMany(doc: Y.Doc, count: number, seed: number): void {
  const next = random(seed);
  for (let i = 0; i < count; i += 1) edit(doc, next);
}

const contentOf = (doc: Y.Doc) => ({
  decisions: doc.getMap('decisions').toJSON(),
  domains: doc.getMap('domains').toJSON(),
});

/** Opens a fresh document from the log and checks it holds exactly the original's content. */
async function expectStoredEqual(log: UpdateLog, workspaceId: string, original: Y.Doc): Promise<void> {
  const { doc: fresh, handle } = await open({ workspaceId, log });
  await handle.close();
  expect(contentOf(fresh)).toEqual(contentOf(original));
  expect(Y.encodeStateVector(fresh)).toEqual(Y.encodeStateVector(original));
  // The fresh document's whole state rebuilds the same content again.
  const rebuilt = new Y.Doc();
  Y.applyUpdate(rebuilt, Y.encodeStateAsUpdate(fresh));
  expect(contentOf(rebuilt)).toEqual(contentOf(original));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A mirror that records every match, capturing with `capture`. */
function recordMatches<C>(capture: () => C) {
  const matches: { seq: number; captured: C }[] = [];
  const mirror = {
    capture,
    onMatch: (seq: number, captured: unknown) => void matches.push({ seq, captured: captured as C }),
  };
  return { mirror, matches };
}

/** The content of a document rebuilt from one update. */
function contentOfUpdate(update: Uint8Array) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return contentOf(doc);
}

/** A Yjs update of another writer (another window) putting `value` under `key` in domains. */
function otherWriterUpdate(key: string, value: unknown): Uint8Array {
  const other = new Y.Doc();
  other.getMap('domains').set(key, value);
  return Y.encodeStateAsUpdate(other);
}

/** The content a fresh document opened from the log holds. */
async function storedContent(log: UpdateLog, workspaceId: string) {
  const { doc, handle } = await open({ workspaceId, log });
  await handle.close();
  return contentOf(doc);
}

describe.each(backends)('persisted document ($name)', ({ make }) => {
  it('writes, closes, and reads back the same content after a restart', async () => {
    const storage = make();
    const { doc, handle } = await open({ workspaceId: 'w1', log: storage.log, flushDelayMs: 5 });
    editMany(doc, 300, 1);
    await handle.close();
    await expectStoredEqual(storage.reopen(), 'w1', doc);
  });

  it('loads in one transaction with PERSISTENCE_ORIGIN, which an undo manager does not track', async () => {
    const storage = make();
    const first = await open({ workspaceId: 'w1', log: storage.log });
    editMany(first.doc, 50, 2);
    await first.handle.close();

    const doc = new Y.Doc();
    const undo = new Y.UndoManager([doc.getMap('decisions'), doc.getMap('domains')]);
    const origins: unknown[] = [];
    doc.on('afterTransaction', (transaction: Y.Transaction) => origins.push(transaction.origin));
    const { handle } = await open({ workspaceId: 'w1', log: storage.log, doc });
    expect(origins).toHaveLength(1);
    expect(origins[0]).toBe(PERSISTENCE_ORIGIN);
    expect(undo.undoStack).toHaveLength(0);
    expect(contentOf(doc)).toEqual(contentOf(first.doc));

    doc.getMap('decisions').set('local', 'edit');
    expect(undo.undoStack).toHaveLength(1);
    await handle.close();
  });

  it('batches a burst of 100 edits into one append of one row', async () => {
    const storage = make();
    const { log, appends } = instrumented(storage.log);
    const { doc, handle } = await open({ workspaceId: 'w1', log, flushDelayMs: 20 });
    editMany(doc, 100, 3);
    expect(appends).toHaveLength(0);
    await vi.waitFor(() => expect(appends).toHaveLength(1));
    await sleep(60);
    expect(appends).toHaveLength(1);
    expect(appends[0]).toHaveLength(1);
    expect(await handle.stats()).toMatchObject({ rows: 1, pendingUpdates: 0 });
    await handle.close();
    await expectStoredEqual(storage.log, 'w1', doc);
  });

  it('writes edits spread over the delay in one batch, and a later burst in the next', async () => {
    const storage = make();
    const { log, appends } = instrumented(storage.log);
    // A long delay, so a slow machine still makes the ten edits within it.
    const { doc, handle } = await open({ workspaceId: 'w1', log, flushDelayMs: 400 });
    const next = random(4);
    for (let i = 0; i < 10; i += 1) {
      edit(doc, next);
      await sleep(1);
    }
    expect(appends).toHaveLength(0);
    await vi.waitFor(() => expect(appends).toHaveLength(1), { timeout: 2000 });
    editMany(doc, 10, 5);
    await handle.flush();
    expect(appends).toHaveLength(2);
    await handle.close();
    await expectStoredEqual(storage.log, 'w1', doc);
  });

  it('flush() writes the queue at once; close() flushes what is left', async () => {
    const storage = make();
    const { log, appends } = instrumented(storage.log);
    const { doc, handle } = await open({ workspaceId: 'w1', log, flushDelayMs: 60_000 });
    editMany(doc, 20, 6);
    await handle.flush();
    expect(appends).toHaveLength(1);
    await handle.flush();
    expect(appends).toHaveLength(1);
    editMany(doc, 20, 7);
    await handle.close();
    expect(appends).toHaveLength(2);
    const contentAtClose = contentOf(doc);
    // Detached: later edits are not written.
    doc.getMap('decisions').set('after', 'close');
    await sleep(10);
    expect(appends).toHaveLength(2);
    const { doc: reloaded } = await open({ workspaceId: 'w1', log: storage.reopen() });
    expect(contentOf(reloaded)).toEqual(contentAtClose);
  });

  it('keeps edits made while a write is in flight and stores them on close', async () => {
    const storage = make();
    const { doc, handle } = await open({ workspaceId: 'w1', log: storage.log, flushDelayMs: 60_000 });
    editMany(doc, 10, 8);
    const flushing = handle.flush();
    editMany(doc, 10, 9);
    const closing = handle.close();
    editMany(doc, 10, 10);
    await flushing;
    await closing;
    await expectStoredEqual(storage.log, 'w1', doc);
  });

  it('stores content the document had before it was opened, and edits made while loading', async () => {
    const storage = make();
    await storage.log.append('w1', [
      (() => {
        const other = new Y.Doc();
        other.getMap('domains').set('stored', 1);
        return Y.encodeStateAsUpdate(other);
      })(),
    ]);
    const doc = new Y.Doc();
    doc.getMap('decisions').set('before-open', true);
    const opening = open({ workspaceId: 'w1', log: storage.log, doc, flushDelayMs: 60_000 });
    doc.getMap('decisions').set('while-loading', true);
    const { handle } = await opening;
    await handle.close();
    const { doc: reloaded } = await open({ workspaceId: 'w1', log: storage.log });
    expect(contentOf(reloaded)).toEqual({
      decisions: { 'before-open': true, 'while-loading': true },
      domains: { stored: 1 },
    });
  });

  it('compacts as soon as it loads more than one row, and reopening ten times never grows the log', async ({
    annotate,
  }) => {
    const storage = make();
    const first = await open({ workspaceId: 'w1', log: storage.log, flushDelayMs: 60_000 });
    for (let i = 0; i < 30; i += 1) {
      first.doc.getMap('decisions').set(`key-${i % 7}`, `value ${i}`);
      await first.handle.flush();
    }
    await first.handle.close();
    const beforeReopen = await storage.log.stats('w1');
    expect(beforeReopen.rows).toBe(30);

    let log = storage.reopen();
    const { handle } = await open({ workspaceId: 'w1', log });
    await handle.close();
    const afterFirst = await log.stats('w1');
    expect(afterFirst.rows).toBe(1);
    expect(afterFirst.bytes).toBeLessThan(beforeReopen.bytes);

    for (let cycle = 0; cycle < 10; cycle += 1) {
      log = storage.reopen();
      const reopened = await open({ workspaceId: 'w1', log });
      await reopened.handle.close();
    }
    expect(await log.stats('w1')).toEqual(afterFirst);
    await expectStoredEqual(log, 'w1', first.doc);
    await annotate(
      `before reopen ${beforeReopen.rows} rows / ${beforeReopen.bytes} bytes; after the first reopen ` +
        `${afterFirst.rows} row / ${afterFirst.bytes} bytes; after 10 more reopens the same`,
    );
  });

  it('keeps the log bounded during a long session and small after compaction (3000 edits)', async ({ annotate }) => {
    const storage = make();
    const { log, appends, control } = instrumented(storage.log);
    const compactAfterRows = 50;
    const { doc, handle, errors } = await open({ workspaceId: 'w1', log, flushDelayMs: 60_000, compactAfterRows });
    const next = random(12);
    let maxRows = 0;
    let maxBytes = 0;
    for (let i = 1; i <= 3000; i += 1) {
      edit(doc, next);
      if (i % 10 === 0) {
        await handle.flush();
        const { rows, bytes } = await handle.stats();
        maxRows = Math.max(maxRows, rows);
        maxBytes = Math.max(maxBytes, bytes);
        if (rows === 1) {
          // Right after a compaction: one row, the document's own encoded state.
          expect(bytes).toBeLessThanOrEqual(1.3 * Y.encodeStateAsUpdate(doc).byteLength);
        }
      }
    }
    expect(maxRows).toBeLessThanOrEqual(compactAfterRows + 1);
    expect(control.replaces).toBeGreaterThanOrEqual(5);
    await handle.close();

    const reopenedLog = storage.reopen();
    const reopened = await open({ workspaceId: 'w1', log: reopenedLog });
    await reopened.handle.close();
    const stored = await reopenedLog.stats('w1');
    const encoded = Y.encodeStateAsUpdate(doc).byteLength;
    expect(stored.rows).toBe(1);
    expect(stored.bytes).toBeLessThanOrEqual(1.3 * encoded);
    expect(contentOf(reopened.doc)).toEqual(contentOf(doc));
    expect(errors).toEqual([]);
    const appendedBytes = appends.flat().reduce((sum, update) => sum + update.byteLength, 0);
    await annotate(
      `3000 edits, flush every 10, compactAfterRows ${compactAfterRows}: ${appendedBytes} bytes appended in all; ` +
        `max ${maxRows} rows / ${maxBytes} bytes stored ` +
        `during the session; after reopen ${stored.rows} row / ${stored.bytes} bytes; ` +
        `encodeStateAsUpdate ${encoded} bytes (ratio ${(stored.bytes / encoded).toFixed(3)})`,
    );
  });

  it('keeps a failed write queued, reports it, and stores it on the next flush', async () => {
    const storage = make();
    const { log, appends, control } = instrumented(storage.log);
    const { doc, handle, errors } = await open({ workspaceId: 'w1', log, flushDelayMs: 60_000, retryDelayMs: 60_000 });
    control.failAppends = 1;
    doc.getMap('decisions').set('first', 1);
    await expect(handle.flush()).rejects.toThrow(/Could not save 1 change to workspace "w1".*disk is full.*retried/);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/kept in memory/);
    expect(errors[0]!.cause).toBeInstanceOf(Error);
    expect(await handle.stats()).toMatchObject({ rows: 0, pendingUpdates: 1 });

    doc.getMap('decisions').set('second', 2);
    doc.getMap('decisions').set('third', 3);
    expect(await handle.stats()).toMatchObject({ rows: 0, pendingUpdates: 3 });
    await handle.flush();
    expect(appends).toHaveLength(2);
    expect(await handle.stats()).toMatchObject({ rows: 1, pendingUpdates: 0 });
    expect(errors).toHaveLength(1);
    await handle.close();
    await expectStoredEqual(storage.log, 'w1', doc);
  });

  it('retries a failed background write by itself', async () => {
    const storage = make();
    const { log, appends, control } = instrumented(storage.log);
    const { doc, handle, errors } = await open({ workspaceId: 'w1', log, flushDelayMs: 1, retryDelayMs: 5 });
    control.failAppends = 2;
    doc.getMap('decisions').set('only', 'edit');
    await vi.waitFor(() => expect(appends).toHaveLength(3));
    expect(errors).toHaveLength(2);
    await vi.waitFor(async () => expect(await storage.log.stats('w1')).toMatchObject({ rows: 1 }));
    await handle.close();
    await expectStoredEqual(storage.log, 'w1', doc);
  });

  it('does not detach when close() cannot flush, so a second close() stores everything', async () => {
    const storage = make();
    const { log, control } = instrumented(storage.log);
    const { doc, handle, errors } = await open({ workspaceId: 'w1', log, flushDelayMs: 60_000, retryDelayMs: 60_000 });
    doc.getMap('decisions').set('a', 1);
    control.failAppends = 1;
    await expect(handle.close()).rejects.toThrow(/Could not save/);
    doc.getMap('decisions').set('b', 2);
    await handle.close();
    expect(errors).toHaveLength(1);
    await expectStoredEqual(storage.log, 'w1', doc);
  });

  it('loses nothing when a compaction fails, and compacts after the next save', async () => {
    const storage = make();
    const { log, control } = instrumented(storage.log);
    const { doc, handle, errors } = await open({ workspaceId: 'w1', log, flushDelayMs: 60_000, compactAfterRows: 3 });
    control.failReplaces = 1;
    for (let i = 0; i < 4; i += 1) {
      doc.getMap('decisions').set(`k${i}`, i);
      await handle.flush();
    }
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/Could not compact .*"w1".*Nothing was lost/);
    expect((await handle.stats()).rows).toBe(4);
    doc.getMap('decisions').set('k4', 4);
    await handle.flush();
    expect((await handle.stats()).rows).toBe(1);
    await handle.close();
    await expectStoredEqual(storage.log, 'w1', doc);
  });

  it('compaction keeps rows another writer added to the same workspace', async () => {
    const storage = make();
    const { doc, handle } = await open({
      workspaceId: 'w1',
      log: storage.log,
      flushDelayMs: 60_000,
      compactAfterRows: 2,
    });
    const other = new Y.Doc();
    other.getMap('domains').set('from', 'another window');
    await storage.log.append('w1', [Y.encodeStateAsUpdate(other)]);
    for (let i = 1; i <= 3; i += 1) {
      doc.getMap('decisions').set('mine', i);
      await handle.flush();
    }
    expect((await handle.stats()).rows).toBe(1);
    await handle.close();
    const { doc: reloaded } = await open({ workspaceId: 'w1', log: storage.log });
    expect(contentOf(reloaded)).toEqual({ decisions: { mine: 3 }, domains: { from: 'another window' } });
  });

  it('keeps two workspaces apart in one log', async () => {
    const storage = make();
    const a = await open({ workspaceId: 'a', log: storage.log, flushDelayMs: 1 });
    const b = await open({ workspaceId: 'b', log: storage.log, flushDelayMs: 1 });
    editMany(a.doc, 100, 13);
    editMany(b.doc, 100, 14);
    b.doc.getMap('decisions').set('only-in-b', true);
    await Promise.all([a.handle.close(), b.handle.close()]);

    const log = storage.reopen();
    const aAgain = await open({ workspaceId: 'a', log });
    const bAgain = await open({ workspaceId: 'b', log });
    expect(contentOf(aAgain.doc)).toEqual(contentOf(a.doc));
    expect(contentOf(bAgain.doc)).toEqual(contentOf(b.doc));
    expect(aAgain.doc.getMap('decisions').has('only-in-b')).toBe(false);
    // Clients of one workspace never appear in the other's state.
    const clientsOf = (doc: Y.Doc) => [...Y.decodeStateVector(Y.encodeStateVector(doc)).keys()];
    expect(clientsOf(aAgain.doc)).toEqual([a.doc.clientID]);
    expect(clientsOf(bAgain.doc)).toEqual([b.doc.clientID]);
    await log.clear('a');
    expect((await log.stats('a')).rows).toBe(0);
    expect((await log.stats('b')).rows).toBeGreaterThan(0);
  });

  it('rejects bad options and a log it cannot read, leaving nothing attached', async () => {
    const storage = make();
    await expect(open({ workspaceId: 'w1', log: storage.log, compactAfterRows: 0 })).rejects.toThrow(RangeError);
    await expect(open({ workspaceId: 'w1', log: storage.log, flushDelayMs: -1 })).rejects.toThrow(RangeError);
    const broken: UpdateLog = {
      ...storage.log,
      load: () => Promise.reject(new Error('database is gone')),
    };
    const doc = new Y.Doc();
    await expect(open({ workspaceId: 'w1', log: broken, doc })).rejects.toThrow(
      'Could not load workspace "w1" from local storage: database is gone.',
    );
    doc.getMap('decisions').set('x', 1);
    await sleep(5);
    expect(await storage.log.stats('w1')).toEqual({ rows: 0, bytes: 0 });
  });

  describe('mirror', () => {
    it('a compaction reports no match when another writer added a row while it was writing', async () => {
      const storage = make();
      const doc = new Y.Doc();
      const log: UpdateLog = {
        ...storage.log,
        async replace(workspaceId, upToSeq, merged) {
          // Another window appends between the compaction's load and its replace.
          await storage.log.append(workspaceId, [otherWriterUpdate('from', 'another window')]);
          return storage.log.replace(workspaceId, upToSeq, merged);
        },
      };
      const { mirror, matches } = recordMatches(() => contentOf(doc));
      const { handle } = await open({ workspaceId: 'w1', log, doc, flushDelayMs: 60_000, compactAfterRows: 2, mirror });
      for (let i = 1; i <= 3; i += 1) {
        doc.getMap('decisions').set(`k${i}`, i);
        await handle.flush();
      }
      const stored = await storedContent(storage.log, 'w1');
      // Every reported match must name the latest row AND hold the log's content.
      for (const match of matches) expect(match.captured).toEqual(stored);
      expect(matches).toEqual([]);
    });

    it('a capture that throws loses nothing', async () => {
      const storage = make();
      await storage.log.append('w1', [otherWriterUpdate('a', 1), otherWriterUpdate('b', 2)]);
      const doc = new Y.Doc();
      doc.getMap('decisions').set('before-open', true);
      const mirror = {
        capture: () => {
          throw new Error('capture failed');
        },
        onMatch: () => undefined,
      };
      const { handle } = await open({ workspaceId: 'w1', log: storage.log, doc, flushDelayMs: 60_000, mirror });
      await handle.close();
      expect(await storedContent(storage.log, 'w1')).toEqual(contentOf(doc));
    });

    it('settle() writes the queue and reports the latest seq with the state captured then', async () => {
      const storage = make();
      const { log, appends } = instrumented(storage.log);
      const doc = new Y.Doc();
      const { mirror, matches } = recordMatches(() => Y.encodeStateAsUpdate(doc));
      const { handle, errors } = await open({ workspaceId: 'w1', log, doc, flushDelayMs: 60_000, mirror });
      editMany(doc, 40, 21);
      expect(matches).toEqual([]);
      await handle.settle();
      expect(appends).toHaveLength(1);
      expect(await handle.stats()).toMatchObject({ rows: 1, pendingUpdates: 0 });
      const seqs = await storage.log.seqs('w1');
      expect(matches).toHaveLength(1);
      expect(matches[0]!.seq).toBe(seqs.at(-1));
      expect(contentOfUpdate(matches[0]!.captured)).toEqual(contentOf(doc));
      expect(contentOfUpdate(matches[0]!.captured)).toEqual(await storedContent(storage.log, 'w1'));
      expect(errors).toEqual([]);
    });

    it('settle() reports a match again, with the same seq, when nothing changed since', async () => {
      const storage = make();
      const { log, appends } = instrumented(storage.log);
      const doc = new Y.Doc();
      const { mirror, matches } = recordMatches(() => doc.getMap('decisions').toJSON());
      const { handle } = await open({ workspaceId: 'w1', log, doc, flushDelayMs: 60_000, mirror });
      doc.getMap('decisions').set('a', 1);
      await handle.settle();
      await handle.settle();
      expect(appends).toHaveLength(1);
      expect(matches).toHaveLength(2);
      expect(matches[1]).toEqual(matches[0]);
      doc.getMap('decisions').set('b', 2);
      await handle.settle();
      expect(appends).toHaveLength(2);
      expect(matches).toHaveLength(3);
      expect(matches[2]!.seq).toBeGreaterThan(matches[0]!.seq);
      expect(matches[2]!.seq).toBe((await storage.log.seqs('w1')).at(-1));
      expect(matches[2]!.captured).toEqual({ a: 1, b: 2 });
      // Several rows: all written by this handle, so they hold the document without compacting.
      expect((await storage.log.seqs('w1')).length).toBe(2);
    });

    it('settle() reports no match while the log holds a row of another writer, and does after a compaction took it in', async () => {
      const storage = make();
      const doc = new Y.Doc();
      const { mirror, matches } = recordMatches(() => contentOf(doc));
      const { handle, errors } = await open({
        workspaceId: 'w1',
        log: storage.log,
        doc,
        flushDelayMs: 60_000,
        compactAfterRows: 2,
        mirror,
      });
      doc.getMap('decisions').set('mine', 1);
      await handle.flush();
      await storage.log.append('w1', [otherWriterUpdate('from', 'another window')]);
      doc.getMap('decisions').set('mine', 2);
      await handle.settle();
      expect((await storage.log.seqs('w1')).length).toBe(3);
      await handle.settle();
      expect(matches).toEqual([]);
      expect(contentOf(doc).domains).toEqual({});

      // The fourth row is one too many: the compaction applies the other writer's row and reports.
      doc.getMap('decisions').set('mine', 3);
      await handle.flush();
      const seqs = await storage.log.seqs('w1');
      expect(seqs).toHaveLength(1);
      const expected = { decisions: { mine: 3 }, domains: { from: 'another window' } };
      expect(matches).toEqual([{ seq: seqs[0], captured: expected }]);
      expect(contentOf(doc)).toEqual(expected);

      await handle.settle();
      expect(matches).toHaveLength(2);
      expect(matches[1]).toEqual({ seq: seqs[0], captured: expected });
      expect(await storedContent(storage.log, 'w1')).toEqual(expected);
      expect(errors).toEqual([]);
    });

    it('settle() reports no match when the document changes while the log is read', async () => {
      const storage = make();
      const doc = new Y.Doc();
      let editWhileReading = true;
      const log: UpdateLog = {
        ...storage.log,
        async seqs(workspaceId) {
          if (editWhileReading) {
            editWhileReading = false;
            doc.getMap('decisions').set('while-reading', true);
          }
          return storage.log.seqs(workspaceId);
        },
      };
      const { mirror, matches } = recordMatches(() => contentOf(doc));
      const { handle } = await open({ workspaceId: 'w1', log, doc, flushDelayMs: 60_000, mirror });
      doc.getMap('decisions').set('before', true);
      await handle.settle();
      expect(matches).toEqual([]);
      expect(await handle.stats()).toMatchObject({ rows: 1, pendingUpdates: 1 });
      await handle.settle();
      expect(matches).toHaveLength(1);
      expect(matches[0]!.seq).toBe((await storage.log.seqs('w1')).at(-1));
      expect(matches[0]!.captured).toEqual({ decisions: { before: true, 'while-reading': true }, domains: {} });
    });

    it('a compaction reports the merged row with the state captured when it was encoded, not edits made during the write', async () => {
      const storage = make();
      const doc = new Y.Doc();
      let replaces = 0;
      const log: UpdateLog = {
        ...storage.log,
        async replace(workspaceId, upToSeq, merged) {
          replaces += 1;
          // An edit made while the merged row is being written.
          doc.getMap('decisions').set('during-compaction', replaces);
          return storage.log.replace(workspaceId, upToSeq, merged);
        },
      };
      const { mirror, matches } = recordMatches(() => contentOf(doc));
      const { handle, errors } = await open({
        workspaceId: 'w1',
        log,
        doc,
        flushDelayMs: 60_000,
        compactAfterRows: 2,
        mirror,
      });
      for (let i = 1; i <= 3; i += 1) {
        doc.getMap('decisions').set(`k${i}`, i);
        await handle.flush();
      }
      expect(replaces).toBe(1);
      const rows = await storage.log.load('w1');
      expect(rows).toHaveLength(1);
      expect(matches).toHaveLength(1);
      expect(matches[0]!.seq).toBe(rows[0]!.seq);
      expect(matches[0]!.captured).toEqual({ decisions: { k1: 1, k2: 2, k3: 3 }, domains: {} });
      // The merged row holds exactly what was captured.
      expect(contentOfUpdate(rows[0]!.update)).toEqual(matches[0]!.captured);
      // The edit made during the write is still queued, and stored by the next settle.
      expect(await handle.stats()).toMatchObject({ rows: 1, pendingUpdates: 1 });
      await handle.settle();
      expect(matches).toHaveLength(2);
      expect(matches[1]!.seq).toBe((await storage.log.seqs('w1')).at(-1));
      expect(matches[1]!.captured).toEqual({
        decisions: { k1: 1, k2: 2, k3: 3, 'during-compaction': 1 },
        domains: {},
      });
      await handle.close();
      await expectStoredEqual(storage.log, 'w1', doc);
      expect(errors).toEqual([]);
    });

    it('the compaction right after opening reports the merged row, with what was captured when it was encoded', async () => {
      const storage = make();
      const first = await open({ workspaceId: 'w1', log: storage.log, flushDelayMs: 60_000 });
      for (let i = 0; i < 5; i += 1) {
        editMany(first.doc, 10, 30 + i);
        await first.handle.flush();
      }
      await first.handle.close();
      expect((await storage.log.stats('w1')).rows).toBe(5);

      const doc = new Y.Doc();
      let edits = 0;
      doc.on('update', (_update: Uint8Array, origin: unknown) => {
        if (origin !== PERSISTENCE_ORIGIN) edits += 1;
      });
      const log: UpdateLog = {
        ...storage.log,
        async replace(workspaceId, upToSeq, merged) {
          doc.getMap('decisions').set('during-compaction', true);
          return storage.log.replace(workspaceId, upToSeq, merged);
        },
      };
      const { mirror, matches } = recordMatches(() => ({ state: Y.encodeStateAsUpdate(doc), edits }));
      const { handle, errors } = await open({ workspaceId: 'w1', log, doc, flushDelayMs: 60_000, mirror });
      // stats() runs after the compaction (and writes nothing).
      expect(await handle.stats()).toMatchObject({ rows: 1, pendingUpdates: 1 });
      const rows = await storage.log.load('w1');
      expect(rows).toHaveLength(1);
      expect(matches).toHaveLength(1);
      expect(matches[0]!.seq).toBe(rows[0]!.seq);
      expect(matches[0]!.captured.edits).toBe(0);
      expect(matches[0]!.captured.state).toEqual(rows[0]!.update);
      expect(contentOfUpdate(matches[0]!.captured.state)).toEqual(contentOf(first.doc));
      expect(edits).toBe(1);
      expect(contentOf(doc).decisions).toMatchObject({ 'during-compaction': true });
      await handle.close();
      await expectStoredEqual(storage.log, 'w1', doc);
      expect(errors).toEqual([]);
    });

    it('a compaction that fails reports no match', async () => {
      const storage = make();
      const { log, control } = instrumented(storage.log);
      const doc = new Y.Doc();
      const { mirror, matches } = recordMatches(() => contentOf(doc));
      const { handle, errors } = await open({
        workspaceId: 'w1',
        log,
        doc,
        flushDelayMs: 60_000,
        compactAfterRows: 2,
        mirror,
      });
      control.failReplaces = 1;
      for (let i = 1; i <= 3; i += 1) {
        doc.getMap('decisions').set(`k${i}`, i);
        await handle.flush();
      }
      expect(control.replaces).toBe(1);
      expect(errors).toHaveLength(1);
      expect(matches).toEqual([]);
      expect((await storage.log.seqs('w1')).length).toBe(3);
    });

    it('an onMatch that throws does not stop saving, and is not reported as an error', async () => {
      const storage = make();
      const doc = new Y.Doc();
      let calls = 0;
      const mirror = {
        capture: () => contentOf(doc),
        onMatch: () => {
          calls += 1;
          throw new Error('the cache is broken');
        },
      };
      const { handle, errors } = await open({
        workspaceId: 'w1',
        log: storage.log,
        doc,
        flushDelayMs: 60_000,
        compactAfterRows: 2,
        mirror,
      });
      doc.getMap('decisions').set('a', 1);
      await handle.settle();
      expect(calls).toBe(1);
      // Rows two and three: one more than compactAfterRows.
      for (let i = 1; i <= 2; i += 1) {
        doc.getMap('decisions').set(`k${i}`, i);
        await handle.flush();
      }
      // The compaction ran, reported, and was not taken as failed.
      expect(calls).toBe(2);
      expect((await handle.stats()).rows).toBe(1);
      doc.getMap('decisions').set('after', true);
      await handle.settle();
      expect(calls).toBe(3);
      doc.getMap('decisions').set('last', true);
      await handle.close();
      expect(errors).toEqual([]);
      await expectStoredEqual(storage.log, 'w1', doc);
      expect(contentOf(doc).decisions).toMatchObject({ after: true, last: true });
    });

    it('settle() rejects, without a match, when the queue cannot be written', async () => {
      const storage = make();
      const { log, appends, control } = instrumented(storage.log);
      const doc = new Y.Doc();
      const { mirror, matches } = recordMatches(() => contentOf(doc));
      const { handle, errors } = await open({
        workspaceId: 'w1',
        log,
        doc,
        flushDelayMs: 60_000,
        retryDelayMs: 60_000,
        mirror,
      });
      control.failAppends = 1;
      doc.getMap('decisions').set('a', 1);
      await expect(handle.settle()).rejects.toThrow(/Could not save 1 change to workspace "w1"/);
      expect(matches).toEqual([]);
      expect(errors).toHaveLength(1);
      expect(appends).toHaveLength(1);
      expect(await handle.stats()).toMatchObject({ rows: 0, pendingUpdates: 1 });

      await handle.settle();
      expect(matches).toEqual([{ seq: (await storage.log.seqs('w1')).at(-1), captured: contentOf(doc) }]);
      expect(errors).toHaveLength(1);
    });

    it('settle() on a log of exactly one row, with no edits, reports that row without writing', async () => {
      const storage = make();
      const [seq] = await storage.log.append('w1', [otherWriterUpdate('stored', 1)]);
      const { log, appends, control } = instrumented(storage.log);
      const doc = new Y.Doc();
      const { mirror, matches } = recordMatches(() => contentOf(doc));
      const { handle, errors } = await open({ workspaceId: 'w1', log, doc, flushDelayMs: 60_000, mirror });
      await handle.settle();
      expect(matches).toEqual([{ seq, captured: { decisions: {}, domains: { stored: 1 } } }]);
      expect(appends).toEqual([]);
      expect(control.replaces).toBe(0);
      expect(await storage.log.seqs('w1')).toEqual([seq]);
      expect(await handle.stats()).toMatchObject({ rows: 1, pendingUpdates: 0 });
      expect(errors).toEqual([]);
    });

    it('settle() on an empty log with no edits reports nothing and writes nothing', async () => {
      const storage = make();
      const { log, appends } = instrumented(storage.log);
      const doc = new Y.Doc();
      const { mirror, matches } = recordMatches(() => contentOf(doc));
      const { handle } = await open({ workspaceId: 'w1', log, doc, mirror });
      await handle.settle();
      expect(matches).toEqual([]);
      expect(appends).toEqual([]);
      expect(await storage.log.seqs('w1')).toEqual([]);
    });

    it('settle() without a mirror writes the queue', async () => {
      const storage = make();
      const { doc, handle } = await open({ workspaceId: 'w1', log: storage.log, flushDelayMs: 60_000 });
      editMany(doc, 20, 40);
      await handle.settle();
      expect(await handle.stats()).toMatchObject({ rows: 1, pendingUpdates: 0 });
      await expectStoredEqual(storage.log, 'w1', doc);
    });
  });
});
