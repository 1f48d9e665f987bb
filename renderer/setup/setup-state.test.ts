// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { LatitudeDatabase } from '../db/database';
import {
  createDexieSetupStateStorage,
  createMemorySetupStateStorage,
  setupDismissedKey,
  setupDoneKey,
  type SetupStateStorage,
} from './setup-state';

const databases: LatitudeDatabase[] = [];
afterEach(async () => {
  await Promise.all(databases.splice(0).map((db) => db.delete()));
});

function openDb(name = 'setup-state-test'): LatitudeDatabase {
  const db = new LatitudeDatabase(name);
  databases.push(db);
  return db;
}

const implementations: [string, () => SetupStateStorage][] = [
  ['Dexie', () => createDexieSetupStateStorage(openDb())],
  ['memory', () => createMemorySetupStateStorage()],
];

describe.each(implementations)('setup state (%s)', (_name, make) => {
  it('starts with nothing ticked and the checklist shown', async () => {
    const storage = make();
    expect(await storage.read('ws-1')).toEqual({ done: [], dismissed: false });
  });

  it('ticks and unticks steps, each once, per workspace', async () => {
    const storage = make();
    await storage.setStepDone('ws-1', 'identify-quick-wins', true);
    await storage.setStepDone('ws-1', 'build-capabilities', true);
    await storage.setStepDone('ws-1', 'identify-quick-wins', true);
    expect((await storage.read('ws-1')).done).toEqual(['build-capabilities', 'identify-quick-wins']);
    await storage.setStepDone('ws-1', 'build-capabilities', false);
    expect(await storage.read('ws-1')).toEqual({ done: ['identify-quick-wins'], dismissed: false });
    expect(await storage.read('ws-2')).toEqual({ done: [], dismissed: false });
  });

  it('hides and shows the checklist per workspace', async () => {
    const storage = make();
    await storage.setDismissed('ws-1', true);
    expect(await storage.read('ws-1')).toEqual({ done: [], dismissed: true });
    expect((await storage.read('ws-2')).dismissed).toBe(false);
    await storage.setDismissed('ws-1', false);
    expect((await storage.read('ws-1')).dismissed).toBe(false);
  });

  it('forgets a workspace when cleared, and only that one', async () => {
    const storage = make();
    await storage.setStepDone('ws-1', 'share-learnings', true);
    await storage.setDismissed('ws-1', true);
    await storage.setStepDone('ws-2', 'share-learnings', true);
    await storage.clear('ws-1');
    expect(await storage.read('ws-1')).toEqual({ done: [], dismissed: false });
    expect((await storage.read('ws-2')).done).toEqual(['share-learnings']);
  });
});

describe('setup state in Dexie', () => {
  it('keeps its rows under setup:<workspace>:done and :dismissed, across a reopen', async () => {
    const db = openDb('setup-state-reopen');
    const storage = createDexieSetupStateStorage(db);
    await storage.setStepDone('ws-1', 'enhance-tools', true);
    await storage.setDismissed('ws-1', true);
    expect(await db.settings.get('setup:ws-1:done')).toEqual({ key: 'setup:ws-1:done', value: ['enhance-tools'] });
    expect(await db.settings.get('setup:ws-1:dismissed')).toEqual({ key: 'setup:ws-1:dismissed', value: true });
    expect(setupDoneKey('ws-1')).toBe('setup:ws-1:done');
    expect(setupDismissedKey('ws-1')).toBe('setup:ws-1:dismissed');
    db.close();

    const reopened = createDexieSetupStateStorage(openDb('setup-state-reopen'));
    expect(await reopened.read('ws-1')).toEqual({ done: ['enhance-tools'], dismissed: true });
  });

  it('keeps both of two ticks made at once', async () => {
    const storage = createDexieSetupStateStorage(openDb());
    await Promise.all([
      storage.setStepDone('ws-1', 'refine-processes', true),
      storage.setStepDone('ws-1', 'reduce-friction', true),
    ]);
    expect([...(await storage.read('ws-1')).done].sort()).toEqual(['reduce-friction', 'refine-processes']);
  });

  it('reads rows it did not write as nothing ticked and not hidden', async () => {
    const db = openDb();
    await db.settings.bulkPut([
      { key: 'setup:ws-1:done', value: 'identify-quick-wins' },
      { key: 'setup:ws-1:dismissed', value: 'yes' },
    ]);
    const storage = createDexieSetupStateStorage(db);
    expect(await storage.read('ws-1')).toEqual({ done: [], dismissed: false });
    await storage.setStepDone('ws-1', 'identify-quick-wins', true);
    expect((await storage.read('ws-1')).done).toEqual(['identify-quick-wins']);
  });
});
