// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { entityKinds } from '@shared/model/entities';
import { LatitudeDatabase } from '../../db/database';
import { createDocumentStore, type DocumentState } from '../document-store';
import { createWorkspaceRepository } from '../repository';
import { getKindMap, initialiseDocument } from '../workspace-document';
import {
  createDexieFirstSnapshotCache,
  createMemoryFirstSnapshotCache,
  snapshotFormat,
  type FirstSnapshotCache,
  type FirstSnapshotRow,
} from './first-snapshot';
import { createDexieUpdateLog, createMemoryUpdateLog, type UpdateLog } from './update-log';

const databases: LatitudeDatabase[] = [];
afterEach(async () => {
  await Promise.all(databases.splice(0).map((db) => db.delete()));
});

let databaseCount = 0;
function openTestDatabase(): LatitudeDatabase {
  const db = new LatitudeDatabase(`first-snapshot-test-${++databaseCount}-${Math.random().toString(36).slice(2)}`);
  databases.push(db);
  return db;
}

const backends: { name: string; make: () => { log: UpdateLog; cache: FirstSnapshotCache } }[] = [
  {
    name: 'Dexie',
    make: () => {
      const db = openTestDatabase();
      const log = createDexieUpdateLog(db);
      return { log, cache: createDexieFirstSnapshotCache(db, log, '1.2.3') };
    },
  },
  {
    name: 'memory',
    make: () => {
      const log = createMemoryUpdateLog();
      return { log, cache: createMemoryFirstSnapshotCache(log, '1.2.3') };
    },
  },
];

/**
 * A workspace document with entities of several kinds (a decision with tags and advice),
 * plus, when asked, entities this version cannot read: a decision whose title is gone and a
 * decisions entry that is not a map at all.
 */
function makeWorkspace(workspaceId: string, options: { broken?: boolean; name?: string } = {}) {
  const doc = new Y.Doc();
  initialiseDocument(doc, workspaceId);
  let time = 1_700_000_000_000;
  let nextId = 0;
  const repo = createWorkspaceRepository(doc, {
    userId: 'user-1',
    now: () => (time += 1000),
    newId: () => `${workspaceId}-id-${++nextId}`,
  });
  const domain = repo.create('domains', {
    name: options.name ?? 'Product',
    level: 'team',
    parentId: null,
    purpose: 'Build what users need.',
  });
  repo.create('domains', { name: 'Sales', level: 'team', parentId: null, purpose: '' });
  const decision = repo.create('decisions', {
    title: 'Raise prices',
    domainId: domain.id,
    status: 'draft',
    context: 'Costs went up.',
    tags: ['pricing', 'q3'],
  });
  repo.addToCollection('decisions', decision.id, 'advice', { authorId: 'user-2', text: 'Yes', createdAt: 5 });
  repo.create('decisions', { title: 'Hire', domainId: null, status: 'draft', context: '' });
  repo.create('members', { name: 'Ana', role: 'Lead' });
  if (options.broken) {
    const broken = repo.create('decisions', { title: 'Soon broken', domainId: null, status: 'draft', context: '' });
    doc.transact(() => {
      (getKindMap(doc, 'decisions').get(broken.id) as Y.Map<unknown>).delete('title');
      getKindMap(doc, 'decisions').set('junk', 42);
    }, 'peer');
  }
  const store = createDocumentStore(doc);
  const state = store.getState();
  store.destroy();
  return { doc, state, decisionId: decision.id };
}

/** Stores the document's whole state as a row of the log; resolves with the row's seq. */
async function persist(log: UpdateLog, workspaceId: string, doc: Y.Doc): Promise<number> {
  const [seq] = await log.append(workspaceId, [Y.encodeStateAsUpdate(doc)]);
  return seq!;
}

function expectSameEntities(read: Pick<DocumentState, 'entities' | 'invalid'>, state: DocumentState): void {
  for (const kind of entityKinds) {
    expect(read.entities[kind]).toBeInstanceOf(Map);
    expect([...read.entities[kind].keys()].sort()).toEqual([...state.entities[kind].keys()].sort());
    expect(read.entities[kind]).toEqual(state.entities[kind]);
    for (const [id, entity] of read.entities[kind]) expect(entity.id).toBe(id);
  }
  expect(read.invalid).toEqual(state.invalid);
}

describe.each(backends)('first-snapshot cache ($name)', ({ make }) => {
  it('reads back what was written, with its seq, per kind and keyed by id', async () => {
    const { log, cache } = make();
    const { doc, state } = makeWorkspace('w1');
    const seq = await persist(log, 'w1', doc);
    await cache.write('w1', seq, state);
    const read = await cache.read('w1');
    expect(read).not.toBeNull();
    expect(read!.seq).toBe(seq);
    expectSameEntities(read!, state);
    expect(read!.entities.domains.size).toBe(2);
    expect(read!.entities.decisions.size).toBe(2);
    expect(read!.entities.members.size).toBe(1);
    expect(read!.invalid).toEqual([]);
  });

  it("gives frozen entities, down to a decision's tags and collections", async () => {
    const { log, cache } = make();
    const { doc, state, decisionId } = makeWorkspace('w1');
    await cache.write('w1', await persist(log, 'w1', doc), state);
    const read = (await cache.read('w1'))!;
    for (const kind of entityKinds) {
      for (const entity of read.entities[kind].values()) expect(Object.isFrozen(entity)).toBe(true);
    }
    const decision = read.entities.decisions.get(decisionId)!;
    expect(decision.tags).toEqual(['pricing', 'q3']);
    expect(Object.isFrozen(decision.tags)).toBe(true);
    expect(Object.keys(decision.advice)).toHaveLength(1);
    expect(Object.isFrozen(decision.advice)).toBe(true);
    expect(Object.values(decision.advice).every((item) => Object.isFrozen(item))).toBe(true);
    expect(() => decision.tags.push('more')).toThrow(TypeError);
  });

  it('keeps the invalid entities the store reported', async () => {
    const { log, cache } = make();
    const { doc, state } = makeWorkspace('w1', { broken: true });
    expect(state.invalid).toHaveLength(2);
    expect(state.invalid.map((entry) => entry.kind)).toEqual(['decisions', 'decisions']);
    await cache.write('w1', await persist(log, 'w1', doc), state);
    const read = (await cache.read('w1'))!;
    expect(read.invalid).toEqual(state.invalid);
    expectSameEntities(read, state);
    expect(read.entities.decisions.has('junk')).toBe(false);
  });

  it('is null when nothing is cached, for a workspace with or without a log', async () => {
    const { log, cache } = make();
    expect(await cache.read('w1')).toBeNull();
    const { doc } = makeWorkspace('w1');
    await persist(log, 'w1', doc);
    expect(await cache.read('w1')).toBeNull();
  });

  it('is null once the log gets a new row', async () => {
    const { log, cache } = make();
    const { doc, state } = makeWorkspace('w1');
    await cache.write('w1', await persist(log, 'w1', doc), state);
    expect(await cache.read('w1')).not.toBeNull();
    await log.append('w1', [new Uint8Array([1])]);
    expect(await cache.read('w1')).toBeNull();
  });

  it('is null once the log is compacted, even to the same content', async () => {
    const { log, cache } = make();
    const { doc, state } = makeWorkspace('w1');
    const seq = await persist(log, 'w1', doc);
    await cache.write('w1', seq, state);
    await log.replace('w1', seq, Y.encodeStateAsUpdate(doc));
    expect(await cache.read('w1')).toBeNull();
  });

  it('is null when the log was cleared, or when written with a seq that is not the latest', async () => {
    const { log, cache } = make();
    const { doc, state } = makeWorkspace('w1');
    const first = await persist(log, 'w1', doc);
    await persist(log, 'w1', doc);
    await cache.write('w1', first, state);
    expect(await cache.read('w1')).toBeNull();

    const { doc: other, state: otherState } = makeWorkspace('w2');
    await cache.write('w2', await persist(log, 'w2', other), otherState);
    await log.clear('w2');
    expect(await cache.read('w2')).toBeNull();
  });

  it('writing again replaces the snapshot', async () => {
    const { log, cache } = make();
    const { doc, state } = makeWorkspace('w1');
    await cache.write('w1', await persist(log, 'w1', doc), state);
    const { doc: changed, state: changedState } = makeWorkspace('w1', { name: 'Renamed', broken: true });
    const seq = await persist(log, 'w1', changed);
    await cache.write('w1', seq, changedState);
    const read = (await cache.read('w1'))!;
    expect(read.seq).toBe(seq);
    expectSameEntities(read, changedState);
    expect([...read.entities.domains.values()].map((domain) => domain.name).sort()).toEqual(['Renamed', 'Sales']);
    expect(read.invalid).toHaveLength(2);
  });

  it('keeps workspaces apart', async () => {
    const { log, cache } = make();
    const a = makeWorkspace('a', { name: 'Only in A' });
    const b = makeWorkspace('b', { name: 'Only in B', broken: true });
    const seqA = await persist(log, 'a', a.doc);
    const seqB = await persist(log, 'b', b.doc);
    await cache.write('a', seqA, a.state);
    await cache.write('b', seqB, b.state);
    const readA = (await cache.read('a'))!;
    const readB = (await cache.read('b'))!;
    expect(readA.seq).toBe(seqA);
    expect(readB.seq).toBe(seqB);
    expectSameEntities(readA, a.state);
    expectSameEntities(readB, b.state);
    expect([...readA.entities.domains.keys()].every((id) => id.startsWith('a-'))).toBe(true);

    // A new row in b's log outdates b's snapshot only.
    await log.append('b', [new Uint8Array([1])]);
    expect(await cache.read('b')).toBeNull();
    expect((await cache.read('a'))?.seq).toBe(seqA);
    expect(await cache.read('c')).toBeNull();
  });

  it('resolves null, never rejects, when the log cannot be read', async () => {
    const { log, cache } = make();
    const { doc, state } = makeWorkspace('w1');
    await cache.write('w1', await persist(log, 'w1', doc), state);
    await expect(cache.read('')).resolves.toBeNull();
    const broken: UpdateLog = { ...log, seqs: () => Promise.reject(new Error('database is gone')) };
    await expect(createMemoryFirstSnapshotCache(broken, '1.2.3').read('w1')).resolves.toBeNull();
  });
});

describe('Dexie first-snapshot cache', () => {
  async function written() {
    const db = openTestDatabase();
    const log = createDexieUpdateLog(db);
    const cache = createDexieFirstSnapshotCache(db, log, '1.2.3');
    const { doc, state } = makeWorkspace('w1', { broken: true });
    await cache.write('w1', await persist(log, 'w1', doc), state);
    const row = (await db.firstSnapshots.get('w1'))!;
    expect(row).toBeDefined();
    expect(await cache.read('w1')).not.toBeNull();
    /** Stores the row with its json changed by `change` (of the parsed json) or replaced by a string. */
    const damage = async (change: string | ((json: Record<string, unknown>) => void)) => {
      let json: string;
      if (typeof change === 'string') json = change;
      else {
        const parsed = JSON.parse(row.json) as Record<string, unknown>;
        change(parsed);
        json = JSON.stringify(parsed);
      }
      await db.firstSnapshots.put({ ...row, json });
    };
    return { db, log, cache, row, state, damage };
  }

  it("stores the row under the workspace id with the seq and this build's format", async () => {
    const { row, log } = await written();
    expect(row.workspaceId).toBe('w1');
    expect(row.seq).toBe((await log.seqs('w1')).at(-1));
    expect(row.format).toBe(snapshotFormat('1.2.3'));
    expect(typeof row.json).toBe('string');
  });

  it('is null for a snapshot written by another app version, and a write by that version replaces it', async () => {
    const { db, log, cache, row, state } = await written();
    const newer = createDexieFirstSnapshotCache(db, log, '1.2.4');
    expect(await newer.read('w1')).toBeNull();
    await newer.write('w1', row.seq, state);
    expect((await newer.read('w1'))?.seq).toBe(row.seq);
    expect(await cache.read('w1')).toBeNull();
  });

  it('is null, without throwing, when the stored json is cut short', async () => {
    const { cache, damage } = await written();
    await damage('{"entities":');
    await expect(cache.read('w1')).resolves.toBeNull();
  });

  it('is null when the stored json is not JSON at all, or not an object', async () => {
    const { cache, damage } = await written();
    for (const json of ['not json', '', 'null', '[]', '42', '{"entities":[],"invalid":[]}', '{"entities":{}}']) {
      await damage(json);
      await expect(cache.read('w1')).resolves.toBeNull();
    }
  });

  it('is null when a kind is missing from the entities', async () => {
    const { cache, damage } = await written();
    await damage((json) => delete (json.entities as Record<string, unknown>).members);
    await expect(cache.read('w1')).resolves.toBeNull();
  });

  it("is null when a kind's entities are not a list", async () => {
    const { cache, damage } = await written();
    await damage((json) => ((json.entities as Record<string, unknown>).members = {}));
    await expect(cache.read('w1')).resolves.toBeNull();
  });

  it('is null when an entity has no string id, or is not an object', async () => {
    const { cache, damage } = await written();
    const decisionsOf = (json: Record<string, unknown>) =>
      (json.entities as Record<string, Record<string, unknown>[]>).decisions!;
    await damage((json) => (decisionsOf(json)[0]!.id = 7));
    await expect(cache.read('w1')).resolves.toBeNull();
    await damage((json) => delete decisionsOf(json)[0]!.id);
    await expect(cache.read('w1')).resolves.toBeNull();
    await damage((json) => ((decisionsOf(json) as unknown[])[0] = 'decision'));
    await expect(cache.read('w1')).resolves.toBeNull();
  });

  it('is null when an invalid entry has an unknown kind or lacks its id or problem', async () => {
    const { cache, damage } = await written();
    const entries: unknown[] = [
      { kind: 'spaceships', id: 'x', problem: 'unknown' },
      { kind: 'decisions', problem: 'no id' },
      { kind: 'decisions', id: 'x', problem: 3 },
      'decisions',
    ];
    for (const entry of entries) {
      await damage((json) => (json.invalid as unknown[]).push(entry));
      await expect(cache.read('w1')).resolves.toBeNull();
    }
    await damage((json) => (json.invalid = {}));
    await expect(cache.read('w1')).resolves.toBeNull();
  });

  it('reads a row it did not damage again after a damaged one was replaced by a write', async () => {
    const { log, cache, row, state, damage } = await written();
    await damage('{"entities":');
    expect(await cache.read('w1')).toBeNull();
    await cache.write('w1', row.seq, state);
    const read = await cache.read('w1');
    expect(read?.seq).toBe((await log.seqs('w1')).at(-1));
    expectSameEntities(read!, state);
  });

  it('is null for a row whose format differs (another layout or schema)', async () => {
    const { db, cache, row } = await written();
    const damaged: FirstSnapshotRow = { ...row, format: row.format.replace('1.2.3', '0.0.0') };
    expect(damaged.format).not.toBe(row.format);
    await db.firstSnapshots.put(damaged);
    expect(await cache.read('w1')).toBeNull();
  });
});

describe('snapshotFormat', () => {
  it('is the same for one app version and differs between app versions', () => {
    expect(snapshotFormat('1.0.0')).toBe(snapshotFormat('1.0.0'));
    expect(snapshotFormat('1.0.0')).not.toBe(snapshotFormat('1.0.1'));
    expect(snapshotFormat('1.0.0')).not.toBe(snapshotFormat('2.0.0'));
  });

  it('names every kind of entity', () => {
    const format = snapshotFormat('1.0.0');
    for (const kind of entityKinds) expect(format).toContain(JSON.stringify(kind));
  });
});
