// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LatitudeDatabase } from '../../db/database';
import {
  createMemorySnapshotStore,
  createSnapshotStore,
  DAY_MS,
  isDailySnapshotDue,
  type SnapshotStore,
  takeDailySnapshotIfDue,
} from './snapshots';

const databases: LatitudeDatabase[] = [];
afterEach(async () => {
  await Promise.all(databases.splice(0).map((db) => db.delete()));
});

let databaseCount = 0;
function openTestDatabase(): LatitudeDatabase {
  const db = new LatitudeDatabase(`snapshots-test-${++databaseCount}-${Math.random().toString(36).slice(2)}`);
  databases.push(db);
  return db;
}

const backends: { name: string; make: () => SnapshotStore }[] = [
  { name: 'Dexie', make: () => createSnapshotStore(openTestDatabase()) },
  { name: 'memory', make: () => createMemorySnapshotStore() },
];

/** 2025-03-01 09:00 UTC: fixed times, no clock. */
const T0 = Date.UTC(2025, 2, 1, 9, 0, 0);
const HOUR_MS = 60 * 60 * 1000;
const bytes = (...values: number[]) => new Uint8Array(values);

describe('isDailySnapshotDue', () => {
  it('is due when there is no snapshot yet', () => {
    expect(isDailySnapshotDue(null, T0)).toBe(true);
  });

  it('is due from 24 hours after the last one, not a millisecond before', () => {
    expect(isDailySnapshotDue(T0, T0)).toBe(false);
    expect(isDailySnapshotDue(T0, T0 + 23 * HOUR_MS)).toBe(false);
    expect(isDailySnapshotDue(T0, T0 + DAY_MS - 1)).toBe(false);
    expect(isDailySnapshotDue(T0, T0 + DAY_MS)).toBe(true);
    expect(isDailySnapshotDue(T0, T0 + 10 * DAY_MS)).toBe(true);
  });
});

describe.each(backends)('snapshot store ($name)', ({ make }) => {
  it('takes snapshots and lists them newest first, without states', async () => {
    const store = make();
    const first = await store.take('w1', bytes(1), 'daily', T0);
    const second = await store.take('w1', bytes(2, 2), 'manual', T0 + HOUR_MS);
    const third = await store.take('w1', bytes(3, 3, 3), 'before-import', T0 + 2 * HOUR_MS);
    expect(first).toEqual({ id: first.id, createdAt: T0, reason: 'daily', bytes: 1 });
    const list = await store.list('w1');
    expect(list).toEqual([third, second, first]);
    expect(list[0]).not.toHaveProperty('state');
  });

  it('orders by time, not by when it was stored, and by insertion for equal times', async () => {
    const store = make();
    const late = await store.take('w1', bytes(1), 'manual', T0 + DAY_MS);
    const early = await store.take('w1', bytes(2), 'manual', T0);
    const sameTimeFirst = await store.take('w1', bytes(3), 'manual', T0 + HOUR_MS);
    const sameTimeSecond = await store.take('w1', bytes(4), 'manual', T0 + HOUR_MS);
    expect((await store.list('w1')).map((s) => s.id)).toEqual([late.id, sameTimeSecond.id, sameTimeFirst.id, early.id]);
    expect((await store.latest('w1'))?.id).toBe(late.id);
  });

  it('gets one snapshot with its state, and nothing for an unknown id', async () => {
    const store = make();
    const taken = await store.take('w1', bytes(7, 8, 9), 'before-restore', T0);
    const snapshot = await store.get(taken.id);
    expect(snapshot).toMatchObject({ ...taken, workspaceId: 'w1' });
    expect(Array.from(snapshot!.state)).toEqual([7, 8, 9]);
    expect(await store.get(taken.id + 1000)).toBeUndefined();
  });

  it('finds the latest snapshot of a reason', async () => {
    const store = make();
    const daily = await store.take('w1', bytes(1), 'daily', T0);
    await store.take('w1', bytes(2), 'manual', T0 + HOUR_MS);
    expect((await store.latest('w1', 'daily'))?.id).toBe(daily.id);
    expect(await store.latest('w1', 'before-import')).toBeUndefined();
    expect(await store.latest('w2')).toBeUndefined();
  });

  it('prunes to the newest ones it keeps (10 by default), in that workspace only', async () => {
    const store = make();
    for (let day = 0; day < 14; day += 1) await store.take('w1', bytes(day), 'daily', T0 + day * DAY_MS);
    await store.take('w2', bytes(99), 'daily', T0);
    expect(await store.prune('w1')).toBe(4);
    const kept = await store.list('w1');
    expect(kept.map((s) => s.createdAt)).toEqual(Array.from({ length: 10 }, (_, i) => T0 + (13 - i) * DAY_MS));
    expect(await store.prune('w1', 3)).toBe(7);
    expect((await store.list('w1')).map((s) => s.createdAt)).toEqual([
      T0 + 13 * DAY_MS,
      T0 + 12 * DAY_MS,
      T0 + 11 * DAY_MS,
    ]);
    expect(await store.prune('w1', 3)).toBe(0);
    expect(await store.list('w2')).toHaveLength(1);
  });

  it('deletes all snapshots of one workspace and none of another', async () => {
    const store = make();
    const mine = await store.take('w1', bytes(1), 'manual', T0);
    const theirs = await store.take('w2', bytes(2), 'manual', T0);
    expect(await store.list('w2')).toEqual([theirs]);
    await store.deleteAll('w1');
    expect(await store.list('w1')).toEqual([]);
    expect(await store.get(mine.id)).toBeUndefined();
    expect(await store.list('w2')).toEqual([theirs]);
  });

  it('refuses bad arguments', async () => {
    const store = make();
    await expect(store.take('w1', [1] as unknown as Uint8Array, 'daily', T0)).rejects.toThrow(/Uint8Array/);
    await expect(store.take('w1', bytes(1), 'weekly' as 'daily', T0)).rejects.toThrow(/reason "weekly"/);
    await expect(store.take('w1', bytes(1), 'daily', Number.NaN)).rejects.toThrow(/time/);
    await expect(store.prune('w1', -1)).rejects.toThrow(RangeError);
    expect(await store.list('w1')).toEqual([]);
  });

  describe('daily snapshot', () => {
    const docWith = (value: string) => {
      const doc = new Y.Doc();
      doc.getMap('decisions').set('d1', value);
      return doc;
    };

    it('takes one when none exists, and not again within 24 hours', async () => {
      const store = make();
      const doc = docWith('a');
      const taken = await takeDailySnapshotIfDue(store, 'w1', doc, T0);
      expect(taken).toMatchObject({ createdAt: T0, reason: 'daily' });
      doc.getMap('decisions').set('d1', 'b');
      expect(await takeDailySnapshotIfDue(store, 'w1', doc, T0 + DAY_MS - 1)).toBeNull();
      expect(await takeDailySnapshotIfDue(store, 'w1', doc, T0 + DAY_MS)).toMatchObject({ createdAt: T0 + DAY_MS });
      expect(await store.list('w1')).toHaveLength(2);

      const restored = new Y.Doc();
      Y.applyUpdate(restored, (await store.get(taken!.id))!.state);
      expect(restored.getMap('decisions').toJSON()).toEqual({ d1: 'a' });
    });

    it('counts only daily snapshots: a recent import snapshot does not postpone it', async () => {
      const store = make();
      await store.take('w1', Y.encodeStateAsUpdate(docWith('old')), 'before-import', T0);
      expect(await takeDailySnapshotIfDue(store, 'w1', docWith('imported'), T0 + HOUR_MS)).not.toBeNull();
    });

    it('skips a due snapshot when the document equals the newest snapshot', async () => {
      const store = make();
      const doc = docWith('unchanged');
      await takeDailySnapshotIfDue(store, 'w1', doc, T0);
      for (let day = 1; day <= 20; day += 1) {
        expect(await takeDailySnapshotIfDue(store, 'w1', doc, T0 + day * DAY_MS)).toBeNull();
      }
      expect(await store.list('w1')).toHaveLength(1);
    });

    it('prunes to keep after taking one', async () => {
      const store = make();
      const doc = new Y.Doc();
      for (let day = 0; day < 8; day += 1) {
        doc.getMap('decisions').set('day', day);
        await takeDailySnapshotIfDue(store, 'w1', doc, T0 + day * DAY_MS, 5);
      }
      const kept = await store.list('w1');
      expect(kept.map((s) => s.createdAt)).toEqual([7, 6, 5, 4, 3].map((day) => T0 + day * DAY_MS));
    });
  });
});
