/**
 * The data layer with a big workspace (issue "Workspaces that never lose data"): 10,000
 * decisions with realistic fields in 20 domains, stored through Dexie on fake-indexeddb in
 * Node. Reports the encoded size, load time to the first store snapshot, the time and size
 * of one field edit, the heap, and the stored size after compaction.
 *
 * Opening is measured as the app opens (session-store.ts, workspace-session.ts): the first
 * snapshot is the cached one the workspace's last session left (read and turned into a
 * store), then the document is decoded into an editable session; and without a current
 * cache (a log changed since, e.g. by a crash right after an edit), where the first
 * snapshot is the decoded document's.
 */
import 'fake-indexeddb/auto';
import * as Y from 'yjs';
import { createDocumentStore, createFixedDocumentStore } from '../../../renderer/data/document-store';
import { openPersistedDocument } from '../../../renderer/data/persistence/document-persistence';
import { createDexieFirstSnapshotCache } from '../../../renderer/data/persistence/first-snapshot';
import { createSnapshotStore } from '../../../renderer/data/persistence/snapshots';
import { createDexieUpdateLog, type UpdateLog } from '../../../renderer/data/persistence/update-log';
import { createWorkspaceRepository } from '../../../renderer/data/repository';
import { initialiseDocument } from '../../../renderer/data/workspace-document';
import { LatitudeDatabase } from '../../../renderer/db/database';
import { openWorkspaceSession, type SessionDeps } from '../../../renderer/workspaces/workspace-session';
import { STILL_OPENING } from '../../../renderer/workspaces/session-store';
import { createWorkspaceMeta } from '../../../shared/workspace/workspace-meta';
import { addRealisticDecisions } from '../../support/realistic-workspace';
import { median, percentile, round, type Suite } from '../bench';

const DECISIONS = 10_000;
const EDITS = 200;
/** Builds the workspace through the repository, as people would have, one intent at a time. */
function buildWorkspace(): Y.Doc {
  const doc = new Y.Doc();
  initialiseDocument(doc, 'bench');
  let id = 0;
  let time = Date.UTC(2026, 0, 1);
  const repository = createWorkspaceRepository(doc, {
    userId: 'bench-user',
    now: () => (time += 60_000),
    newId: () => `e${(++id).toString(36)}`,
  });
  addRealisticDecisions(repository, DECISIONS, () => time);
  return doc;
}

/**
 * The built workspace's encoded state. The building document is dropped here, so the load
 * times and the heap below see only the workspace as the app holds it, not a second copy.
 */
function buildWorkspaceState(): Uint8Array {
  const doc = buildWorkspace();
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

function checkWhole(decisions: number): void {
  if (decisions !== DECISIONS) throw new Error('The workspace did not load whole.');
}

/**
 * Opens the workspace as the app does, five times without a current first snapshot, then
 * five times with the one its last session cached. A function of its own, so none of the
 * sessions is still referenced from the caller's frame when the heap is measured.
 */
async function measureOpenings(db: LatitudeDatabase, log: UpdateLog) {
  const workspace = createWorkspaceMeta({ name: 'Bench', kind: 'team' }, 'bench', Date.UTC(2026, 5, 1));
  const firstSnapshots = createDexieFirstSnapshotCache(db, log, 'bench');
  const uncached: SessionDeps = {
    log,
    snapshots: createSnapshotStore(db),
    userId: 'bench-user',
    now: () => Date.UTC(2026, 5, 1),
    newId: () => 'x',
    onSaveError: (error) => {
      throw error;
    },
  };
  const cached: SessionDeps = { ...uncached, firstSnapshots };

  // Without a current cache: the first snapshot is the decoded document's.
  const uncachedTimes: number[] = [];
  for (let run = 0; run < 5; run += 1) {
    const started = performance.now();
    const session = await openWorkspaceSession(workspace, uncached);
    checkWhole(session.documentStore.getState().entities.decisions.size);
    uncachedTimes.push(performance.now() - started);
    await session.close();
  }

  // As the app opens: the first session caches the first snapshot; each later opening shows
  // it, then decodes the document into the session.
  await (await openWorkspaceSession(workspace, cached)).close();
  const loadTimes: number[] = [];
  const editableTimes: number[] = [];
  for (let run = 0; run < 5; run += 1) {
    const started = performance.now();
    const shown = await firstSnapshots.read('bench');
    if (shown === null) throw new Error('The first snapshot was not cached.');
    checkWhole(createFixedDocumentStore(shown, STILL_OPENING).getState().entities.decisions.size);
    loadTimes.push(performance.now() - started);
    const session = await openWorkspaceSession(workspace, cached, shown);
    checkWhole(session.documentStore.getState().entities.decisions.size);
    editableTimes.push(performance.now() - started);
    await session.close();
  }
  return { uncachedTimes, loadTimes, editableTimes };
}

export const dataSuite: Suite = {
  name: 'data',
  async run() {
    const encoded = buildWorkspaceState();
    const db = new LatitudeDatabase(`bench-${Date.now()}`);
    const log = createDexieUpdateLog(db);
    await log.append('bench', [encoded]);

    const { uncachedTimes, loadTimes, editableTimes } = await measureOpenings(db, log);

    // One open workspace for the edits.
    const doc = new Y.Doc();
    const persistence = await openPersistedDocument({
      workspaceId: 'bench',
      doc,
      log,
      compactAfterRows: 50,
      onError: (error) => {
        throw error;
      },
    });
    const store = createDocumentStore(doc);
    global.gc?.();
    const heapUsed = process.memoryUsage().heapUsed;
    const repository = createWorkspaceRepository(doc, {
      userId: 'bench-user',
      now: () => Date.now(),
      newId: () => 'x',
    });
    const ids = [...store.getState().entities.decisions.keys()];
    const editTimes: number[] = [];
    const updateSizes: number[] = [];
    const onUpdate = (update: Uint8Array) => updateSizes.push(update.byteLength);
    doc.on('update', onUpdate);
    for (let edit = 0; edit < EDITS; edit += 1) {
      const id = ids[(edit * 37) % ids.length] ?? '';
      const title = `Edited title ${edit}`;
      const started = performance.now();
      repository.update('decisions', id, { title });
      if (store.getState().entities.decisions.get(id)?.title !== title)
        throw new Error('The edit did not reach the store.');
      editTimes.push(performance.now() - started);
      if (edit % 10 === 9) await persistence.flush();
    }
    doc.off('update', onUpdate);
    await persistence.flush();
    await persistence.close();
    const stored = await log.stats('bench');
    const stateNow = Y.encodeStateAsUpdate(doc).byteLength;
    store.destroy();
    await db.delete();

    return {
      suite: 'data',
      figures: [
        {
          name: `encoded state of ${DECISIONS} decisions (realistic records, 12 fields set)`,
          value: round(encoded.byteLength / 1024, 1),
          unit: 'KiB',
          target: null,
        },
        {
          name: `load ${DECISIONS} decisions from IndexedDB to first snapshot (cached by the last session), median of 5`,
          value: round(median(loadTimes), 1),
          unit: 'ms',
          target: { max: 300, source: 'issue: Workspaces that never lose data' },
        },
        {
          name: `… then to an editable workspace (document decoded), median of 5`,
          value: round(median(editableTimes), 1),
          unit: 'ms',
          target: null,
        },
        {
          name: `load ${DECISIONS} decisions to first snapshot without a current cache (document decoded), median of 5`,
          value: round(median(uncachedTimes), 1),
          unit: 'ms',
          target: null,
        },
        {
          name: `one field edit to the store, p95 of ${EDITS}`,
          value: round(percentile(editTimes, 95), 3),
          unit: 'ms',
          target: { max: 16, source: 'issue: Workspaces that never lose data' },
        },
        {
          name: `one field edit's Yjs update, largest of ${EDITS}`,
          value: Math.max(...updateSizes),
          unit: 'bytes',
          target: { max: 64, source: 'issue: Workspaces that never lose data' },
        },
        {
          name: 'stored size after compaction ÷ encoded state',
          value: round(stored.bytes / stateNow, 3),
          unit: 'ratio',
          target: { max: 1.3, source: 'issue: Workspaces that never lose data' },
        },
        {
          name: 'JS heap used with the workspace open',
          value: round(heapUsed / 1024 ** 2, 1),
          unit: 'MiB',
          target: null,
        },
      ],
    };
  },
};
