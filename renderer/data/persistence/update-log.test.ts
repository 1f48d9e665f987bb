// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { LatitudeDatabase } from '../../db/database';
import { createDexieUpdateLog, createMemoryUpdateLog, type UpdateLog } from './update-log';

const databases: LatitudeDatabase[] = [];
afterEach(async () => {
  await Promise.all(databases.splice(0).map((db) => db.delete()));
});

let databaseCount = 0;
function openTestDatabase(): LatitudeDatabase {
  const db = new LatitudeDatabase(`update-log-test-${++databaseCount}-${Math.random().toString(36).slice(2)}`);
  databases.push(db);
  return db;
}

const backends: { name: string; make: () => UpdateLog }[] = [
  { name: 'Dexie', make: () => createDexieUpdateLog(openTestDatabase()) },
  { name: 'memory', make: () => createMemoryUpdateLog() },
];

const bytes = (...values: number[]) => new Uint8Array(values);
const contents = (rows: { update: Uint8Array }[]) => rows.map((row) => Array.from(row.update));

describe.each(backends)('update log ($name)', ({ make }) => {
  it('is empty for a workspace it has never seen', async () => {
    const log = make();
    expect(await log.load('w1')).toEqual([]);
    expect(await log.stats('w1')).toEqual({ rows: 0, bytes: 0 });
  });

  it('appends a batch and loads it back in order, with increasing seqs', async () => {
    const log = make();
    await log.append('w1', [bytes(1), bytes(2, 2)]);
    await log.append('w1', [bytes(3, 3, 3)]);
    await log.append('w1', []);
    const rows = await log.load('w1');
    expect(contents(rows)).toEqual([[1], [2, 2], [3, 3, 3]]);
    const seqs = rows.map((row) => row.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(3);
    expect(await log.stats('w1')).toEqual({ rows: 3, bytes: 6 });
  });

  it('stores copies: changing a byte array after append or after load changes nothing stored', async () => {
    const log = make();
    const update = bytes(1, 2, 3);
    await log.append('w1', [update]);
    update[0] = 9;
    const [loaded] = await log.load('w1');
    loaded!.update[1] = 9;
    expect(contents(await log.load('w1'))).toEqual([[1, 2, 3]]);
  });

  it('replace deletes the rows up to the seq and adds the merged row last, keeping later rows', async () => {
    const log = make();
    await log.append('w1', [bytes(1), bytes(2), bytes(3)]);
    const [, second] = await log.load('w1');
    await log.replace('w1', second!.seq, bytes(1, 2));
    expect(contents(await log.load('w1'))).toEqual([[3], [1, 2]]);
    const rows = await log.load('w1');
    await log.replace('w1', rows.at(-1)!.seq, bytes(1, 2, 3));
    expect(contents(await log.load('w1'))).toEqual([[1, 2, 3]]);
    expect(await log.stats('w1')).toEqual({ rows: 1, bytes: 3 });
  });

  it('keeps two workspaces apart: load, replace, clear and stats touch one workspace only', async () => {
    const log = make();
    await log.append('w1', [bytes(1), bytes(1, 1)]);
    await log.append('w2', [bytes(2)]);
    await log.append('w1', [bytes(1, 1, 1)]);
    expect(contents(await log.load('w2'))).toEqual([[2]]);

    // A seq beyond every row of both workspaces: only w1's rows go.
    await log.replace('w1', Number.MAX_SAFE_INTEGER, bytes(7));
    expect(contents(await log.load('w1'))).toEqual([[7]]);
    expect(contents(await log.load('w2'))).toEqual([[2]]);

    await log.clear('w1');
    expect(await log.load('w1')).toEqual([]);
    expect(contents(await log.load('w2'))).toEqual([[2]]);
    expect(await log.stats('w2')).toEqual({ rows: 1, bytes: 1 });
  });

  it('refuses bad arguments before writing anything', async () => {
    const log = make();
    await log.append('w1', [bytes(1)]);
    await expect(log.append('', [bytes(1)])).rejects.toThrow(/workspace id/);
    await expect(log.append('w1', [bytes(2), [3] as unknown as Uint8Array])).rejects.toThrow(/Uint8Array/);
    await expect(log.replace('w1', Number.NaN, bytes(1))).rejects.toThrow(/upToSeq/);
    await expect(log.replace('w1', 1e9, 'x' as unknown as Uint8Array)).rejects.toThrow(/Uint8Array/);
    expect(contents(await log.load('w1'))).toEqual([[1]]);
  });

  it("append resolves with the new rows' seqs, increasing and equal to what load reports", async () => {
    const log = make();
    const first = await log.append('w1', [bytes(1), bytes(2), bytes(3)]);
    const second = await log.append('w1', [bytes(4)]);
    expect(first).toHaveLength(3);
    expect(second).toHaveLength(1);
    const all = [...first, ...second];
    all.slice(1).forEach((seq, index) => expect(seq).toBeGreaterThan(all[index]!));
    all.forEach((seq) => expect(Number.isInteger(seq)).toBe(true));
    const rows = await log.load('w1');
    expect(rows.map((row) => row.seq)).toEqual(all);
    expect(contents(rows)).toEqual([[1], [2], [3], [4]]);
  });

  it('append of an empty batch resolves with [] and writes nothing', async () => {
    const log = make();
    expect(await log.append('w1', [])).toEqual([]);
    expect(await log.load('w1')).toEqual([]);
    const [seq] = await log.append('w1', [bytes(1)]);
    expect(await log.append('w1', [])).toEqual([]);
    expect(await log.seqs('w1')).toEqual([seq]);
    expect(await log.stats('w1')).toEqual({ rows: 1, bytes: 1 });
  });

  it("seqs of another workspace's rows interleave but never repeat", async () => {
    const log = make();
    const a = await log.append('w1', [bytes(1)]);
    const b = await log.append('w2', [bytes(2)]);
    const c = await log.append('w1', [bytes(3)]);
    expect(b[0]).toBeGreaterThan(a[0]!);
    expect(c[0]).toBeGreaterThan(b[0]!);
    expect(new Set([...a, ...b, ...c]).size).toBe(3);
  });

  it("replace resolves with a seq larger than every seq before, the merged row's seq in load()", async () => {
    const log = make();
    const appended = await log.append('w1', [bytes(1), bytes(2), bytes(3)]);
    const other = await log.append('w2', [bytes(9)]);
    const merged = await log.replace('w1', appended[1]!, bytes(1, 2));
    expect(merged).toBeGreaterThan(Math.max(...appended, ...other));
    const rows = await log.load('w1');
    expect(rows.map((row) => row.seq)).toEqual([appended[2], merged]);
    expect(Array.from(rows.find((row) => row.seq === merged)!.update)).toEqual([1, 2]);

    const again = await log.replace('w1', merged, bytes(1, 2, 3));
    expect(again).toBeGreaterThan(merged);
    expect((await log.load('w1')).map((row) => row.seq)).toEqual([again]);
    // A replace of a workspace with no rows still adds the merged row.
    const fresh = await log.replace('w3', 0, bytes(5));
    expect(fresh).toBeGreaterThan(again);
    expect(await log.load('w3')).toEqual([{ seq: fresh, update: bytes(5) }]);
  });

  it("seqs() lists the rows' seqs as load() does, oldest first", async () => {
    const log = make();
    await log.append('w1', [bytes(1), bytes(2)]);
    await log.append('w1', [bytes(3)]);
    const rows = await log.load('w1');
    expect(await log.seqs('w1')).toEqual(rows.map((row) => row.seq));
    const [, second] = rows;
    await log.replace('w1', second!.seq, bytes(1, 2));
    expect(await log.seqs('w1')).toEqual((await log.load('w1')).map((row) => row.seq));
    expect(await log.seqs('w1')).toHaveLength(2);
  });

  it('seqs() is [] for a workspace it has never seen, and after clear', async () => {
    const log = make();
    expect(await log.seqs('unknown')).toEqual([]);
    await log.append('w1', [bytes(1)]);
    expect(await log.seqs('unknown')).toEqual([]);
    await log.clear('w1');
    expect(await log.seqs('w1')).toEqual([]);
  });

  it('seqs() keeps workspaces apart', async () => {
    const log = make();
    const a1 = await log.append('w1', [bytes(1), bytes(1)]);
    const b1 = await log.append('w2', [bytes(2)]);
    const a2 = await log.append('w1', [bytes(1)]);
    expect(await log.seqs('w1')).toEqual([...a1, ...a2]);
    expect(await log.seqs('w2')).toEqual(b1);
    const merged = await log.replace('w2', Number.MAX_SAFE_INTEGER, bytes(2, 2));
    expect(await log.seqs('w2')).toEqual([merged]);
    expect(await log.seqs('w1')).toEqual([...a1, ...a2]);
  });

  it('the latest of seqs() changes after every append and every replace', async () => {
    const log = make();
    const seen: number[] = [];
    const latest = async () => (await log.seqs('w1')).at(-1)!;
    await log.append('w1', [bytes(1)]);
    seen.push(await latest());
    await log.append('w1', [bytes(2), bytes(3)]);
    seen.push(await latest());
    await log.replace('w1', seen[1]!, bytes(1, 2, 3));
    seen.push(await latest());
    // A replace with the same content still makes a new row.
    await log.replace('w1', seen[2]!, bytes(1, 2, 3));
    seen.push(await latest());
    await log.append('w1', [bytes(4)]);
    seen.push(await latest());
    expect(new Set(seen).size).toBe(seen.length);
    seen.slice(1).forEach((seq, index) => expect(seq).toBeGreaterThan(seen[index]!));
    // After a clear and a new append, the seq is not reused either.
    await log.clear('w1');
    await log.append('w1', [bytes(5)]);
    expect(await latest()).toBeGreaterThan(seen.at(-1)!);
  });

  it('refuses a bad workspace id in seqs(), load(), clear() and stats() too', async () => {
    const log = make();
    await log.append('w1', [bytes(1)]);
    await expect(log.seqs('')).rejects.toThrow(/workspace id/);
    await expect(log.seqs(undefined as unknown as string)).rejects.toThrow(/workspace id/);
    await expect(log.load('')).rejects.toThrow(/workspace id/);
    await expect(log.clear('')).rejects.toThrow(/workspace id/);
    await expect(log.stats('')).rejects.toThrow(/workspace id/);
    await expect(log.replace('', 1e9, bytes(1))).rejects.toThrow(/workspace id/);
    expect(contents(await log.load('w1'))).toEqual([[1]]);
  });
});

describe('Dexie update log', () => {
  it('replace is atomic: if adding the merged row fails, the deleted rows come back', async () => {
    const db = openTestDatabase();
    const log = createDexieUpdateLog(db);
    await log.append('w1', [bytes(1), bytes(2)]);
    const rows = await log.load('w1');
    const failAdd = () => {
      throw new Error('disk full');
    };
    db.updates.hook('creating', failAdd);
    await expect(log.replace('w1', rows.at(-1)!.seq, bytes(1, 2))).rejects.toThrow('disk full');
    db.updates.hook('creating').unsubscribe(failAdd);
    expect(contents(await log.load('w1'))).toEqual([[1], [2]]);
  });

  it('append is one transaction: a failure in the batch stores none of it', async () => {
    const db = openTestDatabase();
    const log = createDexieUpdateLog(db);
    let created = 0;
    const failSecond = () => {
      if (++created === 2) throw new Error('disk full');
    };
    db.updates.hook('creating', failSecond);
    await expect(log.append('w1', [bytes(1), bytes(2), bytes(3)])).rejects.toThrow();
    db.updates.hook('creating').unsubscribe(failSecond);
    expect(await log.load('w1')).toEqual([]);
  });

  it('keeps the log across a close and reopen of the database', async () => {
    const db = openTestDatabase();
    await createDexieUpdateLog(db).append('w1', [bytes(4, 5)]);
    db.close();
    const reopened = new LatitudeDatabase(db.name);
    databases.push(reopened);
    expect(contents(await createDexieUpdateLog(reopened).load('w1'))).toEqual([[4, 5]]);
  });
});
